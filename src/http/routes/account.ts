import { createRoute } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { ChangePasswordInput, changeOwnPassword, endOwnSession, listOwnSessions } from '../../services/own-account'
import { issuePasswordReset } from '../../services/password-reset'
import type { AppEnv } from '../middleware/context'
import { BODY_ERRORS, bearer, createRouter, IdParam, jsonBody, responses } from '../router'
import { PasswordChanged, PasswordReset, SessionEnded, Sessions } from '../schemas/people'

/** The token the request was signed in with: the bearer token, or the session cookie's. */
const currentToken = (c: Context<AppEnv>) =>
  /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? c.var.session?.token ?? ''

/** What every signed-in person does with their own account: the password, the sessions and tokens. */
export const accountRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/password',
      tags: ['auth'],
      security: bearer,
      summary:
        'Change your own password ({current, next}); every other session and token of yours ends, this one goes on',
      request: jsonBody(ChangePasswordInput),
      responses: responses(
        { status: 200, description: '{sessionsEnded}', schema: PasswordChanged },
        401,
        ...BODY_ERRORS,
      ),
    }),
    async (c) => c.json(await changeOwnPassword(c.var.ctx, currentToken(c), c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/auth/sessions',
      tags: ['auth'],
      security: bearer,
      summary: 'Your own sessions and tokens still valid: {items:[{id, createdAt, expiresAt, current}]}',
      responses: responses({ status: 200, description: '{items}', schema: Sessions }, 401),
    }),
    async (c) => c.json(await listOwnSessions(c.var.ctx, currentToken(c)), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/auth/sessions/{id}',
      tags: ['auth'],
      security: bearer,
      summary: 'End one of your own sessions or tokens at once (on every instance within a second)',
      request: { params: IdParam },
      responses: responses({ status: 200, description: '{id, ended}', schema: SessionEnded }, 401, 404),
    }),
    async (c) => c.json(await endOwnSession(c.var.ctx, c.req.valid('param').id), 200),
  )

/** The admin's one-time set-password link for a person. */
export const passwordResetRoutes = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/users/{id}/password-reset',
    tags: ['admin'],
    security: bearer,
    summary:
      "Issue a person a one-time set-password link (valid a day; any earlier one ends): mailed to them when mail is set up ({mailed: true, expiresAt}), otherwise answered once ({mailed: false, url, expiresAt}) for the admin to hand on. Setting the password by it ends the person's sessions",
    request: { params: IdParam },
    responses: responses(
      { status: 200, description: '{mailed, url?, expiresAt}', schema: PasswordReset },
      401,
      403,
      404,
      422,
    ),
  }),
  async (c) => c.json(await issuePasswordReset(c.var.ctx, c.req.valid('param').id), 200),
)
