import { describe, expect, it } from 'vitest'
import { PASSWORD, useHarness } from '../support/harness'
import { cookieOf, FORM, form, signInByForm, signInPage as signInPageOf } from '../support/session'
import { testDatabases } from '../support/databases'

const [pglite] = testDatabases()

/**
 * Cross-site request forgery, as a browser meets it: a session cookie signs every request in, so every
 * state-changing one must carry the session's token; the sign-in form the pre-session one. Bearer calls
 * and verification are free of it; a link's decision with the cookie is not (it acts for the signed-in person).
 */
describe('CSRF protection of cookie-authenticated requests', () => {
  const h = useHarness(pglite!.open)

  const signInPage = (cookie?: string) => signInPageOf(h.app, { cookie })
  const signIn = (email?: string) => signInByForm(h.app, email)

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

  it('PATCH with the session cookie and no token changes nothing (403); with the token it changes the executor', async () => {
    const admin = h.orgs[0]!.admin
    const made = await h.call('POST', '/api/executors', {
      token: admin,
      body: { name: 'Кузнецова К.К.', kind: 'person' },
    })
    expect(made.status).toBe(201)
    const { session, csrf } = await signIn('admin0@test.local')
    const patch = (headers: Record<string, string>) =>
      h.app.request(`/api/executors/${made.body.id}`, {
        method: 'PATCH',
        headers: { cookie: session, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ name: 'Подменённая П.П.' }),
      })
    const refused = await patch({})
    expect(refused.status).toBe(403)
    expect((await refused.json()).error.details[0].path).toBe('_csrf')
    const stored = async () =>
      (await h.call('GET', '/api/executors', { token: admin })).body.items.find((e: any) => e.id === made.body.id)
    expect((await stored()).name).toBe('Кузнецова К.К.')
    expect((await patch({ 'x-csrf-token': csrf })).status).toBe(200)
    expect((await stored()).name).toBe('Подменённая П.П.')
  })

  it('checks every method but GET, HEAD and OPTIONS: the usual changes and ones no route takes alike', async () => {
    const { session, csrf } = await signIn()
    const send = (method: string, headers: Record<string, string> = {}) =>
      h.app.request('/api/orders', { method, headers: { cookie: session, ...headers } })
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'PURGE', 'PROPFIND', 'LOCK', 'X-ANYTHING']) {
      const res = await send(method)
      expect(res.status, method).toBe(403)
      expect((await res.json()).error.details[0].path, method).toBe('_csrf')
      // with the token the request passes the check and meets the route (or its absence)
      expect((await send(method, { 'x-csrf-token': csrf })).status, method).not.toBe(403)
    }
    for (const method of ['GET', 'HEAD', 'OPTIONS']) expect((await send(method)).status, method).not.toBe(403)
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
