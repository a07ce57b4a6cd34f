import { createMiddleware } from 'hono/factory'
import { getConnInfo } from '@hono/node-server/conninfo'
import { OrderError } from '../../domain/errors'
import { createAuthenticator } from '../../services/auth'
import type { ServiceContext, ServiceDeps } from '../../services/context'

export type AppEnv = { Variables: { ctx: ServiceContext; requestId: string } }

const remoteAddress = (c: Parameters<typeof getConnInfo>[0]) => {
  try {
    return getConnInfo(c).remote.address
  } catch {
    return undefined // app.request() in tests has no socket
  }
}

/**
 * Builds the service context of a request: who acts (a bearer token's user, or anonymous),
 * from which address and user agent. Routes then only pass it to a use case.
 */
export const serviceContext = (deps: ServiceDeps) => {
  const authenticate = createAuthenticator(deps)
  return createMiddleware<AppEnv>(async function serviceContext(c, next) {
    const header = c.req.header('authorization')
    let actor: ServiceContext['actor'] = { type: 'anonymous', name: 'аноним' }
    if (header) {
      const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1]
      const user = token ? await authenticate(token) : undefined
      if (!user)
        throw new OrderError(
          'unauthenticated',
          'Токен недействителен или истёк: получите новый через POST /api/auth/token',
        )
      actor = user
    }
    c.set('ctx', { ...deps, actor, meta: { ip: remoteAddress(c), userAgent: c.req.header('user-agent') } })
    await next()
  })
}
