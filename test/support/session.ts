import { expect } from 'vitest'
import { PASSWORD } from './harness'

/** Whatever answers `request(path, init)` as the service's app does (the harness's app, or one made in a test). */
type Requester = { request: (path: string, init?: RequestInit) => Response | Promise<Response> }

export const FORM = 'application/x-www-form-urlencoded'
export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()

/** The `name=value` of a cookie the answer sets, as a browser would send it back. */
export const cookieOf = (res: { headers: Headers }, name: string) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${name}=`))

/** The whole `Set-Cookie` line of a cookie, attributes included. */
export const setCookieLine = (res: { headers: Headers }, name: string) =>
  res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))

/** The sign-in page as a browser opens it: its pre-session cookie and the CSRF token its form carries. */
export const signInPage = async (app: Requester, { cookie, query = '' }: { cookie?: string; query?: string } = {}) => {
  const res = await app.request(`/signin${query}`, { headers: cookie ? { cookie } : {} })
  const html = await res.text()
  return {
    res,
    html,
    cookie: cookieOf(res, 'orders_presession'),
    token: /name="_csrf" value="([^"]+)"/.exec(html)![1]!,
  }
}

/** The sign-in form posted from its page with `fields` (email, password, next…) and the page's own token. */
export const postSignIn = async (
  app: Requester,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) => {
  const page = await signInPage(app)
  return app.request('/signin', {
    method: 'POST',
    headers: { cookie: page.cookie!, 'content-type': FORM, ...headers },
    body: form({ _csrf: page.token, ...fields }),
  })
}

/** Signs in by the form: the session cookie and the CSRF token the pages then carry. */
export const signInByForm = async (app: Requester, email = 'clerk0@test.local') => {
  const res = await postSignIn(app, { email, password: PASSWORD })
  expect(res.status).toBe(303)
  const session = cookieOf(res, 'orders_session')!
  // the page signed in to (the role's home) carries the session's token for the pages' script
  const home = await app.request(res.headers.get('location')!, { headers: { cookie: session } })
  const csrf = /name="csrf-token" content="([^"]+)"/.exec(await home.text())![1]!
  return { session, csrf }
}
