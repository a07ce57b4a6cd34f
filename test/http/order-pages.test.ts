import { describe, expect, it } from 'vitest'
import { registerOrder } from '../support/control'
import { testDatabases } from '../support/databases'
import { sampleContent, tokenOf, useHarness } from '../support/harness'
import { director } from '../support/people'

/** Cells of the first table of a page's body, row by row, tags stripped. */
const tableRows = (html: string) => {
  const body = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'))
  return [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map((m) =>
    [...m[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((c) => c[1]!.replace(/<[^>]+>/g, '').trim()),
  )
}

/**
 * What the clerk reads in the list of orders and on an order's page: numbers, states, and dates and times
 * of the organization's day (Moscow), not of UTC — past 21:00 UTC it is already the next day there.
 */
describe.each(testDatabases())('the order pages ($name)', ({ open }) => {
  const h = useHarness(open)

  it('shows the number and date, the state and the day of the last change as the organization’s day', async () => {
    // 22:30 UTC on 10 March is 01:30 on 11 March in Moscow
    await h.setClock(new Date('2026-03-10T22:30:00Z'))
    const registered = await registerOrder(h, sampleContent({ title: 'О зарегистрированном' }))
    h.clock.set(new Date('2026-03-10T22:31:00Z'))
    const draft = (
      await h.call('POST', '/api/orders', { token: h.orgs[0]!.clerk, body: sampleContent({ title: 'О проекте' }) })
    ).body.id as string
    const list = await h.call('GET', '/orders', { token: h.orgs[0]!.clerk })
    expect(list.status).toBe(200)
    expect(tableRows(list.text)).toEqual([
      // each row offers its current file, named as clerks name it
      ['Приказ', '—', 'О проекте', 'проект', '11.03.2026', 'PDF: Проект приказа «О проекте».pdf'],
      [
        'Приказ',
        '№ 1-ОД от 11.03.2026',
        'О зарегистрированном',
        'зарегистрирован',
        '11.03.2026',
        'PDF: Приказ № 1-ОД от 11.03.2026.pdf',
      ],
    ])
    expect(list.text).toContain(`href="/orders/${draft}"`)
    // a draft has no date of its own: the filter counts the day it was made, in Moscow too
    const ofTheDay = await h.call('GET', '/api/orders?from=2026-03-11&to=2026-03-11', { token: h.orgs[0]!.clerk })
    expect(ofTheDay.body.items.map((o: { title: string }) => o.title)).toEqual(['О проекте', 'О зарегистрированном'])
    expect(list.text).toContain(`href="/orders/${registered}"`)

    const page = await h.call('GET', `/orders/${registered}`, { token: h.orgs[0]!.clerk })
    expect(page.status).toBe(200)
    // every event of its history happened at 01:30 Moscow time
    const times = [...page.text.matchAll(/<td class="num">(\d\d\.\d\d\.\d{4} \d\d:\d\d)<\/td>/g)].map((m) => m[1])
    expect(times.length).toBeGreaterThan(2)
    expect(new Set(times)).toEqual(new Set(['11.03.2026 01:30']))
  })

  it('says on the link page the day the link expires, of the organization’s calendar', async () => {
    // a link of 7 days sent at 01:30 on 11 March in Moscow (22:30 UTC on 10 March) lasts to 01:30 on 18 March
    await h.setClock(new Date('2026-03-10T22:30:00Z'))
    const id = (await h.call('POST', '/api/orders', { token: h.orgs[0]!.clerk, body: sampleContent() })).body.id
    const submitted = await h.call('POST', `/api/orders/${id}/submit`, {
      token: h.orgs[0]!.clerk,
      body: { approvers: [], signer: director() },
    })
    const page = await h.call('GET', `/links/${tokenOf(submitted.body.links[0].url)}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('Ссылка действует до 18.03.2026.')
  })

  it('pages the list by 25, the next page’s link keeping the search', async () => {
    await h.setClock(new Date('2026-04-01T09:00:00Z'))
    for (let i = 1; i <= 26; i++) {
      h.clock.set(new Date(Date.parse('2026-04-01T09:00:00Z') + i * 60_000))
      await h.call('POST', '/api/orders', {
        token: h.orgs[0]!.clerk,
        body: sampleContent({ title: `Об олимпиаде ${i}` }),
      })
    }
    const first = await h.call('GET', `/orders?q=${encodeURIComponent('олимпиаде')}`, { token: h.orgs[0]!.clerk })
    expect(tableRows(first.text)).toHaveLength(25)
    const next = first.text.match(/href="(\/orders\?[^"]*)">Следующая страница/)![1]!.replaceAll('&amp;', '&')
    expect(new URL(next, 'http://x').searchParams.get('q')).toBe('олимпиаде')
    const second = await h.call('GET', next, { token: h.orgs[0]!.clerk })
    expect(tableRows(second.text).map((r) => r[2])).toEqual(['Об олимпиаде 1'])
    expect(second.text).not.toContain('Следующая страница')
    // a page that takes the last of them has no next one
    const all = await h.call('GET', `/api/orders?q=${encodeURIComponent('олимпиаде')}&limit=26`, {
      token: h.orgs[0]!.clerk,
    })
    expect([all.body.items.length, all.body.nextCursor]).toEqual([26, null])
  })
})
