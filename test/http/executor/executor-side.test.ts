import { describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { verifyAuditChain } from '../../../src/db/audit'
import { createApp } from '../../../src/http/app'
import { testDatabases } from '../../support/databases'
import { registerOrder } from '../../support/control'
import {
  addDirectory,
  asExecutor,
  inlineFile,
  issueLink,
  multipartReport,
  pdfBytes,
  pngBytes,
  SAMPLE_DIRECTORY,
  sample001,
} from '../../support/executors'
import { useHarness } from '../../support/harness'

const row = (n: string) => `прил. 1, п. ${n}`

/**
 * The 001 sample's roadmap against a directory of УОиМП, ОЦПРМСО, ОЦПМСО and ОО, counted by hand from its
 * «Ответственный» column (test/fixtures/order-226-1.json): the first name of a cell is responsible, the rest
 * co-executors; «Руководитель ОО», «Управленческая команда ОО», «Зам. руководителя ОО» match no entry.
 */
const EXPECTED = {
  УОиМП: {
    responsible: ['1', '1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '2.4', '2.5', '3.1', '3.2'],
    co_executor: ['3.3'],
  },
  ОЦПРМСО: { responsible: ['3.3'], co_executor: ['1', '1.1', '1.3', '2.4', '2.5'] },
  ОЦПМСО: { responsible: [], co_executor: ['2.1', '2.3', '3.2'] },
  ОО: { responsible: ['1.4', '1.5', '1.6', '1.7', '2.8', '3.4', '3.7', '3.8'], co_executor: [] },
} as const

const urgency = ['overdue', 'due_soon', 'not_due', 'no_due_date', 'awaiting_decision', 'settled']

describe.each(testDatabases())("the executor's side of control ($name)", ({ open }) => {
  const h = useHarness(open)
  let ids: Record<string, string>
  const tokens: Record<string, string> = {}
  let orderId: string
  const itemsOf = async (name: string) => {
    const res = await h.call('GET', '/api/executor/items', { headers: asExecutor(tokens[name]!) })
    expect(res.status).toBe(200)
    return res.body.items as any[]
  }
  const itemId = async (name: string, n: string) => (await itemsOf(name)).find((i) => i.label === row(n))!.id as string
  const report = (name: string, id: string, body: unknown) =>
    h.call('POST', `/api/executor/items/${id}/report`, { headers: asExecutor(tokens[name]!), body })
  const control = async (id: string) =>
    (await h.call('GET', `/api/control/${id}`, { token: h.orgs[0]!.controller })).body

  it("lists exactly each executor's items of the 001 sample, as responsible and as co-executor, soonest first", async () => {
    await h.setClock(new Date('2024-09-05T09:00:00Z'))
    ids = await addDirectory(h, SAMPLE_DIRECTORY)
    orderId = await registerOrder(h, sample001)
    for (const name of SAMPLE_DIRECTORY) tokens[name] = (await issueLink(h, ids[name]!)).token
    for (const name of SAMPLE_DIRECTORY) {
      const items = await itemsOf(name)
      const as = (role: string) =>
        items
          .filter((i) => i.role === role)
          .map((i) => i.label)
          .sort()
      expect(as('responsible')).toEqual(EXPECTED[name].responsible.map(row).sort())
      expect(as('co_executor')).toEqual(EXPECTED[name].co_executor.map(row).sort())
      expect(items.every((i) => i.order.id === orderId && i.order.number)).toBe(true)
      // the soonest first: by timing, then by due date
      const keys = items.map((i) => [urgency.indexOf(i.timing), i.due ?? '9999'])
      expect(keys).toEqual(
        [...keys].sort((a, b) => (a[0] as number) - (b[0] as number) || String(a[1]).localeCompare(String(b[1]))),
      )
    }
    // 11 + 1 + 1 + 5 + 3 + 8: every resolved name of the table, each item under every executor it names
    const all = await Promise.all(SAMPLE_DIRECTORY.map(itemsOf))
    expect(all.map((l) => l.length)).toEqual([12, 6, 3, 8])
  })

  it('serves the sealed order to the executors it names and records the opening; confirms once', async () => {
    const res = await h.call('GET', `/api/executor/orders/${orderId}/registered.pdf`, {
      headers: asExecutor(tokens.ОО!),
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    const ack = await h.call('POST', `/api/executor/orders/${orderId}/acknowledge`, { headers: asExecutor(tokens.ОО!) })
    expect(ack.status).toBe(200)
    const again = await h.call('POST', `/api/executor/orders/${orderId}/acknowledge`, {
      headers: asExecutor(tokens.ОО!),
    })
    expect(again.body.confirmedAt).toBe(ack.body.confirmedAt)
    const history = await h.call('GET', `/api/orders/${orderId}/history`, { token: h.orgs[0]!.clerk })
    const acknowledged = history.body.events.filter((e: any) => e.action === 'acknowledged')
    expect(acknowledged).toHaveLength(1)
    expect(acknowledged[0]).toMatchObject({ actor: { type: 'executor', name: 'ОО' } })
  })

  it('takes a report with a PDF from the responsible executor; the controller sees the file and accepts it', async () => {
    const id = await itemId('ОО', '1.4')
    const pdf = pdfBytes()
    const res = await report('ОО', id, {
      text: 'План утверждён приказом по школе.',
      files: [inlineFile('План.pdf', pdf, 'application/pdf')],
    })
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('reported')
    const seen = await control(id)
    const reported = seen.history.find((e: any) => e.kind === 'reported')
    expect(reported).toMatchObject({ executorId: ids.ОО, actorName: 'ОО', text: 'План утверждён приказом по школе.' })
    expect(reported.files).toEqual([
      expect.objectContaining({
        name: 'План.pdf',
        type: 'application/pdf',
        size: pdf.length,
        sha256: createHash('sha256').update(pdf).digest('hex'),
      }),
    ])
    const file = await h.app.request(reported.files[0].url, {
      headers: { authorization: `Bearer ${h.orgs[0]!.controller}` },
    })
    expect(file.status).toBe(200)
    expect(Buffer.from(await file.arrayBuffer())).toEqual(pdf)
    expect(file.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('План.pdf')}`)
    // accepted two days later: done on the day of the report
    await h.setClock(new Date('2024-09-07T09:00:00Z'))
    const accepted = await h.call('POST', `/api/control/${id}/accept`, { token: h.orgs[0]!.controller })
    expect(accepted.body).toMatchObject({ status: 'done', doneOn: '2024-09-05' })
    const page = (await itemsOf('ОО')).find((i) => i.id === id)
    expect(page).toMatchObject({ status: 'done', timing: 'settled' })
    expect(page.history.map((e: any) => e.kind)).toEqual(['reported', 'accepted'])
  })

  it("keeps a co-executor's contribution beside the item without moving it; the responsible sees it", async () => {
    const id = await itemId('ОЦПРМСО', '1.3')
    const res = await report('ОЦПРМСО', id, {
      text: 'Наша часть: справка.',
      files: [inlineFile('Справка.png', pngBytes())],
    })
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('on_control')
    const responsible = (await itemsOf('УОиМП')).find((i) => i.id === id)
    expect(responsible.history).toEqual([expect.objectContaining({ kind: 'contributed', actorName: 'ОЦПРМСО' })])
    expect(responsible.files).toEqual([expect.objectContaining({ name: 'Справка.png', type: 'image/png' })])
  })

  it('returns a report with a comment; a multipart report comes in streamed; two at once: one is taken', async () => {
    const id = await itemId('ОО', '1.5')
    expect((await report('ОО', id, { text: 'Первый отчёт.' })).status).toBe(200)
    const back = await h.call('POST', `/api/control/${id}/return`, {
      token: h.orgs[0]!.controller,
      body: { comment: 'Нет протокола' },
    })
    expect(back.body.status).toBe('on_control')
    const send = () =>
      h.app.request(`/api/executor/items/${id}/report`, {
        method: 'POST',
        headers: asExecutor(tokens.ОО!),
        body: multipartReport('Протокол приложен.', [
          { name: 'Протокол.pdf', bytes: pdfBytes('протокол'), type: 'application/pdf' },
        ]),
      })
    const answers = await Promise.all([send(), send()])
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409])
    const seen = await control(id)
    expect(seen.history.map((e: any) => e.kind)).toEqual(['reported', 'returned', 'reported'])
    expect(seen.history[2].files.map((f: any) => f.name)).toEqual(['Протокол.pdf'])
  })

  it('takes an extension request (not before today), grants one, refuses another; the record keeps the overdue', async () => {
    const id = await itemId('УОиМП', '2.2')
    const ask = (due: string, name = 'УОиМП') =>
      h.call('POST', `/api/executor/items/${id}/extension-request`, {
        headers: asExecutor(tokens[name]!),
        body: { due, reason: 'Данные мониторинга не поступили' },
      })
    const before = await control(id)
    const past = await ask('2024-09-01')
    expect(past.status).toBe(422)
    expect(past.body.error.message).toContain('раньше сегодняшнего дня')
    expect(await control(id)).toEqual(before)
    // past its due date (30.09.2024) the executor asks for more time
    await h.setClock(new Date('2024-10-03T09:00:00Z'))
    expect((await ask('2024-10-31', 'ОО')).status).toBe(403)
    const asked = await ask('2024-10-31')
    expect(asked.status).toBe(200)
    expect((await ask('2024-11-15')).status).toBe(409)
    const request = (await control(id)).extensionRequests[0]
    expect(request).toMatchObject({ due: '2024-10-31', status: 'pending' })
    const path = `/api/control/${id}/extension-requests/${request.id}`
    expect((await h.call('POST', `${path}/grant`, { token: h.orgs[0]!.clerk, body: {} })).status).toBe(403)
    const granted = await h.call('POST', `${path}/grant`, {
      token: h.orgs[0]!.controller,
      body: { comment: 'Согласовано' },
    })
    expect(granted.body).toMatchObject({ status: 'extended', due: '2024-10-31' })
    expect(granted.body.extensions).toEqual([
      {
        from: '2024-09-30',
        to: '2024-10-31',
        reason: 'Данные мониторинга не поступили',
        on: '2024-10-03',
        overdue: true,
      },
    ])
    expect(
      (await h.call('POST', `${path}/refuse`, { token: h.orgs[0]!.controller, body: { comment: 'x' } })).status,
    ).toBe(409)
    expect((await ask('2024-11-29')).status).toBe(200)
    const second = (await control(id)).extensionRequests.find((r: any) => r.status === 'pending')
    const refused = await h.call('POST', `/api/control/${id}/extension-requests/${second.id}/refuse`, {
      token: h.orgs[0]!.controller,
      body: { comment: 'Срок уже переносился' },
    })
    expect(refused.body).toMatchObject({ status: 'extended', due: '2024-10-31' })
    expect((await control(id)).extensionRequests.map((r: any) => [r.status, r.grantedDue, r.comment])).toEqual([
      ['granted', '2024-10-31', 'Согласовано'],
      ['refused', null, 'Срок уже переносился'],
    ])
    const kinds = (await control(id)).history.map((e: any) => e.kind)
    expect(kinds).toEqual(['extension_requested', 'extended', 'extension_requested', 'extension_refused'])
    expect(await verifyAuditChain(h.database.db, h.orgs[0]!.id)).toBeNull()
  })

  it('refuses bad files, names and links in Russian, storing nothing', async () => {
    const id = await itemId('УОиМП', '3.1')
    const before = await control(id)
    const bad = async (body: unknown, status: number, words: string, token = tokens.УОиМП!) => {
      const res = await h.call('POST', `/api/executor/items/${id}/report`, { headers: asExecutor(token), body })
      expect(res.status).toBe(status)
      expect(JSON.stringify(res.body.error)).toContain(words)
    }
    const text = 'Отчёт.'
    await bad({ text, files: [inlineFile('../../etc/passwd', pdfBytes())] }, 422, 'без пути')
    await bad({ text, files: [inlineFile('=HYPERLINK("http://evil","x").pdf', pdfBytes())] }, 422, 'формулы')
    await bad({ text, files: [inlineFile('Скан.pdf', pngBytes(), 'application/pdf')] }, 422, 'не соответствует')
    await bad({ text, files: [inlineFile('Скан.pdf', Buffer.from('MZ\x90\x00 not a pdf'))] }, 422, 'не является')
    await bad(
      { text, files: [inlineFile('Большой.pdf', Buffer.concat([pdfBytes(), Buffer.alloc(2 * 1024 * 1024)]))] },
      422,
      'multipart',
    )
    await bad({ text: '' }, 422, 'Отчёт')
    await bad({ text }, 403, 'другому исполнителю', tokens.ОО)
    const large = await h.app.request(`/api/executor/items/${id}/report`, {
      method: 'POST',
      headers: asExecutor(tokens.УОиМП!),
      body: multipartReport(text, [
        {
          name: 'Огромный.pdf',
          bytes: Buffer.concat([pdfBytes(), Buffer.alloc(16 * 1024 * 1024)]),
          type: 'application/pdf',
        },
      ]),
    })
    expect(large.status).toBe(413)
    expect(await control(id)).toEqual(before)
  })

  it('revokes the old link when a new one is issued; refuses unknown links, other organizations and the clerk', async () => {
    const old = tokens.ОЦПМСО!
    const fresh = await issueLink(h, ids.ОЦПМСО!)
    const gone = await h.call('GET', '/api/executor/items', { headers: asExecutor(old) })
    expect(gone.status).toBe(410)
    expect(gone.body.error.message).toContain('отозвана')
    expect((await h.call('GET', '/api/executor/items', { headers: asExecutor(fresh.token) })).status).toBe(200)
    expect((await h.call('GET', '/api/executor/items', { headers: asExecutor('x'.repeat(43)) })).status).toBe(401)
    expect((await h.call('POST', `/api/executors/${ids.ОО}/link`, { token: h.orgs[0]!.clerk })).status).toBe(403)
    expect((await h.call('POST', `/api/executors/${ids.ОО}/link`, { token: h.orgs[1]!.controller })).status).toBe(403)
    // an executor of the other organization, by its own link, asks for this organization's item
    const [other] = Object.values(await addDirectory(h, ['Школа № 5'], 1))
    const { token } = await issueLink(h, other!, 1)
    const id = await itemId('УОиМП', '3.2')
    const res = await h.call('POST', `/api/executor/items/${id}/report`, {
      headers: asExecutor(token),
      body: { text: 'Чужое.' },
    })
    expect(res.status).toBe(404)
    // revoked by the controller: 410 at once
    expect((await h.call('DELETE', `/api/executors/${ids.ОЦПМСО}/link`, { token: h.orgs[0]!.controller })).status).toBe(
      200,
    )
    expect((await h.call('GET', '/api/executor/items', { headers: asExecutor(fresh.token) })).status).toBe(410)
  })

  it('never writes a personal link token into the log', async () => {
    const lines: string[] = []
    const app = createApp(h.deps, { log: (l) => lines.push(l), logLevel: 'debug' })
    const issued = await app.request(`/api/executors/${ids.ОО}/link`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.orgs[0]!.controller}` },
    })
    const token = ((await issued.json()) as { url: string }).url.split('/x/')[1]!
    tokens.ОО = token
    await app.request('/api/executor/items', { headers: asExecutor(token) })
    await app.request(`/x/${token}`)
    expect(lines.length).toBeGreaterThan(0)
    expect(lines.join('\n')).not.toContain(token)
  })

  it("opens the executor's items to the account tied to the executor, and only to it", async () => {
    const person = await h.addPerson({ name: 'Иванова Анна Петровна', email: 'ivanova.oo@test.local' })
    expect((await h.call('GET', '/api/executor/items', { token: person.token })).status).toBe(403)
    const tied = await h.call('PATCH', `/api/executors/${ids.ОО}`, {
      token: h.orgs[0]!.admin,
      body: { userId: person.userId },
    })
    expect(tied.status).toBe(200)
    const res = await h.call('GET', '/api/executor/items', { token: person.token })
    expect(res.status).toBe(200)
    expect(res.body.items).toHaveLength(8)
    const foreign = await h.addPerson({ name: 'Чужой Ч.Ч.', email: 'other.org@test.local', org: 1 })
    expect(
      (
        await h.call('PATCH', `/api/executors/${ids.УОиМП}`, {
          token: h.orgs[0]!.admin,
          body: { userId: foreign.userId },
        })
      ).status,
    ).toBe(422)
  })

  it('describes every executor route in OpenAPI', async () => {
    const spec = (await h.call('GET', '/openapi.json')).body
    for (const [path, method] of [
      ['/api/executors/{id}/link', 'post'],
      ['/api/executor/items', 'get'],
      ['/api/executor/items/{id}/report', 'post'],
      ['/api/executor/items/{id}/extension-request', 'post'],
      ['/api/executor/orders/{orderId}/acknowledge', 'post'],
      ['/api/control/{id}/extension-requests/{requestId}/grant', 'post'],
      ['/api/control/{id}/extension-requests/{requestId}/refuse', 'post'],
    ] as const)
      expect(spec.paths[path]?.[method], `${method} ${path}`).toBeDefined()
  })
})
