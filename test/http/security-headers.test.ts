import { describe, expect, it } from 'vitest'
import { testDatabases } from '../support/databases'
import { sampleContent, useHarness } from '../support/harness'

const [pglite] = testDatabases()

/**
 * The headers every answer gets: pages may not be framed at all; a document (the PDF) may be framed by the
 * service's own order page for its preview, and is never cached; a link page, whose address is a
 * credential, is never cached either.
 */
describe('security headers', () => {
  const h = useHarness(pglite!.open)

  it('a document: framed by our own page only, sandboxed, never cached, not denied to our own preview', async () => {
    const clerk = h.orgs[0]!.clerk
    const id = (await h.call('POST', '/api/orders', { token: clerk, body: sampleContent() })).body.id as string
    const pdf = await h.app.request(`/api/orders/${id}/document.pdf`, { headers: { authorization: `Bearer ${clerk}` } })
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'self'; sandbox")
    // X-Frame-Options: DENY would keep the order page's preview from showing it
    expect(pdf.headers.get('x-frame-options')).toBeNull()
    expect(pdf.headers.get('cache-control')).toBe('no-store')
    expect(pdf.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('a page: framed by nobody; a link page is not cached, its address being a credential', async () => {
    const signin = await h.app.request('/signin')
    expect(signin.headers.get('x-frame-options')).toBe('DENY')
    expect(signin.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    // the sign-in page carries a pre-session CSRF token: not for any cache either
    expect(signin.headers.get('cache-control')).toBe('no-store')
    const link = await h.app.request(`/links/${'a'.repeat(43)}`)
    expect(link.status).toBe(404)
    expect(link.headers.get('cache-control')).toBe('no-store')
    expect(link.headers.get('x-frame-options')).toBe('DENY')
  })

  it('authenticated JSON and pages are never cached: the order list, the token answer, /orders, /control', async () => {
    const clerk = h.orgs[0]!.clerk
    const list = await h.app.request('/api/orders', { headers: { authorization: `Bearer ${clerk}` } })
    expect(list.status).toBe(200)
    expect(list.headers.get('cache-control')).toBe('no-store')
    const token = await h.call('POST', '/api/auth/token', {
      body: { email: 'clerk0@test.local', password: 'correct horse battery' },
    })
    expect(token.status).toBe(200)
    expect(token.headers.get('cache-control')).toBe('no-store')
    const cookie = { cookie: `orders_session=${clerk}` }
    for (const page of ['/orders', '/control']) {
      const res = await h.app.request(page, { headers: { ...cookie, accept: 'text/html' } })
      expect(res.headers.get('content-type'), page).toContain('text/html')
      expect(res.headers.get('cache-control'), page).toBe('no-store')
    }
    // the static assets keep their own
    const css = await h.app.request('/assets/app.css')
    expect(css.status).toBe(200)
    expect(css.headers.get('cache-control')).not.toBe('no-store')
  })

  it('HSTS over HTTPS only: the scheme, or the proxy’s X-Forwarded-Proto, as the Secure cookie decides', async () => {
    const plain = await h.app.request('/signin')
    expect(plain.headers.get('strict-transport-security')).toBeNull()
    const proxied = await h.app.request('/signin', { headers: { 'x-forwarded-proto': 'https' } })
    expect(proxied.headers.get('strict-transport-security')).toBe('max-age=31536000')
    const direct = await h.app.request('https://orders.test/signin')
    expect(direct.headers.get('strict-transport-security')).toBe('max-age=31536000')
  })
})
