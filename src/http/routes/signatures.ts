import { getRegisteredDocument } from '../../services/seal-order'
import { getSignedDocument } from '../../services/signatures'
import { uploadCredential } from '../../services/upload-credential'
import { verifyDocument } from '../../services/verify-document'
import { createRoute, z } from '@hono/zod-openapi'
import { createRouter, errorResponses, IdParam, responses } from '../router'
import { CredentialStored, Verification } from '../schemas/documents'
import { documentResponse, fileAnswers } from './documents'

/** The signed file of an order (under /api/orders). */
export const signedDocumentRoutes = createRouter()
  .get('/:id/signed.pdf', async (c) => documentResponse(c, await getSignedDocument(c.var.ctx, c.req.param('id'))))
  .get('/:id/registered.pdf', async (c) =>
    documentResponse(c, await getRegisteredDocument(c.var.ctx, c.req.param('id'))),
  )

/** POST /api/verify: a PDF in the body (any content type), the verification report out; anyone may ask. */
export const verifyRoutes = createRouter().post('/verify', async (c) => {
  const bytes = new Uint8Array(await c.req.arrayBuffer())
  return c.json(await verifyDocument(c.var.ctx, bytes))
})

/** POST /api/signing/credentials: an admin uploads a person's PKCS#12 (multipart: file, password, email). */
export const credentialRoutes = createRouter().post('/signing/credentials', async (c) => {
  const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>)
  const file = form.file
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined)
  return c.json(
    await uploadCredential(c.var.ctx, {
      email: text(form.email),
      password: text(form.password) ?? '',
      bytes: file instanceof File ? new Uint8Array(await file.arrayBuffer()) : undefined,
      ...(text(form.organizationId) ? { organizationId: text(form.organizationId) } : {}),
    }),
    201,
  )
})

const pdf = { content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } }

/** The routes above are plain Hono routes (binary and multipart bodies); described here for /openapi.json. */
export const describeSignatureRoutes = (registry: ReturnType<typeof createRouter>['openAPIRegistry']) => {
  for (const [file, summary] of [
    ['signed.pdf', 'The file with the visas and the signature so far'],
    [
      'registered.pdf',
      'The sealed file (registration number, date, QR code, registration signature); 409 until sealed',
    ],
  ] as const)
    registry.registerPath(
      createRoute({
        method: 'get',
        path: `/api/orders/{id}/${file}`,
        tags: ['signatures'],
        summary,
        security: [{ bearer: [] }],
        request: { params: IdParam },
        responses: {
          200: { description: 'PDF', ...pdf },
          ...fileAnswers,
          ...errorResponses(401, 403, 404, 409, 503),
        },
      }),
    )
  registry.registerPath(
    createRoute({
      method: 'post',
      path: '/api/verify',
      tags: ['signatures'],
      summary: 'Verify any PDF sent as the body: every signature, and whether the file is one of ours',
      request: { body: { content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } } },
      responses: responses(
        { status: 200, description: 'The verification report', schema: Verification },
        400,
        413,
        415,
        422,
        429,
      ),
    }),
  )
  registry.registerPath(
    createRoute({
      method: 'post',
      path: '/api/signing/credentials',
      tags: ['signatures'],
      summary: "Upload a person's PKCS#12 (their key and certificate); their next visa or signature uses it",
      security: [{ bearer: [] }],
      request: {
        body: {
          content: {
            'multipart/form-data': {
              schema: z.object({
                file: z.string().openapi({ format: 'binary' }),
                password: z.string(),
                email: z.string(),
                organizationId: z.string().optional(),
              }),
            },
          },
        },
      },
      responses: responses(
        { status: 201, description: 'The certificate stored', schema: CredentialStored },
        400,
        401,
        403,
        404,
        413,
        422,
      ),
    }),
  )
}
