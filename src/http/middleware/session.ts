import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import { OrderError } from '../../domain/errors'
import type { AppEnv } from './context'

export const SESSION_COOKIE = 'orders_session'
export const PRE_SESSION_COOKIE = 'orders_presession'
export const SESSION_TTL_MS = 12 * 3_600_000

/** The CSRF token of a session: derived from the session token, so nothing more is stored. */
export const csrfTokenOf = (secret: string) => createHash('sha256').update(`csrf\u0000${secret}`).digest('base64url')

const same = (a: string, b: string) => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export const secure = (c: Context) => c.req.url.startsWith('https:') || c.req.header('x-forwarded-proto') === 'https'

export const readSessionCookie = (c: Context) => getCookie(c, SESSION_COOKIE)

export const setSessionCookie = (c: Context, token: string) => {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: secure(c),
    path: '/',
    maxAge: SESSION_TTL_MS / 1000,
  })
  deleteCookie(c, PRE_SESSION_COOKIE, { path: '/' })
}

export const clearSessionCookie = (c: Context) => deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secure(c) })

/** Before sign-in the form's token pairs with a random cookie (double submit), so a foreign page cannot sign you in. */
export const preSessionCsrf = (c: Context) => {
  let secret = getCookie(c, PRE_SESSION_COOKIE)
  if (!secret || !/^[\w-]{43}$/.test(secret)) {
    secret = randomBytes(32).toString('base64url')
    setCookie(c, PRE_SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'Lax', secure: secure(c), path: '/' })
  }
  return csrfTokenOf(secret)
}

/**
 * The methods that change nothing (RFC 9110 9.2.1), and so need no token: every other one is checked,
 * so a method left out of a list is refused, not let through (Hono's own `csrf` checks the same way round).
 */
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

const sentToken = async (c: Context<AppEnv>) => {
  const header = c.req.header('x-csrf-token')
  if (header) return header
  const type = c.req.header('content-type') ?? ''
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/.test(type)) return undefined
  const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>)
  return typeof form._csrf === 'string' ? form._csrf : undefined
}

/**
 * Every state-changing request that a browser authenticates by cookie carries the session's CSRF
 * token (a form field or the `x-csrf-token` header); the sign-in form carries the pre-session one.
 * Bearer-token calls carry no cookie credentials and need none.
 */
export const csrfProtection = () =>
  createMiddleware<AppEnv>(async function csrfProtection(c, next) {
    // a verification changes nothing; the token call signs in anew. A link's decision is no longer exempt: it acts
    // for the signed-in person, so with their cookie it carries the token like any form (without, it needs a code)
    const exempt = /^\/api\/(verify$|auth\/token$)|^\/verify\/?$/.test(c.req.path)
    if (!SAFE.has(c.req.method) && !exempt) {
      const session = c.var.session
      const secret = session?.token ?? (c.req.path === '/signin' ? getCookie(c, PRE_SESSION_COOKIE) : undefined)
      if (secret || session) {
        // a second guard beside the token: the browser says itself when another site made the request
        if (c.req.header('sec-fetch-site') === 'cross-site')
          throw new OrderError('forbidden', 'Форма отправлена с другого сайта: откройте страницу сервиса и повторите', [
            { path: '_csrf', message: 'запрос с другого сайта (Sec-Fetch-Site: cross-site)' },
          ])
        const sent = await sentToken(c)
        if (!sent || !secret || !same(sent, csrfTokenOf(secret))) {
          throw new OrderError('forbidden', 'Форма устарела или отправлена не со страницы сервиса: обновите страницу', [
            { path: '_csrf', message: 'нет или неверный CSRF-токен' },
          ])
        }
      } else if (c.req.path === '/signin') {
        throw new OrderError('forbidden', 'Форма входа устарела: обновите страницу', [
          { path: '_csrf', message: 'нет CSRF-токена' },
        ])
      }
    }
    await next()
  })
