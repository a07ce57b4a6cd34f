import type { Context } from 'hono'
import { checkOrderContent, getOrderDocument } from '../../services/order-documents'
import { findTemplates, uploadTemplate } from '../../services/templates'
import { createRoute, z } from '@hono/zod-openapi'
import { OrderKind } from '../../domain/content'
import { asciiFileName } from '../../domain/file-names'
import { createRouter, IdParam, responses, errorResponses } from '../router'
import { parseByteRange } from '../byte-range'
import { Template, Templates } from '../schemas/documents'
import { OrderCheck } from '../schemas/orders'
import type { AppEnv } from '../middleware/context'

/** RFC 6266: the name in UTF-8 (`filename*`, RFC 8187) and, for a client that reads only `filename`, in ASCII. */
export const disposition = (kind: 'inline' | 'attachment', fileName: string) =>
  `${kind}; filename="${asciiFileName(fileName)}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  )}`

/** The hashes a client says it holds (If-None-Match): our ETags are the quoted SHA-256 of the file, or `*`. */
export const knownHashes = (c: Context<AppEnv>) =>
  (c.req.header('if-none-match') ?? '')
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, '').replace(/^"|"$/g, ''))
    .filter(Boolean)

/**
 * A stored document as the answer: PDFs open in the browser, DOCX files download. The ETag is the file's
 * hash, so a client holding it gets 304; documents hold personal data, so no cache keeps them (no-store).
 * One range of bytes is served as asked (206), as a PDF viewer reading the first pages asks; `If-Range` with
 * another ETag gets the whole file.
 */
export const documentResponse = (
  c: Context<AppEnv>,
  doc: { bytes: Uint8Array | null; sha256?: string; fileName: string; contentType: string; renderMs?: number },
  { download = false }: { download?: boolean } = {},
) => {
  if (doc.sha256) c.header('etag', `"${doc.sha256}"`)
  // a file rendered for this request says how long the rendering took (browsers' and benches' timing)
  if (doc.renderMs !== undefined) c.header('server-timing', `render;dur=${doc.renderMs.toFixed(1)}`)
  c.header('cache-control', 'no-store')
  const known = knownHashes(c)
  if (!doc.bytes || (doc.sha256 && (known.includes(doc.sha256) || known.includes('*')))) return c.body(null, 304)
  c.header('content-type', doc.contentType)
  c.header(
    'content-disposition',
    disposition(doc.contentType === 'application/pdf' && !download ? 'inline' : 'attachment', doc.fileName),
  )
  c.header('accept-ranges', 'bytes')
  const ifRange = c.req.header('if-range')
  const sameFile = !ifRange || (doc.sha256 !== undefined && ifRange.trim() === `"${doc.sha256}"`)
  const range = sameFile ? parseByteRange(c.req.header('range'), doc.bytes.length) : undefined
  if (range === 'unsatisfiable') {
    c.header('content-range', `bytes */${doc.bytes.length}`)
    return c.body(null, 416)
  }
  if (range) {
    c.header('content-range', `bytes ${range.start}-${range.end}/${doc.bytes.length}`)
    return c.body(new Uint8Array(doc.bytes.subarray(range.start, range.end + 1)), 206)
  }
  return c.body(new Uint8Array(doc.bytes))
}

const sendDocument = async (c: Context<AppEnv>, format: 'pdf' | 'docx') =>
  documentResponse(c, await getOrderDocument(c.var.ctx, c.req.param('id')!, format, { known: knownHashes(c) }))

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
    return c.json(
      await uploadTemplate(c.var.ctx, {
        kind: form.kind,
        name: form.name ?? (file instanceof File ? file.name : undefined),
        bytes,
      }),
      201,
    )
  })

const binary = (type: string) => ({ content: { [type]: { schema: z.string().openapi({ format: 'binary' }) } } })
const byId = { params: IdParam }
/** What any stored file's GET may answer besides 200: conditional and range requests (`documentResponse`). */
export const fileAnswers = {
  206: { description: 'The one range of bytes the Range header asked for (Content-Range says which)' },
  304: { description: 'Not modified: If-None-Match holds the ETag of the stored file' },
  416: { description: 'The Range header asks for bytes past the end of the file' },
}
const storedFileAnswers = {
  ...fileAnswers,
  // 503 (standard): also every rendering thread busy and the queue full
  ...errorResponses(401, 403, 404),
}

/** The routes above are plain Hono routes (binary bodies, multipart); describe them for /openapi.json. */
export const describeDocumentRoutes = (registry: ReturnType<typeof createRouter>['openAPIRegistry']) => {
  registry.registerPath(
    createRoute({
      method: 'get',
      path: '/api/orders/{id}/document.pdf',
      tags: ['documents'],
      summary: 'The order as PDF, appendices included; ETag is its SHA-256',
      request: byId,
      responses: { 200: { description: 'PDF', ...binary('application/pdf') }, ...storedFileAnswers },
    }),
  )
  registry.registerPath(
    createRoute({
      method: 'get',
      path: '/api/orders/{id}/document.docx',
      tags: ['documents'],
      summary: 'The order as DOCX from its template; ETag is its SHA-256',
      request: byId,
      responses: {
        200: {
          description: 'DOCX',
          ...binary('application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
        },
        ...storedFileAnswers,
      },
    }),
  )
  registry.registerPath(
    createRoute({
      method: 'get',
      path: '/api/orders/{id}/check',
      tags: ['documents'],
      summary: 'The order linter',
      request: byId,
      responses: {
        200: {
          description: 'Problems',
          content: {
            'application/json': {
              schema: OrderCheck,
            },
          },
        },
        ...errorResponses(401, 403, 404),
      },
    }),
  )
  registry.registerPath(
    createRoute({
      method: 'get',
      path: '/api/templates',
      tags: ['templates'],
      summary: 'Built-in and uploaded templates',
      responses: responses({ status: 200, description: 'Built-in and uploaded templates', schema: Templates }, 401),
    }),
  )
  registry.registerPath(
    createRoute({
      method: 'post',
      path: '/api/templates',
      tags: ['templates'],
      summary: 'Upload a .docx template; 422 lists every problem of the file',
      request: {
        body: {
          content: {
            'multipart/form-data': {
              schema: z.object({ file: z.string().openapi({ format: 'binary' }), kind: OrderKind, name: z.string() }),
            },
          },
        },
      },
      responses: responses({ status: 201, description: 'The template', schema: Template }, 400, 401, 403, 413, 422),
    }),
  )
}
