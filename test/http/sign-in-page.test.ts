import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/http/app'
import { testDatabases } from '../support/databases'
import { PASSWORD, useHarness } from '../support/harness'
import { cookieOf, postSignIn, setCookieLine, signInPage } from '../support/session'

const [pglite] = testDatabases()

/** The sign-in page (`src/http/routes/pages.tsx`) and its cookies (`src/http/middleware/session.ts`). */
describe('the sign-in page', () => {
  const h = useHarness(pglite!.open)

  // each of these, sent as a redirect, leaves the site: another host (`//`, `/\` and a tab or a newline,
  // which browsers drop from a URL), a scheme, or a relative path resolved against the sign-in page
  const foreign = [
    '//evil.example',
    '//evil.example/orders',
    '/\\evil.example',
    '/\\/evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    'https://evil.example',
    'https:evil.example',
    'javascript:alert(1)',
    'evil.example',
    '\\\\evil.example',
    ' //evil.example',
  ]

  it('takes `next` only as a path of this site: never another host or a scheme (no open redirect)', async () => {
    for (const next of foreign) {
      const page = await signInPage(h.app, { query: `?next=${encodeURIComponent(next)}` })
      expect(page.html, JSON.stringify(next)).not.toContain('name="next"')
      const res = await postSignIn(h.app, { email: 'clerk0@test.local', password: PASSWORD, next })
      expect(res.status, JSON.stringify(next)).toBe(303)
      expect(res.headers.get('location'), JSON.stringify(next)).toBe('/start')
    }
    for (const next of ['/orders?status=draft', '/control', '/orders/%2F%2Fx']) {
      const page = await signInPage(h.app, { query: `?next=${encodeURIComponent(next)}` })
      expect(page.html).toContain('name="next"')
      const res = await postSignIn(h.app, { email: 'clerk0@test.local', password: PASSWORD, next })
      expect(res.headers.get('location')).toBe(next)
    }
  })

  it('marks its cookies Secure behind a TLS proxy (X-Forwarded-Proto: https), and not over plain HTTP', async () => {
    const https = { 'x-forwarded-proto': 'https' }
    const signedIn = await postSignIn(h.app, { email: 'clerk0@test.local', password: PASSWORD }, https)
    expect(signedIn.status).toBe(303)
    expect(setCookieLine(signedIn, 'orders_session')).toMatch(/;\s*Secure(;|$)/i)
    expect(setCookieLine(signedIn, 'orders_session')).toMatch(/;\s*HttpOnly(;|$)/i)
    const presession = await h.app.request('/signin', { headers: https })
    expect(setCookieLine(presession, 'orders_presession')).toMatch(/;\s*Secure(;|$)/i)

    const plain = await postSignIn(h.app, { email: 'clerk0@test.local', password: PASSWORD })
    expect(plain.status).toBe(303)
    expect(setCookieLine(plain, 'orders_session')).not.toMatch(/Secure/i)
    expect(setCookieLine(await h.app.request('/signin'), 'orders_presession')).not.toMatch(/Secure/i)
    // a proxy that says plain http is believed too
    const http = await postSignIn(
      h.app,
      { email: 'clerk0@test.local', password: PASSWORD },
      { 'x-forwarded-proto': 'http' },
    )
    expect(setCookieLine(http, 'orders_session')).not.toMatch(/Secure/i)
  })

  it('counts the posted form in the sign-in rate limit, as the API’s token call is', async () => {
    const perAccount = { limit: 2, windowMs: 10 * 60_000 }
    const app = createApp(h.deps, {
      log: () => {},
      rateLimits: {
        signInPerAddress: undefined,
        // a request without a client address is counted per account alone (the pair needs the address)
        signInPerAccount: undefined,
        signInPerAccountTotal: perAccount,
        linksPerAddress: undefined,
        linksPerLink: undefined,
        verifyPerAddress: undefined,
      },
    })
    const attempt = (password: string) => postSignIn(app, { email: 'controller0@test.local', password })
    expect((await attempt('wrong password')).status).toBe(401)
    expect((await attempt('wrong password')).status).toBe(401)
    // the third, even with the right password: refused, and no session is given
    const refused = await attempt(PASSWORD)
    expect(refused.status).toBe(429)
    expect(cookieOf(refused, 'orders_session')).toBeUndefined()
    expect(Number(refused.headers.get('retry-after'))).toBe(300)
    // the API's token call counts in the same bucket: the account is limited there too
    const api = await app.request('/api/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'controller0@test.local', password: PASSWORD }),
    })
    expect(api.status).toBe(429)
  })
})
