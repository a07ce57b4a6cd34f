import { createRoute } from '@hono/zod-openapi'
import { issueToken, SignInInput } from '../../services/auth'
import { checkHealth } from '../../services/health'
import { createRouter, jsonBody, responses } from '../router'

export const systemRoutes = createRouter()
  .openapi(
    createRoute({ method: 'post', path: '/auth/token', tags: ['auth'], summary: 'Sign in: a bearer token', request: jsonBody(SignInInput), responses: responses({ status: 200, description: '{token,expiresAt,user}' }, 400, 401, 422) }),
    async (c) => c.json(await issueToken(c.var.ctx, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/health', tags: ['system'], summary: 'Liveness and database reachability', responses: responses({ status: 200, description: '{status,database}' }) }),
    async (c) => {
      const health = await checkHealth(c.var.ctx)
      return c.json(health, health.status === 'ok' ? 200 : (503 as 200))
    },
  )
