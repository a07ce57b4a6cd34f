import { createRoute } from '@hono/zod-openapi'
import { issueToken, SignInInput } from '../../services/auth'
import { UNAVAILABLE_RETRY_SECONDS } from '../../services/context'
import { checkHealth, checkReadiness, type ReadinessCheck } from '../../services/health'
import { BODY_ERRORS, createRouter, jsonBody, responses } from '../router'
import { Token } from '../schemas/people'
import { Health, Live, Readiness } from '../schemas/system'

export const systemRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/token',
      tags: ['auth'],
      summary: 'Sign in: a bearer token',
      request: jsonBody(SignInInput),
      responses: responses({ status: 200, description: 'The bearer token', schema: Token }, 401, 429, ...BODY_ERRORS),
    }),
    async (c) => c.json(await issueToken(c.var.ctx, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/health',
      tags: ['system'],
      summary: 'Liveness and database reachability',
      responses: {
        ...responses({ status: 200, description: 'Up', schema: Health }),
        ...responses({ status: 503, description: 'The database does not answer', schema: Health }),
      },
    }),
    async (c) => {
      const health = await checkHealth(c.var.ctx)
      if (health.status === 'ok') return c.json(health, 200)
      c.header('Retry-After', String(UNAVAILABLE_RETRY_SECONDS))
      return c.json(health, 503)
    },
  )

/**
 * Liveness and readiness apart, for a load balancer: `live` says the process answers (restart it
 * when it does not), `ready` that it can serve (send it requests only then).
 */
export const healthRoutes = (readiness: Record<string, ReadinessCheck> = {}) =>
  createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/health/live',
        tags: ['system'],
        summary: 'Liveness: the process answers (always 200)',
        responses: { 200: { description: 'Alive', content: { 'application/json': { schema: Live } } } },
      }),
      (c) => c.json({ status: 'live' as const }, 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/health/ready',
        tags: ['system'],
        summary: 'Readiness: database, migrations and every configured part (queue, signing keys)',
        responses: {
          ...responses({ status: 200, description: 'Ready', schema: Readiness }),
          ...responses({
            status: 503,
            description: 'Not ready: failing names the parts, checks says why',
            schema: Readiness,
          }),
        },
      }),
      async (c) => {
        const ready = await checkReadiness(c.var.ctx, readiness)
        if (ready.status === 'ready') return c.json(ready, 200)
        c.header('Retry-After', String(UNAVAILABLE_RETRY_SECONDS))
        return c.json(ready, 503)
      },
    )
