import { createRoute, z } from '@hono/zod-openapi'
import { getReportFile } from '../../services/executor/executor-files'
import {
  GrantExtensionInput,
  grantExtension,
  RefuseExtensionInput,
  refuseExtension,
} from '../../services/executor/extension-requests'
import { documentResponse } from './documents'
import {
  acceptControlItem,
  ExtendInput,
  extendControlItem,
  RemoveInput,
  ReopenInput,
  ReportInput,
  removeControlItem,
  reopenControlItem,
  ReturnInput,
  reportControlItem,
  returnControlItem,
} from '../../services/control-item-actions'
import { findControlItems, getControlItem, ListControlQuery } from '../../services/list-control-items'
import { BODY_ERRORS, bearer, createRouter, errorResponses, IdParam, jsonBody, responses } from '../router'
import { ControlItem, ControlItems, ControlItemWithHistory } from '../schemas/control'

const tags = ['control']
const RequestParams = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' } }),
  requestId: z.string().openapi({ param: { name: 'requestId', in: 'path' } }),
})
const FileParams = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' } }),
  fileId: z.string().openapi({ param: { name: 'fileId', in: 'path' } }),
})
const extensionDecision = <B extends z.ZodType>(path: string, summary: string, body: B) =>
  createRoute({
    method: 'post',
    tags,
    security: bearer,
    path: `/{id}/extension-requests/{requestId}/${path}`,
    summary,
    request: { params: RequestParams, ...jsonBody(body, path === 'refuse') },
    responses: decided,
  })
const byId = { params: IdParam }
const decisionRoute = { method: 'post', tags, security: bearer } as const
const decided = responses(
  { status: 200, description: 'The control item', schema: ControlItem },
  401,
  403,
  404,
  409,
  ...BODY_ERRORS,
)
const decision = <B extends z.ZodType>(path: string, summary: string, body: B) =>
  createRoute({
    ...decisionRoute,
    path: `/{id}/${path}`,
    summary,
    request: { ...byId, ...jsonBody(body) },
    responses: decided,
  })

/** Control items: the list with derived overdue and due soon, one item with its history, and the decisions. */
export const controlRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      security: bearer,
      summary: 'Control items, earliest due first (status: a state, overdue or due_soon)',
      request: { query: ListControlQuery },
      responses: responses(
        { status: 200, description: 'A page of control items', schema: ControlItems },
        401,
        403,
        422,
      ),
    }),
    async (c) => c.json(await findControlItems(c.var.ctx, c.req.query()), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      security: bearer,
      summary: 'One control item with its history',
      request: byId,
      responses: responses(
        { status: 200, description: 'The control item', schema: ControlItemWithHistory },
        401,
        403,
        404,
      ),
    }),
    async (c) => c.json(await getControlItem(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(decision('report', 'The execution report (text, optional file as base64)', ReportInput), async (c) =>
    c.json(await reportControlItem(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      ...decisionRoute,
      path: '/{id}/accept',
      summary: 'Accept the report: done, or the next occurrence of a recurring item',
      request: byId,
      responses: decided,
    }),
    async (c) => c.json(await acceptControlItem(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(decision('return', 'Return the report with a comment', ReturnInput), async (c) =>
    c.json(await returnControlItem(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(decision('extend', 'A new due date after the old one (controller or the signer)', ExtendInput), async (c) =>
    c.json(await extendControlItem(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(decision('remove', 'Take off control with a reason (controller or the signer)', RemoveInput), async (c) =>
    c.json(await removeControlItem(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(decision('reopen', 'Put a done or removed item back on control', ReopenInput), async (c) =>
    c.json(await reopenControlItem(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    extensionDecision(
      'grant',
      "Grant an executor's extension request: the requested date, or another later one",
      GrantExtensionInput,
    ),
    async (c) => {
      const { id, requestId } = c.req.valid('param')
      return c.json(await grantExtension(c.var.ctx, id, requestId, c.req.valid('json')), 200)
    },
  )
  .openapi(
    extensionDecision('refuse', "Refuse an executor's extension request, with a comment", RefuseExtensionInput),
    async (c) => {
      const { id, requestId } = c.req.valid('param')
      return c.json(await refuseExtension(c.var.ctx, id, requestId, c.req.valid('json')), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/files/{fileId}',
      tags,
      security: bearer,
      summary: "A file of a report on the item (as the executor's bytes were found to be, with its name)",
      request: { params: FileParams },
      responses: { 200: { description: 'The file' }, ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const { id, fileId } = c.req.valid('param')
      return documentResponse(c, await getReportFile(c.var.ctx, id, fileId)) as never
    },
  )
