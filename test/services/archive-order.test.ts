import { describe, expect, it } from 'vitest'
import { docxText } from '../../src/documents/docx-text'
import { IMPORTED_COPY_NOTE } from '../../src/documents/order-view'
import { testDatabases } from '../support/databases'
import { sampleContent, tokenOf, useHarness } from '../support/harness'
import { director } from '../support/people'
import { signInByForm } from '../support/session'
import { hasTool, pdfText } from '../support/tools'

describe.each(testDatabases())('orders of the archive, stored as registered ($name)', ({ open }) => {
  const h = useHarness(open)
  const clerk = () => h.orgs[0]!.clerk
  const archive = (body: object, token = clerk()) => h.call('POST', '/api/orders/archive', { token, body })
  const entry = (number: string, date = '2026-02-10', over: object = {}) => ({
    content: sampleContent({ title: `Приказ ${number} из архива` }),
    registration: { number, date },
    ...over,
  })
  const file = async (id: string, name: string) =>
    h.app.request(`/api/orders/${id}/${name}`, { headers: { authorization: `Bearer ${clerk()}` } })
  /** An order of the service's own, signed and registered in the journal: its number. */
  const registerOwn = async () => {
    const id = (await h.call('POST', '/api/orders', { token: clerk(), body: sampleContent() })).body.id
    const sent = await h.call('POST', `/api/orders/${id}/submit`, {
      token: clerk(),
      body: { approvers: [], sequential: false, signer: director() },
    })
    await h.call('POST', `/api/links/${tokenOf(sent.body.links[0].url)}/sign`)
    const res = await h.call('POST', `/api/orders/${id}/register`, { token: clerk(), body: {} })
    expect(res.status).toBe(200)
    return res.body.number as string
  }
  const orderCount = async () => (await h.call('GET', '/api/orders?limit=100', { token: clerk() })).body.items.length

  it('stores it registered with its own number, marked imported, its points on control, its copy saying so', async () => {
    const res = await archive(entry('12-ОД', '2026-02-10', { control: true }))
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ status: 'registered', imported: true, number: '12-ОД', date: '2026-02-10' })
    expect(res.body.controlItems).toBeGreaterThan(0)
    const order = (await h.call('GET', `/api/orders/${res.body.id}`, { token: clerk() })).body
    expect(order).toMatchObject({ status: 'registered', imported: true, number: '12-ОД', date: '2026-02-10' })
    expect(order.signedAt).toBeNull()
    expect(order.approvals).toEqual([])
    expect(order.allowedActions).toEqual(['close'])
    expect(order.history.map((e: { action: string }) => e.action)).toEqual([
      'imported_registered',
      'control_items_created',
    ])
    const items = (await h.call('GET', `/api/control?orderId=${res.body.id}`, { token: h.orgs[0]!.controller })).body
    expect(items.items.length).toBe(res.body.controlItems)
    // no signature claimed: no signed or sealed file, and the copy says what it is
    expect((await file(res.body.id, 'signed.pdf')).status).toBe(404)
    const sealed = await file(res.body.id, 'registered.pdf')
    expect(sealed.status).toBe(404)
    expect((await sealed.json()).error.message).toContain('внесён из архива')
    const docx = docxText(new Uint8Array(await (await file(res.body.id, 'document.docx')).arrayBuffer()))
    expect(docx).toContain(IMPORTED_COPY_NOTE)
    expect(docx).toContain('№ 12-ОД')
    expect(docx).not.toContain('ПРОЕКТ')
    if (hasTool('pdftotext')) {
      const text = pdfText(new Uint8Array(await (await file(res.body.id, 'document.pdf')).arrayBuffer()))
      expect(text).toContain('Копия: внесён из архива')
      expect(text).toContain('№ 12-ОД')
      expect(text).not.toMatch(/ПРОЕКТ|ПОДПИСАН ЭЛЕКТРОННОЙ/)
    }
    // the order's page and the list say what it is, not «зарегистрирован»
    const { session } = await signInByForm(h.app)
    const page = await (await h.app.request(`/orders/${res.body.id}`, { headers: { cookie: session } })).text()
    expect(page).toContain('>внесён из архива</span>')
    const list = await (await h.app.request('/orders', { headers: { cookie: session } })).text()
    expect(list).toContain('>внесён из архива</span>')
    // without `control`, nothing goes on control
    const quiet = await archive(entry('3-ОД'))
    expect([quiet.status, quiet.body.controlItems]).toEqual([201, 0])
  })

  it('reserves the number: the service numbers on after the highest taken, a free lower one is still taken, a held one is 409', async () => {
    // this journal's year so far: 12 and 3 archived above (the first test); the service goes on at 13
    expect(await registerOwn()).toBe('13-ОД')
    expect((await archive(entry('20-ОД'))).status).toBe(201)
    expect(await registerOwn()).toBe('21-ОД')
    // a number below the counter that nobody holds (a gap of the paper journal) is taken as given
    expect((await archive(entry('7-ОД'))).status).toBe(201)
    expect(await registerOwn()).toBe('22-ОД')
    // a number held, by the service's own registration or by the archive: 409 naming the order
    const held = await archive(entry('21-ОД'))
    expect(held.status).toBe(409)
    expect(held.body.error.code).toBe('conflict')
    expect(held.body.error.message).toContain('Номер 21-ОД')
    expect(held.body.error.details.orderId).toMatch(/^[0-9a-f-]{36}$/)
    const again = await archive(entry('20-ОД'))
    expect(again.status).toBe(409)
    expect(again.body.error.message).toContain('Приказ 20-ОД из архива')
    // a litera number is its own number; the same litera twice is not
    expect((await archive(entry('20/1-ОД'))).status).toBe(201)
    expect((await archive(entry('20/1-ОД'))).status).toBe(409)
    // another year of a yearly journal is another bucket: 13-ОД of 2025 is free
    expect((await archive(entry('13-ОД', '2025-12-29'))).status).toBe(201)
    expect(await registerOwn()).toBe('23-ОД')
  })

  it('of two requests for one number at once stores one and refuses the other with 409', async () => {
    for (const n of [40, 41, 42]) {
      const answers = await Promise.all([archive(entry(`${n}-ОД`)), archive(entry(`${n}-ОД`))])
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409])
      const found = (
        await h.call('GET', `/api/orders?q=${encodeURIComponent(`Приказ ${n}-ОД из архива`)}`, { token: clerk() })
      ).body.items.filter((o: { number: string }) => o.number === `${n}-ОД`)
      expect(found.length).toBe(1)
    }
  })

  it('refuses a number the journal does not write, a date to come, another organization’s journal; stores nothing', async () => {
    const before = await orderCount()
    const refused: [object, number, string][] = [
      [entry('12-од'), 422, 'registration.number'],
      [entry('012-ОД'), 422, 'registration.number'],
      [entry('12/2026'), 422, 'registration.number'],
      [entry('50-ОД', '2026-03-11'), 422, 'registration.date'], // the clock is 2026-03-10
      [entry('51-ОД', '2026-02-30'), 422, 'registration.date'],
      [entry('52\u0000-ОД'), 422, 'registration.number'],
      [entry('53-ОД', '2026-02-10', { journalId: h.orgs[1]!.journal }), 422, 'journalId'],
      // a распоряжение goes to the journal of распоряжения: «-р», a journal that never resets
      [entry('54-ОД', '2026-02-10', { journalId: h.orgs[0]!.rJournal }), 422, 'journalId'],
    ]
    for (const [body, status, path] of refused) {
      const res = await archive(body)
      expect(res.status, JSON.stringify(body)).toBe(status)
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path)
    }
    const r = await archive({
      ...entry('7-р'),
      content: sampleContent({ kind: 'rasporyazhenie', title: 'Распоряжение из архива' }),
      journalId: h.orgs[0]!.rJournal,
    })
    expect([r.status, r.body.number]).toEqual([201, '7-р'])
    expect(await orderCount()).toBe(before + 1)
    expect((await archive(entry('55-ОД'), h.orgs[0]!.controller)).status).toBe(403)
  })
})
