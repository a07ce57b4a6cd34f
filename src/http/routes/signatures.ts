import { getRegisteredDocument } from '../../services/seal-order'
import { getSignedDocument } from '../../services/signatures'
import { uploadCredential } from '../../services/upload-credential'
import { verifyDocument } from '../../services/verify-document'
import { createRouter } from '../router'
import { documentResponse } from './documents'

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
