import { createRoute, z } from '@hono/zod-openapi'
import { LIMITS } from '../../domain/limits'
import { acknowledgeOrder } from '../../services/executor/acknowledge-order'
import { getExecutorOrderFile, getReportFileForExecutor } from '../../services/executor/executor-files'
import { listExecutorItems } from '../../services/executor/executor-items'
import { ExtensionRequestInput, requestExtension } from '../../services/executor/extension-requests'
import {
  checkReceivedFiles,
  ExecutorReportInput,
  reportByExecutor,
  reportByExecutorJson,
} from '../../services/executor/report-by-executor'
import { readMultipartReport } from '../multipart-report'
import { BODY_ERRORS, IdParam, createRouter, errorResponses, jsonBody, responses } from '../router'
import { ControlItem } from '../schemas/control'
import { Acknowledged, ExecutorItems } from '../schemas/executor'
import { documentResponse } from './documents'

const tags = ['executor']
/** A personal link's token (`Authorization: Executor <token>`), or the session of an account tied to an executor. */
const security: Record<string, string[]>[] = [{ executor: [] }, { bearer: [] }]
const OrderParam = z.object({
  orderId: z.string().openapi({ param: { name: 'orderId', in: 'path' }, example: '0b9c…' }),
})

/** The executor's side of control (issue 27), under /api/executor. */
export const executorSideRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/items',
      tags,
      security,
      summary: "The executor's items (responsible and co-executor), overdue and due soon first",
      responses: responses({ status: 200, description: '{executor,items}', schema: ExecutorItems }, 401, 403, 410),
    }),
    async (c) => c.json(await listExecutorItems(c.var.ctx), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/items/{id}/extension-request',
      tags,
      security,
      summary: 'Ask for a new due date (not before today, after the current one), with a reason',
      request: { params: IdParam, ...jsonBody(ExtensionRequestInput) },
      responses: responses(
        { status: 200, description: 'The control item', schema: ControlItem },
        401,
        403,
        404,
        409,
        410,
        ...BODY_ERRORS,
      ),
    }),
    async (c) => c.json(await requestExtension(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/orders/{orderId}/acknowledge',
      tags,
      security,
      summary: 'Confirm the order: received and read (ознакомлен)',
      request: { params: OrderParam },
      responses: responses(
        { status: 200, description: '{orderId,confirmedAt}', schema: Acknowledged },
        401,
        403,
        404,
        409,
        410,
      ),
    }),
    async (c) => c.json(await acknowledgeOrder(c.var.ctx, c.req.valid('param').orderId), 200),
  )
  // a report comes as JSON (files inline, base64, ≤ 2 MB each) or as multipart/form-data (streamed, ≤ 15 MB each)
  .post('/items/:id/report', async (c) => {
    const id = c.req.param('id')
    const type = c.req.header('content-type') ?? ''
    if (/^multipart\/form-data/i.test(type)) {
      const { text, files } = await readMultipartReport(c.req.raw.body, type)
      return c.json(
        await reportByExecutor(c.var.ctx, id, { text, files: checkReceivedFiles(files, LIMITS.report.fileBytes) }),
        200,
      )
    }
    return c.json(await reportByExecutorJson(c.var.ctx, id, await c.req.json()), 200)
  })
  .get('/items/:id/files/:fileId', async (c) =>
    documentResponse(c, await getReportFileForExecutor(c.var.ctx, c.req.param('id'), c.req.param('fileId'))),
  )
  .get('/orders/:orderId/registered.pdf', async (c) =>
    documentResponse(c, await getExecutorOrderFile(c.var.ctx, c.req.param('orderId'))),
  )

const binary = z.string().openapi({ format: 'binary' })
const FileParams = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' } }),
  fileId: z.string().openapi({ param: { name: 'fileId', in: 'path' } }),
})

/** The plain routes above (two body types, files out), described for /openapi.json. */
export const describeExecutorRoutes = (registry: ReturnType<typeof createRouter>['openAPIRegistry']) => {
  registry.registerComponent('securitySchemes', 'executor', {
    type: 'apiKey',
    in: 'header',
    name: 'Authorization',
    description: 'Executor <token>: the token of the personal link /x/<token>',
  })
  registry.registerPath(
    createRoute({
      method: 'post',
      path: '/api/executor/items/{id}/report',
      tags,
      security,
      summary:
        'Report on an item with files (PDF, DOCX, XLSX, PNG, JPEG; typed by their bytes): JSON with base64 files ≤ 2 MB, or multipart/form-data (text, file…) ≤ 15 MB each',
      request: {
        params: IdParam,
        body: {
          content: {
            'application/json': { schema: ExecutorReportInput },
            'multipart/form-data': { schema: z.object({ text: z.string(), file: binary.optional() }) },
          },
        },
      },
      responses: responses(
        { status: 200, description: 'The control item', schema: ControlItem },
        400,
        401,
        403,
        404,
        409,
        410,
        413,
        415,
        422,
      ),
    }),
  )
  registry.registerPath(
    createRoute({
      method: 'get',
      path: '/api/executor/items/{id}/files/{fileId}',
      tags,
      security,
      summary: "A file of a report on one of the executor's items",
      request: { params: FileParams },
      responses: { 200: { description: 'The file' }, ...errorResponses(401, 403, 404, 410) },
    }),
  )
  registry.registerPath(
    createRoute({
      method: 'get',
      path: '/api/executor/orders/{orderId}/registered.pdf',
      tags,
      security,
      summary: 'The sealed file of an order the executor is named in or was sent',
      request: { params: OrderParam },
      responses: {
        200: { description: 'PDF', content: { 'application/pdf': { schema: binary } } },
        ...errorResponses(401, 403, 404, 409, 410),
      },
    }),
  )
}
