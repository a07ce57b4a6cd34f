import { describe, expect, it } from 'vitest'
import { testDatabases } from '../support/databases'
import { sampleContent, useHarness } from '../support/harness'

const browser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }

describe.each(testDatabases())('a refusal before any page handler, to a person in a browser ($name)', ({ open }) => {
  const h = useHarness(open)

  /** A session cookie as the sign-in page sets it (the token is the session's). */
  const cookieOf = (token: string) => ({ cookie: `orders_session=${token}` })

  it('a form posted with a stale CSRF token gets a page in Russian with the same 403, and the order stays', async () => {
    const clerk = h.orgs[0]!.clerk
    const id = (await h.call('POST', '/api/orders', { token: clerk, body: sampleContent() })).body.id as string
    const res = await h.call('POST', `/orders/${id}/cancel`, {
      body: new URLSearchParams({ _csrf: 'x'.repeat(43), reason: 'Отмена' }).toString(),
      headers: { ...browser, ...cookieOf(clerk), 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(res.text).toContain('<h1>Нет доступа</h1>')
    expect(res.text).toContain('Форма устарела или отправлена не со страницы сервиса: обновите страницу')
    expect((await h.call('GET', `/api/orders/${id}`, { token: clerk })).body.status).toBe('draft')
  })

  it('an unknown page and a method a page does not take: pages with 404 and 405 (Allow kept)', async () => {
    const unknown = await h.call('GET', '/no-such-page', { headers: browser })
    expect(unknown.status).toBe(404)
    expect(unknown.text).toContain('<h1>Не найдено</h1>')
    expect(unknown.text).toContain('Нет такого адреса')
    const wrongMethod = await h.call('DELETE', '/verify', { headers: browser })
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS')
    expect(wrongMethod.text).toContain('Метод DELETE по этому адресу не поддерживается')
  })

  it('a program keeps the JSON: any /api/ address, and a page address asked without text/html', async () => {
    const api = await h.call('GET', '/api/no-such-thing', { headers: browser })
    expect(api.body.error).toMatchObject({ code: 'not_found', message: 'Нет такого адреса' })
    const program = await h.call('GET', '/no-such-page', { headers: { accept: 'application/json' } })
    expect(program.body.error).toMatchObject({ code: 'not_found', message: 'Нет такого адреса' })
  })
})
