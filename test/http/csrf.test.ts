import { describe, expect, it } from 'vitest'
import { PASSWORD, useHarness } from '../support/harness'
import { testDatabases } from '../support/databases'

const [pglite] = testDatabases()

/**
 * Cross-site request forgery, as a browser meets it: a session cookie signs every request in, so every
 * state-changing one must carry the session's token; the sign-in form the pre-session one. Bearer calls
 * and verification are free of it; a link's decision with the cookie is not (it acts for the signed-in person).
 */
describe('CSRF protection of cookie-authenticated requests', () => {
  const h = useHarness(pglite!.open)

  const cookieOf = (res: { headers: Headers }, name: string) =>
    res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith(`${name}=`))

  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()
  const FORM = 'application/x-www-form-urlencoded'

  /** The sign-in page's pre-session cookie and the token its form carries. */
  const signInPage = async (cookie?: string) => {
    const res = await h.app.request('/signin', { headers: cookie ? { cookie } : {} })
    const html = await res.text()
    return { res, cookie: cookieOf(res, 'orders_presession'), token: /name="_csrf" value="([^"]+)"/.exec(html)![1]! }
  }

  const signIn = async () => {
    const page = await signInPage()
    const res = await h.app.request('/signin', {
      method: 'POST',
      headers: { cookie: page.cookie!, 'content-type': FORM },
      body: form({ _csrf: page.token, email: 'clerk0@test.local', password: PASSWORD }),
    })
    expect(res.status).toBe(303)
    const session = cookieOf(res, 'orders_session')!
    const orders = await h.app.request('/orders', { headers: { cookie: session } })
    const csrf = /name="csrf-token" content="([^"]+)"/.exec(await orders.text())![1]!
    return { session, csrf }
  }

  it('the sign-in form: its own token signs in; a wrong one, or none with no pre-session, is refused', async () => {
    const page = await signInPage()
    const post = (headers: Record<string, string>, token?: string) =>
      h.app.request('/signin', {
        method: 'POST',
        headers: { 'content-type': FORM, ...headers },
        body: form({ ...(token ? { _csrf: token } : {}), email: 'clerk0@test.local', password: PASSWORD }),
      })
    // a foreign page posting the form: no pre-session cookie at all
    const foreign = await post({}, page.token)
    expect(foreign.status).toBe(403)
    expect(cookieOf(foreign, 'orders_session')).toBeUndefined()
    expect((await post({ cookie: page.cookie! }, 'x'.repeat(43))).status).toBe(403)
    expect((await post({ cookie: page.cookie! })).status).toBe(403)
    expect((await post({ cookie: page.cookie! }, page.token)).status).toBe(303)
  })

  it('a pre-session cookie that is not one this service made is replaced', async () => {
    const { cookie } = await signInPage('orders_presession=short')
    expect(cookie).toMatch(/^orders_presession=[\w-]{43}$/)
    const kept = await signInPage(cookie)
    expect(kept.cookie).toBeUndefined() // a good one is kept as it is
  })

  it('with the session cookie, a change needs the session’s token, in the form or the header', async () => {
    const { session, csrf } = await signIn()
    const create = (headers: Record<string, string>) =>
      h.app.request('/api/orders', {
        method: 'POST',
        headers: { cookie: session, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({}),
      })
    expect((await create({})).status).toBe(403)
    expect((await create({ 'x-csrf-token': 'x'.repeat(43) })).status).toBe(403)
    expect((await create({ 'x-csrf-token': csrf.slice(0, 20) })).status).toBe(403) // a token cut short
    expect((await create({ 'x-csrf-token': csrf })).status).toBe(422) // past the check: the body is what is wrong
    const signOut = (fields: Record<string, string>) =>
      h.app.request('/signout', {
        method: 'POST',
        headers: { cookie: session, 'content-type': FORM },
        body: form(fields),
      })
    expect((await signOut({})).status).toBe(403)
    // the right token, but the browser says another site posted it: refused, still signed in
    const crossSite = await h.app.request('/signout', {
      method: 'POST',
      headers: { cookie: session, 'content-type': FORM, 'sec-fetch-site': 'cross-site' },
      body: form({ _csrf: csrf }),
    })
    expect(crossSite.status).toBe(403)
    expect((await crossSite.json()).error.details[0].message).toContain('другого сайта')
    expect((await h.app.request('/api/orders', { headers: { cookie: session } })).status).toBe(200)
    const sameSite = await create({ 'x-csrf-token': csrf, 'sec-fetch-site': 'same-origin' })
    expect(sameSite.status).toBe(422)
    expect((await signOut({ _csrf: csrf })).status).toBe(303)
  })

  it('reading needs no token; bearer calls and verification are free of it, a link with the cookie is not', async () => {
    const { session } = await signIn()
    expect((await h.app.request('/api/orders', { headers: { cookie: session } })).status).toBe(200)
    const bearer = await h.call('POST', '/api/orders', { token: h.orgs[0]!.clerk, body: {} })
    expect(bearer.status).toBe(422)
    // the scheme's name is case-insensitive (RFC 9110 11.1): «bearer …» signs in as «Bearer …» does
    const lower = await h.app.request('/api/orders', { headers: { authorization: `bearer ${h.orgs[0]!.clerk}` } })
    expect(lower.status).toBe(200)
    const post = (path: string) =>
      h.app.request(path, {
        method: 'POST',
        headers: { cookie: session, 'content-type': 'application/json' },
        body: JSON.stringify({}),
      })
    // a link decides for the signed-in person: with the cookie it carries the token, refused before the link is read
    const link = await post(`/api/links/${'a'.repeat(43)}/approve`)
    expect(link.status).toBe(403)
    expect((await link.json()).error.details[0].path).toBe('_csrf')
    expect((await post('/api/verify')).status).not.toBe(403)
  })
})
