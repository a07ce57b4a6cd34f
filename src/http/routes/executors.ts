import { createRoute } from '@hono/zod-openapi'
import {
  CalendarChange,
  CalendarQuery,
  changeCalendar,
  changePractice,
  getCalendar,
  getPractice,
  PracticeInput,
  PracticeQuery,
} from '../../services/control-settings'
import {
  changeExecutor,
  createExecutor,
  ExecutorChange,
  ExecutorInput,
  findExecutors,
  findUnresolvedExecutors,
  removeExecutor,
} from '../../services/executors'
import { issueExecutorLink, revokeExecutorLink } from '../../services/executor/executor-links'
import { BODY_ERRORS, bearer, createRouter, IdParam, jsonBody, responses } from '../router'
import { Calendar, CalendarChanged, ControlPractice } from '../schemas/control'
import { Executor, ExecutorRemoved, Executors, UnresolvedExecutors } from '../schemas/people'
import { ExecutorLink, ExecutorLinkRevoked } from '../schemas/executor'

const tags = ['executors']

/** The directory of executors, the production calendar and the record-keeping practice: the admin's. */
export const executorRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/executors',
      tags,
      security: bearer,
      summary: 'The directory of executors',
      responses: responses({ status: 200, description: 'The directory', schema: Executors }, 401),
    }),
    async (c) => c.json(await findExecutors(c.var.ctx), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/executors/unresolved',
      tags,
      security: bearer,
      summary: 'Executors written in control items that the directory does not match',
      responses: responses(
        { status: 200, description: 'Executors written but not in the directory', schema: UnresolvedExecutors },
        401,
        403,
      ),
    }),
    async (c) => c.json(await findUnresolvedExecutors(c.var.ctx), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/executors',
      tags,
      security: bearer,
      summary: 'Add an executor (a person or a unit, with an e-mail)',
      request: jsonBody(ExecutorInput),
      responses: responses(
        { status: 201, description: 'The executor', schema: Executor },
        401,
        403,
        404,
        409,
        ...BODY_ERRORS,
      ),
    }),
    async (c) => c.json(await createExecutor(c.var.ctx, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/executors/{id}',
      tags,
      security: bearer,
      summary: "Change an executor; `userId` ties it to a person's account, whose session then opens its page",
      request: { params: IdParam, ...jsonBody(ExecutorChange) },
      responses: responses(
        { status: 200, description: 'The executor', schema: Executor },
        401,
        403,
        404,
        ...BODY_ERRORS,
      ),
    }),
    async (c) => c.json(await changeExecutor(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/executors/{id}/link',
      tags,
      security: bearer,
      summary: "Issue the executor's personal link /x/<token> (controller or admin); the one before is revoked",
      request: { params: IdParam },
      responses: responses({ status: 200, description: '{url}', schema: ExecutorLink }, 401, 403, 404),
    }),
    async (c) => c.json(await issueExecutorLink(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/executors/{id}/link',
      tags,
      security: bearer,
      summary: "Revoke the executor's personal link (controller or admin)",
      request: { params: IdParam },
      responses: responses({ status: 200, description: '{id,revoked}', schema: ExecutorLinkRevoked }, 401, 403, 404),
    }),
    async (c) => c.json(await revokeExecutorLink(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/executors/{id}',
      tags,
      security: bearer,
      summary: 'Remove an executor no item names',
      request: { params: IdParam },
      responses: responses({ status: 200, description: 'Removed', schema: ExecutorRemoved }, 401, 403, 404, 409),
    }),
    async (c) => c.json(await removeExecutor(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/calendar',
      tags: ['calendar'],
      security: bearer,
      summary: "A year of the organization's production calendar",
      request: { query: CalendarQuery },
      responses: responses(
        { status: 200, description: 'The year as the organization counts it', schema: Calendar },
        401,
        403,
        404,
        422,
      ),
    }),
    async (c) => c.json(await getCalendar(c.var.ctx, c.req.query()), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/calendar',
      tags: ['calendar'],
      security: bearer,
      summary: 'Make days working or non-working for the organization',
      request: jsonBody(CalendarChange),
      responses: responses(
        { status: 200, description: 'Days changed', schema: CalendarChanged },
        401,
        403,
        404,
        ...BODY_ERRORS,
      ),
    }),
    async (c) => c.json(await changeCalendar(c.var.ctx, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/control-practice',
      tags: ['calendar'],
      security: bearer,
      summary: "The organization's record-keeping practice for due dates (the caller's, or ?organizationId=)",
      request: { query: PracticeQuery },
      responses: responses({ status: 200, description: 'The practice', schema: ControlPractice }, 401, 403, 404, 422),
    }),
    async (c) => c.json(await getPractice(c.var.ctx, c.req.query()), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/control-practice',
      tags: ['calendar'],
      security: bearer,
      summary: 'Change the record-keeping practice',
      request: jsonBody(PracticeInput),
      responses: responses(
        { status: 200, description: 'The practice', schema: ControlPractice },
        401,
        403,
        404,
        ...BODY_ERRORS,
      ),
    }),
    async (c) => c.json(await changePractice(c.var.ctx, c.req.valid('json')), 200),
  )
