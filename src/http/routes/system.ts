import { createRoute } from '@hono/zod-openapi'
import { issueToken, SignInInput } from '../../services/auth'
import { checkHealth } from '../../services/health'
import { createRouter, jsonBody, responses } from '../router'

export const systemRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/token',
      tags: ['auth'],
      summary: 'Sign in: a bearer token',
      request: jsonBody(SignInInput),
      responses: responses({ status: 200, description: '{token,expiresAt,user}' }, 400, 401, 422),
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
        ...responses({ status: 200, description: 'Up: {status:"ok",database}' }),
        ...responses({ status: 503, description: 'The database does not answer' }),
      },
    }),
    async (c) => {
      const health = await checkHealth(c.var.ctx)
      return health.status === 'ok' ? c.json(health, 200) : c.json(health, 503)
    },
  )
