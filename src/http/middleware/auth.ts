import { createMiddleware } from 'hono/factory'
import { requireRole, requireUser } from '../../services/access'
import type { Role } from '../../services/context'
import type { AppEnv } from './context'

/**
 * Who may call a route, checked before its body is validated: someone not signed in gets 401 and
 * a wrong role 403, whatever they sent. The use cases check again; this only answers first.
 */
export const signedIn = () =>
  createMiddleware<AppEnv>(async function signedIn(c, next) {
    requireUser(c.var.ctx)
    await next()
  })

export const withRole = (roles: Role[], { methods }: { methods?: string[] } = {}) =>
  createMiddleware<AppEnv>(async function withRole(c, next) {
    if (!methods || methods.includes(c.req.method)) requireRole(c.var.ctx, ...roles)
    await next()
  })
