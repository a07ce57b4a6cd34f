import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { loadRevocationList } from '../../services/trust/revocation-lists'
import {
  addTrustedCertificates,
  findTrustedCertificates,
  removeTrustedCertificate,
} from '../../services/trust/trusted-certificates'
import { bearer, createRouter, IdParam, responses } from '../router'
import {
  RevocationListLoaded,
  TrustedCertificate,
  TrustedCertificates,
  TrustedCertificatesAdded,
} from '../schemas/trust'

const OrganizationQuery = z.object({
  organizationId: z
    .string()
    .optional()
    .openapi({ param: { name: 'organizationId', in: 'query' }, description: "the installation admin's choice" }),
})

const bodyOf = async (c: { req: { arrayBuffer: () => Promise<ArrayBuffer> } }) =>
  new Uint8Array(await c.req.arrayBuffer())

/**
 * The trusted list of accredited CAs under which a qualified signature (КЭП) is accepted, and their CRLs: an
 * admin's. The POST bodies are files of any content type (told apart by their bytes): plain Hono routes,
 * described for /openapi.json below.
 */
export const trustRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/trust/certificates',
      tags: ['trust'],
      security: bearer,
      summary: "The organization's trusted accredited CAs (?organizationId= for the installation admin)",
      request: { query: OrganizationQuery },
      responses: responses(
        { status: 200, description: '{organizationId, certificates[]}', schema: TrustedCertificates },
        401,
        403,
        404,
        422,
      ),
    }),
    async (c) => c.json(await findTrustedCertificates(c.var.ctx, c.req.valid('query').organizationId), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/trust/certificates/{id}',
      tags: ['trust'],
      security: bearer,
      summary: 'Take a CA off the trusted list: signatures under it are no longer qualified',
      request: { params: IdParam },
      responses: responses(
        { status: 200, description: 'The certificate removed', schema: TrustedCertificate },
        401,
        403,
        404,
      ),
    }),
    async (c) => c.json(await removeTrustedCertificate(c.var.ctx, c.req.valid('param').id), 200),
  )
  .post('/trust/certificates', async (c) =>
    c.json(
      await addTrustedCertificates(c.var.ctx, {
        bytes: await bodyOf(c),
        organizationId: c.req.query('organizationId'),
      }),
      201,
    ),
  )
  .post('/trust/crls', async (c) =>
    c.json(
      await loadRevocationList(c.var.ctx, { bytes: await bodyOf(c), organizationId: c.req.query('organizationId') }),
      201,
    ),
  )

const file = z.string().openapi({ format: 'binary' })

export const describeTrustRoutes = (registry: OpenAPIHono['openAPIRegistry']) => {
  registry.registerPath(
    createRoute({
      method: 'post',
      path: '/api/trust/certificates',
      tags: ['trust'],
      security: bearer,
      summary:
        'Add a CA certificate (DER, PEM or Base64) or the official XML list of accredited CAs (its standing CAs) to the trusted list; told apart by the bytes, whatever the content type',
      request: {
        query: OrganizationQuery,
        body: {
          required: true,
          content: {
            'application/pkix-cert': { schema: file },
            'application/x-pem-file': { schema: file },
            'application/xml': { schema: file },
            'application/octet-stream': { schema: file },
          },
        },
      },
      responses: responses(
        {
          status: 201,
          description: '{organizationId, source, added[], alreadyTrusted, skipped}',
          schema: TrustedCertificatesAdded,
        },
        401,
        403,
        404,
        413,
        422,
      ),
    }),
  )
  registry.registerPath(
    createRoute({
      method: 'post',
      path: '/api/trust/crls',
      tags: ['trust'],
      security: bearer,
      summary:
        "Load a trusted CA's CRL (DER or PEM), its signature checked; it replaces the CA's older one. The service never fetches a CRL itself",
      request: {
        query: OrganizationQuery,
        body: {
          required: true,
          content: { 'application/pkix-crl': { schema: file }, 'application/octet-stream': { schema: file } },
        },
      },
      responses: responses(
        {
          status: 201,
          description: '{id, organizationId, issuer, thisUpdate, nextUpdate, revoked}',
          schema: RevocationListLoaded,
        },
        401,
        403,
        404,
        409,
        413,
        422,
      ),
    }),
  )
}
