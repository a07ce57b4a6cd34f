import { createRoute, z } from '@hono/zod-openapi'
import { OrderError } from '../../domain/errors'
import { publishedCaCertificate, publishedCrl } from '../../services/certificate-authority'
import { createRouter, errorResponses } from '../router'

/** How long a relying party may keep the CRL before asking again: a revocation reaches it within minutes. */
const CRL_MAX_AGE_SECONDS = 300

const FileParam = z.object({
  file: z.string().openapi({ param: { name: 'file', in: 'path' }, example: '0b9c2f4e-….crl' }),
})

/**
 * `/ca/<organization id>.pem` and `/ca/<organization id>.crl`: the organization CA's certificate and its
 * revocation list, open to anyone (a CRL distribution point is fetched without signing in).
 */
export const certificateAuthorityRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/{file}',
    tags: ['signatures'],
    summary:
      'The organization CA: <organization id>.pem its certificate, <organization id>.crl its current CRL (DER), <organization id>-tsa.crl the CRL of its time-stamping unit',
    request: { params: FileParam },
    responses: {
      200: {
        description: 'application/x-pem-file for .pem, application/pkix-crl for .crl',
        content: {
          'application/x-pem-file': { schema: z.string() },
          'application/pkix-crl': { schema: z.string().openapi({ format: 'binary' }) },
        },
      },
      ...errorResponses(404),
    },
  }),
  async (c) => {
    const { file } = c.req.valid('param')
    const [, organizationId, tsa, extension] = /^(.+?)(-tsa)?\.(pem|crl)$/.exec(file) ?? []
    if (!organizationId || (tsa && extension === 'pem'))
      throw new OrderError('not_found', 'Здесь публикуются только файлы .pem и .crl организаций')
    if (extension === 'pem') {
      const { pem, fileName } = await publishedCaCertificate(c.var.ctx, organizationId)
      c.header('content-type', 'application/x-pem-file')
      c.header('content-disposition', `attachment; filename="${fileName}"`)
      c.header('cache-control', 'public, max-age=86400')
      return c.body(pem, 200)
    }
    const crl = await publishedCrl(c.var.ctx, organizationId, tsa ? 'time-stamping' : 'all')
    c.header('content-type', 'application/pkix-crl')
    c.header('cache-control', `public, max-age=${CRL_MAX_AGE_SECONDS}`)
    c.header('last-modified', crl.issuedAt.toUTCString())
    return c.body(new Uint8Array(crl.der), 200)
  },
)
