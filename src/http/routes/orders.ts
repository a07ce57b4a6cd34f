import { createRoute, z } from '@hono/zod-openapi'
import { OrderContent } from '../../domain/content'
import { DraftContent } from '../../domain/draft'
import { draftValidationHook } from '../errors'
import { cancelOrder, CancelOrderInput } from '../../services/cancel-order'
import { checkDraftContent } from '../../services/check-draft'
import { createOrder } from '../../services/create-order'
import { getOrder, getOrderHistory, HistoryQuery } from '../../services/get-order'
import { findOrders, ListOrdersQuery } from '../../services/list-orders'
import { registerOrder, RegisterOrderInput } from '../../services/register-order'
import { reissueLinks } from '../../services/reissue-links'
import { suggestRoute } from '../../services/route-suggestion'
import { submitOrder, SubmitOrderInput } from '../../services/submit-order'
import { updateDraft } from '../../services/update-draft'
import { bearer, createRouter, IdParam, jsonBody, responses } from '../router'

const tags = ['orders']
const byId = { params: IdParam }

export const ordersRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/check',
      tags,
      security: bearer,
      summary: 'Check content not yet saved: schema problems and the linter, each with its path; stores nothing',
      request: { body: { content: { 'application/json': { schema: z.unknown() } }, required: true } },
      responses: responses(
        { status: 200, description: '{valid,problems:[{code,message,path}]}' },
        400,
        401,
        403,
        413,
        422,
      ),
    }),
    async (c) => c.json(checkDraftContent(c.var.ctx, await c.req.json()), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      security: bearer,
      summary:
        'Create a draft order; unfinished content is kept (only kind is required), completeness is checked at submit',
      request: jsonBody(DraftContent),
      responses: responses({ status: 201, description: '{id,status:"draft",version:1}' }, 400, 401, 403, 422),
    }),
    async (c) => c.json(await createOrder(c.var.ctx, c.req.valid('json')), 201),
    draftValidationHook,
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      security: bearer,
      summary: 'List orders (q: full-text search, Russian morphology)',
      request: { query: ListOrdersQuery },
      responses: responses({ status: 200, description: '{items,nextCursor}' }, 401, 422),
    }),
    async (c) => c.json(await findOrders(c.var.ctx, c.req.query()), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      security: bearer,
      summary: 'One order: content, status, number, approvals, history',
      request: byId,
      responses: {
        ...responses({ status: 200, description: 'The order' }, 401, 403, 404),
        // a draft's content may be unfinished (DraftContent); submit requires OrderContent of it
        200: {
          description: 'The order; its content an OrderContent once submitted, a DraftContent before',
          content: {
            'application/json': { schema: z.looseObject({ content: z.union([OrderContent, DraftContent]) }) },
          },
        },
      },
    }),
    async (c) => c.json(await getOrder(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{id}',
      tags,
      security: bearer,
      summary: 'New version of a draft, unfinished or not',
      request: { ...byId, ...jsonBody(DraftContent) },
      responses: responses({ status: 200, description: '{id,status,version}' }, 400, 401, 403, 404, 409, 422),
    }),
    async (c) => c.json(await updateDraft(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
    draftValidationHook,
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/submit',
      tags,
      security: bearer,
      summary:
        'Send for approval and signature; returns one link per person. An unfinished draft is 422, every problem by its place',
      request: { ...byId, ...jsonBody(SubmitOrderInput) },
      responses: responses({ status: 200, description: '{status,links}' }, 400, 401, 403, 404, 409, 422),
    }),
    async (c) => c.json(await submitOrder(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/route-suggestion',
      tags,
      security: bearer,
      summary:
        "The route offered for sending: the organization's last approvers for the order's kind (still active) and the signer the document's signer block names (a director account), else the last route's",
      request: byId,
      responses: responses({ status: 200, description: '{steps,signer,signerFrom,saved}' }, 401, 403, 404),
    }),
    async (c) => c.json(await suggestRoute(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/links/reissue',
      tags,
      security: bearer,
      summary:
        'New links for whoever the order waits on (the current approval step, or the signer); their old links are revoked',
      request: byId,
      responses: responses({ status: 200, description: '{status,links}' }, 401, 403, 404, 409),
    }),
    async (c) => c.json(await reissueLinks(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/register',
      tags,
      security: bearer,
      summary: 'Register a signed order: the next number of the journal',
      request: { ...byId, ...jsonBody(RegisterOrderInput, false) },
      responses: responses(
        {
          status: 200,
          description: '{number,date,sealed}: sealed is false when the seal failed and the sweeper will add it',
        },
        400,
        401,
        403,
        404,
        409,
        422,
      ),
    }),
    async (c) => c.json(await registerOrder(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/cancel',
      tags,
      security: bearer,
      summary: 'Cancel before registration',
      request: { ...byId, ...jsonBody(CancelOrderInput) },
      responses: responses({ status: 200, description: '{id,status}' }, 400, 401, 403, 404, 409, 422),
    }),
    async (c) => c.json(await cancelOrder(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/history',
      tags,
      security: bearer,
      summary:
        'Audit events of the order, oldest first, a page at a time (limit, default 100; cursor: nextCursor of the page before)',
      request: { ...byId, query: HistoryQuery },
      responses: responses({ status: 200, description: '{events,nextCursor}' }, 401, 403, 404, 422),
    }),
    async (c) => c.json(await getOrderHistory(c.var.ctx, c.req.valid('param').id, c.req.query()), 200),
  )
