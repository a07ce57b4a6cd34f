import { createMiddleware } from 'hono/factory'
import type { Logger } from '../../logger'

/**
 * One line per answered request: its request id (the one the client sees in X-Request-Id and in
 * every error answer), the method, the route's pattern, the status, the time taken and who acted.
 * Never the path as sent, its query, a header or a body: a link's path holds its token, a query
 * the words searched, a body the passwords and the orders' text.
 */
export const requestLog = (logger: Logger) =>
  createMiddleware(async function requestLog(c, next) {
    const started = performance.now()
    logger.debug({ requestId: c.get('requestId'), method: c.req.method }, 'request')
    await next()
    const ctx = c.get('ctx' as never) as { actor?: { type: string; id?: string } } | undefined
    const actor = ctx?.actor
    logger.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        actor: actor && (actor.type === 'user' ? `user:${actor.id}` : actor.type),
      },
      'answered',
    )
  })
