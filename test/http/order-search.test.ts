import { describe, expect, it } from 'vitest'
import { testDatabases } from '../support/databases'
import { type Harness, sampleContent, tokenOf, useHarness } from '../support/harness'
import { director } from '../support/people'
import { signInByForm } from '../support/session'

const registered = async (h: Harness, title: string, signer: number, literaOf?: string) => {
  const clerk = h.orgs[0]!.clerk
  const id = (await h.call('POST', '/api/orders', { token: clerk, body: sampleContent({ title }) })).body.id
  const link = (
    await h.call('POST', `/api/orders/${id}/submit`, {
      token: clerk,
      body: { approvers: [], sequential: false, signer: director(signer) },
    })
  ).body.links[0].url
  expect((await h.call('POST', `/api/links/${tokenOf(link)}/sign`)).status).toBe(200)
  expect(
    (await h.call('POST', `/api/orders/${id}/register`, { token: clerk, body: literaOf ? { literaOf } : {} })).status,
  ).toBe(200)
  return id as string
}

describe.each(testDatabases())('finding an order by number, date and signer ($name)', ({ open }) => {
  const h = useHarness(open)

  it('finds by number as the journal writes it, by date, by signer, and still by words', async () => {
    const clerk = h.orgs[0]!.clerk
    // 1-ОД … 10-ОД by Смирнова, 1/1-ОД by Петров; a draft never matches a number
    const ids: string[] = []
    for (let i = 1; i <= 10; i++) ids.push(await registered(h, `О мероприятии ${i}`, 0))
    const litera = await registered(h, 'О дополнении', 1, '1-ОД')
    await h.call('POST', '/api/orders', { token: clerk, body: sampleContent({ title: 'Черновик 1-ОД' }) })
    const found = async (query: string) =>
      ((await h.call('GET', `/api/orders?${query}`, { token: clerk })).body.items as { number: string }[])
        .map((o) => o.number)
        .sort()
    expect(await found(`q=${encodeURIComponent('1-ОД')}`)).toEqual(['1-ОД'])
    expect(await found(`q=${encodeURIComponent('№ 1-од')}`)).toEqual(['1-ОД'])
    expect(await found(`q=${encodeURIComponent('1/1')}`)).toEqual(['1/1-ОД'])
    // a main number finds its litera numbers too, never 10-ОД
    expect(await found('q=1')).toEqual(['1-ОД', '1/1-ОД'])
    expect(await found(`number=${encodeURIComponent('10-ОД')}`)).toEqual(['10-ОД'])
    // every one was registered on the harness's day
    expect(await found('q=10.03.2026')).toHaveLength(11)
    expect(await found('q=11.03.2026')).toEqual([])
    expect(await found('date=2026-03-10&number=2')).toEqual(['2-ОД'])
    expect(await found(`signer=${encodeURIComponent('Петров С.Н.')}`)).toEqual(['1/1-ОД'])
    expect(await found(`signer=${encodeURIComponent('смирнова')}`)).toHaveLength(10)
    expect(await found(`signer=${encodeURIComponent('Смирнова')}&q=${encodeURIComponent('дополнении')}`)).toEqual([])
    expect(await found(`q=${encodeURIComponent('дополнения')}`)).toEqual(['1/1-ОД'])
    // another organization's clerk finds none of them
    expect(
      (await h.call('GET', `/api/orders?q=${encodeURIComponent('1-ОД')}`, { token: h.orgs[1]!.clerk })).body.items,
    ).toEqual([])
    // hostile input is text, not a pattern: nothing matches, nothing fails
    for (const q of ['signer=%25', 'signer=_', `q=${encodeURIComponent("zz' or 'x'='x")}`])
      expect((await h.call('GET', `/api/orders?${q}`, { token: clerk })).body.items).toEqual([])
    expect((await h.call('GET', '/api/orders?number=%25', { token: clerk })).status).toBe(422)
    expect((await h.call('GET', '/api/orders?date=2026-02-30', { token: clerk })).status).toBe(422)

    // the page: one box and the signer's field; each row offers its current file
    const { session } = await signInByForm(h.app)
    const page = await (
      await h.app.request(`/orders?q=${encodeURIComponent('1/1')}`, { headers: { cookie: session } })
    ).text()
    expect(page).toContain(`href="/orders/${litera}"`)
    expect(page).not.toContain(`href="/orders/${ids[0]}"`)
    expect(page).toContain(`href="/api/orders/${litera}/file.pdf?download=1"`)
    expect(page).toContain('Приказ № 1-1-ОД от 10.03.2026.pdf')
  })
})
