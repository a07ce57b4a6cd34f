import { describe, expect, it } from 'vitest'
import { testDatabases } from '../support/databases'
import { useHarness } from '../support/harness'

/**
 * The production calendar page: an organization's admin sees and changes the own organization's; the
 * installation's admin, who belongs to none, chooses whose (the first by name until then).
 */
describe.each(testDatabases())('the calendar page ($name)', ({ open }) => {
  const h = useHarness(open)
  const page = async (token: string, path: string, form?: Record<string, string>) => {
    const res = await h.app.request(path, {
      method: form ? 'POST' : 'GET',
      headers: { authorization: `Bearer ${token}` },
      ...(form ? { body: new URLSearchParams(form) } : {}),
    })
    return { status: res.status, location: res.headers.get('location'), html: await res.text() }
  }
  const change = { day: '2026-06-15', working: 'false', note: 'Постановление № 7' }

  it('lets the installation’s admin choose the organization, and keeps the choice through a change', async () => {
    const token = await h.installationAdmin()
    const [uo, school] = [h.orgs[0]!.id, h.orgs[1]!.id]
    const first = await page(token, '/admin/calendar?year=2026')
    expect(first.status).toBe(200)
    // both organizations offered, the first by name chosen: «СРЕДНЯЯ ШКОЛА № 5» before «УПРАВЛЕНИЕ ОБРАЗОВАНИЯ»
    expect(first.html).toContain(`<option value="${school}" selected="">СРЕДНЯЯ ШКОЛА № 5</option>`)
    expect(first.html).toContain(`<option value="${uo}">УПРАВЛЕНИЕ ОБРАЗОВАНИЯ</option>`)

    const saved = await page(token, `/admin/calendar?year=2026&organizationId=${uo}`, change)
    expect(saved.status).toBe(303)
    const back = new URL(saved.location!, 'http://x')
    expect(Object.fromEntries(back.searchParams)).toEqual({ year: '2026', organizationId: uo, done: 'created' })
    const shown = await page(token, `${back.pathname}${back.search}`)
    expect(shown.html).toContain(`<option value="${uo}" selected="">`)
    expect(shown.html).toContain('Постановление № 7')
    // the next year's link keeps the organization
    expect(shown.html).toContain(`href="/admin/calendar?year=2027&amp;organizationId=${uo}"`)
    // the other organization's calendar is untouched
    expect((await page(token, `/admin/calendar?year=2026&organizationId=${school}`)).html).not.toContain(
      'Постановление № 7',
    )
  })

  it('shows an organization’s admin the own calendar only: another one named is ignored, and its change refused', async () => {
    const [own, other] = [h.orgs[0]!, h.orgs[1]!]
    const shown = await page(own.admin, `/admin/calendar?year=2026&organizationId=${other.id}`)
    expect(shown.status).toBe(200)
    expect(shown.html).not.toContain('<select id="organizationId"')
    expect((await page(own.admin, `/admin/calendar?year=2026&organizationId=${other.id}`, change)).status).toBe(403)
    const theirs = await h.call('GET', '/api/calendar?year=2026', { token: other.admin })
    expect(theirs.body.overrides).toEqual([])
  })
})
