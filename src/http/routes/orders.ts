import { createRoute, z } from '@hono/zod-openapi'
import { archiveOrder, ArchiveOrderInput } from '../../services/archive-order'
import { DraftContent } from '../../domain/draft'
import { draftValidationHook } from '../errors'
import { cancelOrder, CancelOrderInput } from '../../services/cancel-order'
import { changeRoute } from '../../services/change-route'
import { checkDraftContent } from '../../services/check-draft'
import { createOrder } from '../../services/create-order'
import { getOrder, getOrderHistory, HistoryQuery } from '../../services/get-order'
import { findOrders, ListOrdersQuery } from '../../services/list-orders'
import { registerOrder, RegisterOrderInput } from '../../services/register-order'
import { reissueLinks } from '../../services/reissue-links'
import { suggestRoute } from '../../services/route-suggestion'
import { submitOrder, SubmitOrderInput } from '../../services/submit-order'
import { updateDraft } from '../../services/update-draft'
import { BODY_ERRORS, bearer, createRouter, IdParam, jsonBody, responses } from '../router'
import {
  Cancelled,
  ContentCheck,
  Order,
  OrderHistory,
  OrderList,
  OrderRef,
  Registration,
  RouteLinks,
  ArchivedOrder,
  RouteSuggestion,
} from '../schemas/orders'

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
        { status: 200, description: 'Schema problems and the linter’s, each with its path', schema: ContentCheck },
        401,
        403,
        ...BODY_ERRORS,
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
      responses: responses({ status: 201, description: 'The draft', schema: OrderRef }, 401, 403, ...BODY_ERRORS),
    }),
    async (c) => c.json(await createOrder(c.var.ctx, c.req.valid('json')), 201),
    draftValidationHook,
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/archive',
      tags,
      security: bearer,
      summary:
        'Store an order of the archive as registered with its own number and date (no new number taken, no signature ' +
        'claimed, «внесён из архива»); control: its points go on control; 409 names the order holding the number',
      request: jsonBody(ArchiveOrderInput),
      responses: responses(
        {
          status: 201,
          description: '{id,status:"registered",imported:true,number,date,journalId,controlItems}',
          schema: ArchivedOrder,
        },
        401,
        403,
        409,
        ...BODY_ERRORS,
      ),
    }),
    async (c) => c.json(await archiveOrder(c.var.ctx, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      security: bearer,
      summary: 'List orders (q: full-text search, Russian morphology)',
      request: { query: ListOrdersQuery },
      responses: responses({ status: 200, description: 'A page of orders', schema: OrderList }, 401, 422),
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
      responses: responses({ status: 200, description: 'The order', schema: Order }, 401, 403, 404),
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
      responses: responses(
        { status: 200, description: 'The new version', schema: OrderRef },
        401,
        403,
        404,
        409,
        ...BODY_ERRORS,
      ),
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
      responses: responses(
        { status: 200, description: 'One link per person', schema: RouteLinks },
        401,
        403,
        404,
        409,
        ...BODY_ERRORS,
      ),
    }),
    async (c) => c.json(await submitOrder(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{id}/route',
      tags,
      security: bearer,
      summary:
        'Change the route of an order in approval or signature before anyone has decided (the body as for submit): ' +
        'the file to sign rendered again, the old links revoked, new ones issued; 409 after a decision (return the order first)',
      request: { ...byId, ...jsonBody(SubmitOrderInput) },
      responses: responses(
        { status: 200, description: '{status,links}', schema: RouteLinks },
        401,
        403,
        404,
        409,
        ...BODY_ERRORS,
      ),
    }),
    async (c) => c.json(await changeRoute(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
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
      responses: responses(
        { status: 200, description: '{steps,signer,signerFrom,saved}', schema: RouteSuggestion },
        401,
        403,
        404,
      ),
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
      responses: responses({ status: 200, description: 'The new links', schema: RouteLinks }, 401, 403, 404, 409),
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
          description: 'sealed is false when the seal failed and the sweeper will add it',
          schema: Registration,
        },
        401,
        403,
        404,
        409,
        ...BODY_ERRORS,
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
      responses: responses(
        { status: 200, description: 'Cancelled', schema: Cancelled },
        401,
        403,
        404,
        409,
        ...BODY_ERRORS,
      ),
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
      responses: responses({ status: 200, description: 'A page of events', schema: OrderHistory }, 401, 403, 404, 422),
    }),
    async (c) => c.json(await getOrderHistory(c.var.ctx, c.req.valid('param').id, c.req.query()), 200),
  )
