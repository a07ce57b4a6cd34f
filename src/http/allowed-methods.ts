import type { Context } from 'hono'
import { TrieRouter } from 'hono/router/trie-router'
import { notFound } from './errors'

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const

type RouteEntry = { method: string; path: string }

/**
 * What a request no route answered gets: 404 when nothing lives at the address; 405 with `Allow` and
 * the methods named when the address exists under other methods (DELETE /api/orders is not «Нет такого
 * адреса»); 204 with `Allow` to OPTIONS. The routes are read once, on the first miss, when the app
 * holds all of them; middleware (`ALL`) is no route of its own.
 */
export const notFoundOrNotAllowed = (routes: () => readonly RouteEntry[]) => {
  let router: TrieRouter<string> | undefined
  const allowedAt = (path: string) => {
    if (!router) {
      router = new TrieRouter<string>()
      for (const r of routes()) if (r.method !== 'ALL') router.add(r.method, r.path, r.method)
    }
    const found = router
    return METHODS.filter((m) => found.match(m, path)[0].some(([method]) => method === m))
  }
  return (c: Context) => {
    const allowed = allowedAt(c.req.path)
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method
    if (allowed.length === 0 || allowed.includes(method as (typeof METHODS)[number])) return notFound(c)
    const allow = [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ')
    c.header('allow', allow)
    if (method === 'OPTIONS') return c.body(null, 204)
    const requestId: string | undefined = c.get('requestId')
    return c.json(
      {
        error: {
          code: 'method_not_allowed',
          message: `Метод ${method} по этому адресу не поддерживается; можно: ${allow}`,
          details: [{ path: 'method', message: `допустимы ${allow}` }],
          requestId,
        },
      },
      405,
    )
  }
}
