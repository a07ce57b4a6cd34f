import { createMiddleware } from 'hono/factory'
import { matchedRoutes } from 'hono/route'
import { OrderError } from '../../domain/errors'
import { mayEver, POLICY } from '../../domain/policy'
import { ErrorPage } from '../pages/ErrorPage'
import { routeAccess } from '../route-policy'
import type { AppEnv } from './context'

/**
 * Who may call a route, checked before its body is read, from the route table (http/route-policy.ts):
 * someone not signed in gets 401 (a page sends them to sign in and back), a role the policy never lets
 * do the route's action 403, whatever they sent (a page: the refusal as a page, whatever the request accepts). A route missing from the table is refused: the table
 * is the whole surface. The use cases check again, with the record in hand (its organization, its signer).
 */
export const routePolicy = () =>
  createMiddleware<AppEnv>(async function routePolicy(c, next) {
    // the route that answers: the first matched one registered for a method (middleware is `ALL`)
    const route = matchedRoutes(c).find((r) => r.method !== 'ALL')
    if (!route) return next() // no route: 404 or 405, answered after
    const access = routeAccess(route.method, route.path)
    if (access === undefined)
      throw new OrderError('forbidden', `Маршрут ${route.method} ${route.path} не описан в политике доступа`)
    if (access === 'public' || access === 'link' || access === 'executor') return next()
    const actor = c.var.ctx.actor
    const api = route.path.startsWith('/api/')
    if (actor.type !== 'user') {
      if (api) throw new OrderError('unauthenticated', 'Требуется вход в систему')
      return c.redirect(`/signin${c.req.method === 'GET' ? `?next=${encodeURIComponent(c.req.path)}` : ''}`)
    }
    if (mayEver(actor, access)) return next()
    if (api) throw new OrderError('forbidden', POLICY[access].refusal)
    return c.html(<ErrorPage title="Нет доступа" message={POLICY[access].refusal} hint="" />, 403)
  })
