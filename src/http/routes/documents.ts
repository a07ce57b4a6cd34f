import type { Context } from 'hono'
import { checkOrderContent, renderOrderDocument } from '../../services/order-documents'
import { findTemplates, uploadTemplate } from '../../services/templates'
import { createRouter } from '../router'
import type { AppEnv } from '../middleware/context'

const disposition = (kind: 'inline' | 'attachment', fileName: string) => {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

/** A rendered document as the answer: PDFs open in the browser, DOCX files download. */
export const documentResponse = (c: Context<AppEnv>, doc: { bytes: Uint8Array; fileName: string; contentType: string }) => {
  c.header('content-type', doc.contentType)
  c.header('content-disposition', disposition(doc.contentType === 'application/pdf' ? 'inline' : 'attachment', doc.fileName))
  return c.body(new Uint8Array(doc.bytes))
}

const sendDocument = async (c: Context<AppEnv>, format: 'pdf' | 'docx') =>
  documentResponse(c, await renderOrderDocument(c.var.ctx, c.req.param('id')!, format))

/** Renderings and the linter of an order (under /api/orders), and the templates (under /api). */
export const documentRoutes = createRouter()
  .get('/:id/document.pdf', (c) => sendDocument(c, 'pdf'))
  .get('/:id/document.docx', (c) => sendDocument(c, 'docx'))
  .get('/:id/check', async (c) => c.json(await checkOrderContent(c.var.ctx, c.req.param('id'))))

export const templateRoutes = createRouter()
  .get('/templates', async (c) => c.json(await findTemplates(c.var.ctx)))
  .post('/templates', async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>)
    const file = form.file
    const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : undefined
    return c.json(await uploadTemplate(c.var.ctx, { kind: form.kind, name: form.name ?? (file instanceof File ? file.name : undefined), bytes }), 201)
  })

const binary = (type: string) => ({ content: { [type]: { schema: { type: 'string' as const, format: 'binary' } } } })

/** The routes above are plain Hono routes (binary bodies, multipart); describe them for /openapi.json. */
export const describeDocumentRoutes = (registry: ReturnType<typeof createRouter>['openAPIRegistry']) => {
  const id = [{ name: 'id', in: 'path' as const, required: true, schema: { type: 'string' as const } }]
  registry.registerPath({ method: 'get', path: '/api/orders/{id}/document.pdf', tags: ['documents'], summary: 'The order as PDF, appendices included', parameters: id, responses: { 200: { description: 'PDF', ...binary('application/pdf') } } } as never)
  registry.registerPath({ method: 'get', path: '/api/orders/{id}/document.docx', tags: ['documents'], summary: 'The order as DOCX from its template', parameters: id, responses: { 200: { description: 'DOCX', ...binary('application/vnd.openxmlformats-officedocument.wordprocessingml.document') } } } as never)
  registry.registerPath({ method: 'get', path: '/api/orders/{id}/check', tags: ['documents'], summary: 'The order linter: {problems:[{code,message,path}]}', parameters: id, responses: { 200: { description: 'Problems' } } } as never)
  registry.registerPath({ method: 'get', path: '/api/templates', tags: ['templates'], summary: 'Built-in and uploaded templates', responses: { 200: { description: '{items}' } } } as never)
  registry.registerPath({ method: 'post', path: '/api/templates', tags: ['templates'], summary: 'Upload a .docx template (multipart: file, kind, name); 422 lists every problem', requestBody: { content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' }, kind: { type: 'string', enum: ['prikaz', 'rasporyazhenie'] }, name: { type: 'string' } } } } } }, responses: { 201: { description: 'The template' }, 422: { description: 'Every problem of the file' } } } as never)
}
