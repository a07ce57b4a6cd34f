import { getConnInfo } from '@hono/node-server/conninfo'
import { createMiddleware } from 'hono/factory'
import { OrderError } from '../../domain/errors'
import type { Authenticator } from '../../services/auth'
import type { ServiceContext, ServiceDeps } from '../../services/context'
import { authenticateExecutor } from '../../services/executor/executor-links'
import { csrfTokenOf, readSessionCookie } from './session'

/** `session` is set when the browser's session cookie, not a bearer token, signed the request in. */
export type AppEnv = {
  Variables: { ctx: ServiceContext; requestId: string; session?: { token: string; csrf: string } }
}

/** The peer's address; none under app.request() in tests (no socket). */
export const remoteAddress = (c: Parameters<typeof getConnInfo>[0]) => {
  try {
    return getConnInfo(c).remote.address
  } catch {
    return undefined // app.request() in tests has no socket
  }
}

/**
 * Builds the service context of a request: who acts (a bearer token's user, the session cookie's,
 * or anonymous), from which address and user agent. Routes then only pass it to a use case.
 * A stale cookie is simply no session (the pages send the person to sign in); a bad bearer token is a 401.
 */
export const serviceContext = (deps: ServiceDeps, { authenticate }: Authenticator) =>
  createMiddleware<AppEnv>(async function serviceContext(c, next) {
    const header = c.req.header('authorization')
    let actor: ServiceContext['actor'] = { type: 'anonymous', name: 'аноним' }
    const executorToken = header ? /^Executor\s+(\S+)$/i.exec(header)?.[1] : undefined
    if (executorToken) {
      // an executor's personal link (issue 27): unknown 401, revoked 410; the token is never logged
      actor = await authenticateExecutor(deps, executorToken)
    } else if (header) {
      const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1]
      const user = token ? await authenticate(token) : undefined
      if (!user)
        throw new OrderError(
          'unauthenticated',
          'Токен недействителен или истёк: получите новый через POST /api/auth/token',
        )
      actor = user
    } else {
      const token = readSessionCookie(c)
      const user = token && token.length <= 100 ? await authenticate(token) : undefined
      if (token && user) {
        actor = user
        c.set('session', { token, csrf: csrfTokenOf(token) })
      }
    }
    c.set('ctx', { ...deps, actor, meta: { ip: remoteAddress(c), userAgent: c.req.header('user-agent') } })
    await next()
  })
