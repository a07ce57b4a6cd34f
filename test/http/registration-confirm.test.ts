import { describe, expect, it } from 'vitest'
import { testDatabases } from '../support/databases'
import { type Harness, sampleContent, tokenOf, useHarness } from '../support/harness'
import { director } from '../support/people'
import { FORM, form, signInByForm } from '../support/session'

/** A signed order of organization `org`, ready to register. */
const signedOrder = async (h: Harness, org = 0) => {
  const clerk = h.orgs[org]!.clerk
  const id = (await h.call('POST', '/api/orders', { token: clerk, body: sampleContent() })).body.id
  const link = (
    await h.call('POST', `/api/orders/${id}/submit`, {
      token: clerk,
      body: { approvers: [], sequential: false, signer: director(0, org) },
    })
  ).body.links[0].url
  expect((await h.call('POST', `/api/links/${tokenOf(link)}/sign`)).status).toBe(200)
  return id as string
}

describe.each(testDatabases())('registering asks first and shows the number ($name)', ({ open }) => {
  const h = useHarness(open)

  it('previews the next number without taking it; a number taken meanwhile refuses the stale confirmation', async () => {
    const clerk = h.orgs[0]!.clerk
    const [a, b] = [await signedOrder(h), await signedOrder(h)]
    const preview = (await h.call('GET', `/api/orders/${a}/registration-preview`, { token: clerk })).body
    expect(preview).toMatchObject({ number: '1-ОД', journal: { id: h.orgs[0]!.journal, name: 'Приказы' } })
    // asking again takes nothing: the same number
    expect((await h.call('GET', `/api/orders/${b}/registration-preview`, { token: clerk })).body.number).toBe('1-ОД')
    // b registers first, under the number a was shown
    expect(
      (await h.call('POST', `/api/orders/${b}/register`, { token: clerk, body: { expectedNumber: '1-ОД' } })).body,
    ).toMatchObject({ number: '1-ОД' })
    const stale = await h.call('POST', `/api/orders/${a}/register`, { token: clerk, body: { expectedNumber: '1-ОД' } })
    expect(stale.status).toBe(409)
    expect(stale.body.error.code).toBe('number_changed')
    expect(stale.body.error.message).toContain('№ 2-ОД')
    // nothing taken by the refusal: a is still signed, and the next number is still 2
    expect((await h.call('GET', `/api/orders/${a}`, { token: clerk })).body.status).toBe('signed')
    expect((await h.call('GET', `/api/orders/${a}/registration-preview`, { token: clerk })).body.number).toBe('2-ОД')
    expect(
      (await h.call('POST', `/api/orders/${a}/register`, { token: clerk, body: { expectedNumber: '2-ОД' } })).body
        .number,
    ).toBe('2-ОД')
  })

  it('previews a litera number dated like its main number; refuses what registering would refuse', async () => {
    const clerk = h.orgs[0]!.clerk
    const id = await signedOrder(h)
    const main = (await h.call('GET', '/api/orders?status=registered&limit=1', { token: clerk })).body.items[0]
    const litera = await h.call(
      'GET',
      `/api/orders/${id}/registration-preview?literaOf=${encodeURIComponent(main.number)}`,
      {
        token: clerk,
      },
    )
    expect(litera.body).toMatchObject({ number: `${main.number.split('-')[0]}/1-ОД`, date: main.date })
    const unknown = await h.call('GET', `/api/orders/${id}/registration-preview?literaOf=999-ОД`, { token: clerk })
    expect([unknown.status, unknown.body.error.details]).toEqual([
      422,
      [{ path: 'literaOf', message: 'номер не найден' }],
    ])
    const draft = (await h.call('POST', '/api/orders', { token: clerk, body: sampleContent() })).body.id
    expect((await h.call('GET', `/api/orders/${draft}/registration-preview`, { token: clerk })).status).toBe(409)
    expect(
      (await h.call('GET', `/api/orders/${id}/registration-preview`, { token: h.orgs[0]!.controller })).status,
    ).toBe(403)
    expect((await h.call('GET', `/api/orders/${id}/registration-preview`, { token: h.orgs[1]!.clerk })).status).toBe(
      403,
    )
    const junk = await h.call('GET', `/api/orders/${id}/registration-preview?journalId=x&extra=1`, { token: clerk })
    expect(junk.status).toBe(422)
  })

  it('on the pages: one click shows the number, the second registers under it, a stale one shows the new number', async () => {
    const { session, csrf } = await signInByForm(h.app)
    const [a, b] = [await signedOrder(h), await signedOrder(h)]
    const next = (await h.call('GET', `/api/orders/${a}/registration-preview`, { token: h.orgs[0]!.clerk })).body.number
    const post = (id: string, fields: Record<string, string>) =>
      h.app.request(`/orders/${id}/register`, {
        method: 'POST',
        headers: { cookie: session, 'content-type': FORM },
        body: form({ _csrf: csrf, journalId: h.orgs[0]!.journal, ...fields }),
      })
    const asked = await h.app.request(`/orders/${a}/register?journalId=${h.orgs[0]!.journal}`, {
      headers: { cookie: session },
    })
    expect(asked.status).toBe(200)
    const page = await asked.text()
    expect(page).toContain(`№ ${next}`)
    expect(page).toContain(`name="expectedNumber" value="${next}"`)
    // a form without the confirmed number (an old page) is shown the confirmation, not registered
    const unconfirmed = await post(a, {})
    expect([unconfirmed.status, await unconfirmed.text()]).toEqual([200, expect.stringContaining(`№ ${next}`)])
    expect((await h.call('GET', `/api/orders/${a}`, { token: h.orgs[0]!.clerk })).body.status).toBe('signed')
    // b takes the number first: a's confirmation is refused and shows the new number
    expect((await post(b, { expectedNumber: next })).status).toBe(303)
    const stale = await post(a, { expectedNumber: next })
    expect(stale.status).toBe(409)
    const text = await stale.text()
    expect(text).toContain('Номер изменился')
    const now = /name="expectedNumber" value="([^"]+)"/.exec(text)![1]!
    expect(now).not.toBe(next)
    const done = await post(a, { expectedNumber: now })
    expect([done.status, done.headers.get('location')]).toEqual([303, `/orders/${a}?done=registered`])
    expect((await h.call('GET', `/api/orders/${a}`, { token: h.orgs[0]!.clerk })).body.number).toBe(now)
  })
})
