import { createMiddleware } from 'hono/factory'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { ErrorPage } from '../pages/ErrorPage'

const titles: Partial<Record<number, string>> = {
  400: 'Запрос не разобран',
  403: 'Нет доступа',
  404: 'Не найдено',
  405: 'Действие невозможно',
  413: 'Слишком большой запрос',
  415: 'Запрос не разобран',
  429: 'Слишком много попыток',
}

/** A browser navigating to a page or posting its form (not a program calling /api/). */
const personAsks = (path: string, accept: string | undefined) =>
  !path.startsWith('/api/') && /\btext\/html\b/.test(accept ?? '')

/**
 * A refusal that comes before any page handler (a form's stale CSRF token, an unknown address, a
 * method the address does not take, a form over the size limit, too many sign-ins) is written as
 * the API's JSON; a person who posted a form or followed a link gets it as a page of the service,
 * with the same status, headers and message, rather than raw JSON in the browser.
 */
export const errorPagesForPeople = () =>
  createMiddleware(async function errorPagesForPeople(c, next) {
    await next()
    const res = c.res
    if (res.status < 400 || !res.headers.get('content-type')?.startsWith('application/json')) return
    if (!personAsks(c.req.path, c.req.header('accept'))) return
    const body = (await res
      .clone()
      .json()
      .catch(() => undefined)) as { error?: { message?: unknown } } | undefined
    const message = body?.error?.message
    if (typeof message !== 'string') return
    const status = res.status as ContentfulStatusCode
    res.headers.delete('content-length')
    // setting c.res keeps the refusal's own headers (Allow, Retry-After, Connection) on the page
    c.res = await c.html(<ErrorPage title={titles[status] ?? 'Запрос не выполнен'} message={message} hint="" />, status)
  })
