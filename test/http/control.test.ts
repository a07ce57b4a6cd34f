import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../src/db/audit'
import type { OrderContent } from '../../src/domain/content'
import { testDatabases } from '../support/databases'
import { registerOrder } from '../support/control'
import { PASSWORD, sampleContent, useHarness } from '../support/harness'

const sample = JSON.parse(
  readFileSync(join(import.meta.dirname, '../fixtures/order-226-1.json'), 'utf8'),
) as OrderContent

/**
 * The roadmap of order 226/1 (sample 001), by hand: its table has 27 rows with the columns «Сроки»
 * (deadline) and «Ответственный» (executor). Rows 1, 1.1–1.7 (8), 2.1–2.8 (8) and 3.1–3.8 (8) name
 * both; row «2» holds only a heading («Информационно-аналитическое направление») and row «3» is
 * empty. Points 1 and 2 of the order name no executor in `executors` and no deadline. So 24 items.
 */
const SAMPLE_ITEMS = [
  '1',
  ...['1', '2', '3', '4', '5', '6', '7'].map((n) => `1.${n}`),
  ...['1', '2', '3', '4', '5', '6', '7', '8'].map((n) => `2.${n}`),
  ...['1', '2', '3', '4', '5', '6', '7', '8'].map((n) => `3.${n}`),
].map((n) => `прил. 1, п. ${n}`)

describe.each(testDatabases())('execution control over HTTP ($name)', ({ open }) => {
  const h = useHarness(open)
  const items = async (query: string, token = h.orgs[0]!.controller) => {
    const res = await h.call('GET', `/api/control?${query}`, { token })
    expect(res.status).toBe(200)
    return res.body.items as any[]
  }
  const act = (id: string, action: string, body?: unknown, token = h.orgs[0]!.controller) =>
    h.call('POST', `/api/control/${id}/${action}`, { token, body })

  it('puts every roadmap row of sample 001 on control at registration, executors as written', async () => {
    await h.setClock(new Date('2024-09-05T09:00:00Z'))
    const orderId = await registerOrder(h, sample)
    const list = await items(`orderId=${orderId}&limit=500`)
    expect(list.map((i) => i.label).sort()).toEqual([...SAMPLE_ITEMS].sort())
    expect(new Set(list.map((i) => i.status))).toEqual(new Set(['on_control']))
    const row = (n: string) => list.find((i) => i.label === `прил. 1, п. ${n}`)
    // «сентябрь 2024»: the last day of the month, a Monday
    expect(row('1.4')).toMatchObject({ deadline: 'сентябрь 2024', due: '2024-09-30', timing: 'not_due' })
    expect(row('1.4').text).toBe(
      'Разработка и утверждение Плана мероприятий (школьной «дорожной карты») / программы повышения качества обучения',
    )
    // several executors in one cell: the first responsible, the others co-executors, none dropped
    expect(row('1.3').responsible).toEqual({ written: 'УОиМП', executorId: null })
    expect(row('1.3').coExecutors).toEqual([{ written: 'ОЦПРМСО', executorId: null }])
    expect(row('1.2').deadline).toBe('ежемесячно')

    const history = await h.call('GET', `/api/orders/${orderId}/history`, { token: h.orgs[0]!.clerk })
    const created = history.body.events.find((e: any) => e.action === 'control_items_created')
    expect(created.data.items).toBe(24)
    expect(await verifyAuditChain(h.database.db, h.orgs[0]!.id)).toBeNull()
  })

  it('lists unresolved executors for the admin and resolves them when the directory gains the entry', async () => {
    const admin = h.orgs[0]!.admin
    const before = await h.call('GET', '/api/executors/unresolved', { token: admin })
    expect(before.status).toBe(200)
    expect(before.body.items.find((u: any) => u.written === 'ОО')).toMatchObject({ items: 8 })
    expect((await h.call('GET', '/api/executors/unresolved', { token: h.orgs[0]!.clerk })).status).toBe(403)
    const added = await h.call('POST', '/api/executors', {
      token: admin,
      body: { name: 'ОО', kind: 'unit', email: 'oo@test.local' },
    })
    expect(added.status).toBe(201)
    const after = await h.call('GET', '/api/executors/unresolved', { token: admin })
    expect(after.body.items.map((u: any) => u.written)).not.toContain('ОО')
    const mine = await items(`executor=${added.body.id}&limit=500`)
    expect(mine).toHaveLength(8)
    const changed = await h.call('PATCH', `/api/executors/${added.body.id}`, {
      token: admin,
      body: { email: 'school@test.local' },
    })
    expect(changed.body).toMatchObject({ name: 'ОО', email: 'school@test.local' })
    // an executor that items name stays; one that none names goes
    expect((await h.call('DELETE', `/api/executors/${added.body.id}`, { token: admin })).status).toBe(409)
    const spare = await h.call('POST', '/api/executors', { token: admin, body: { name: 'Никто Н.Н.', kind: 'person' } })
    expect((await h.call('DELETE', `/api/executors/${spare.body.id}`, { token: admin })).status).toBe(200)
    expect((await h.call('GET', '/api/executors', { token: admin })).body.items.map((e: any) => e.name)).toEqual(['ОО'])
    expect(
      (await h.call('POST', '/api/executors', { token: h.orgs[0]!.clerk, body: { name: 'X', kind: 'unit' } })).status,
    ).toBe(403)
  })

  it('reports, accepts, returns, extends and removes; the order closes when the last item is settled', async () => {
    await h.setClock(new Date('2026-03-10T09:00:00Z'))
    const orderId = await registerOrder(
      h,
      sampleContent({
        points: [
          { text: 'Провести совещание.', executors: ['Иванова И.И.'], deadline: 'до 30.06.2026' },
          { text: 'Подготовить справку.', executors: ['Петров П.П., Сидоров С.С.'], deadline: 'до 31.05.2026' },
          { text: 'Утвердить план.' },
        ],
        appendices: undefined,
      }),
    )
    const [second, first] = await items(`orderId=${orderId}`)
    expect([first.label, second.label]).toEqual(['п. 1', 'п. 2'])
    expect(second.coExecutors).toEqual([{ written: 'Сидоров С.С.', executorId: null }])
    const clerk = h.orgs[0]!.clerk

    // clerks read, and nothing more
    expect((await h.call('GET', `/api/control/${first.id}`, { token: clerk })).status).toBe(200)
    expect((await act(first.id, 'report', { text: 'x' }, clerk)).status).toBe(403)
    expect((await act(first.id, 'extend', { due: '2026-07-31', reason: 'x' }, clerk)).status).toBe(403)
    expect((await act(first.id, 'remove', { reason: 'x' }, clerk)).status).toBe(403)
    // another organization's controller sees nothing of it
    expect((await h.call('GET', `/api/control/${first.id}`, { token: h.orgs[1]!.controller })).status).toBe(403)
    expect((await act(first.id, 'remove', { reason: 'x' }, h.orgs[1]!.controller)).status).toBe(403)
    expect(await items(`orderId=${orderId}`, h.orgs[1]!.controller)).toEqual([])

    // a report, returned, then reported again and accepted: done on the day it was reported
    expect((await act(first.id, 'accept')).status).toBe(409)
    expect((await act(first.id, 'report', { text: '   ' })).status).toBe(422)
    const reported = await act(first.id, 'report', {
      text: 'Совещание проведено',
      file: { name: 'протокол.txt', type: 'text/plain', content: Buffer.from('протокол').toString('base64') },
    })
    expect(reported.body).toMatchObject({
      status: 'reported',
      report: { text: 'Совещание проведено', on: '2026-03-10' },
    })
    expect((await act(first.id, 'return', { comment: '' })).status).toBe(422)
    expect((await act(first.id, 'return', { comment: 'Нет протокола' })).body.status).toBe('on_control')
    await act(first.id, 'report', { text: 'Протокол приложен' })
    await h.setClock(new Date('2026-03-12T09:00:00Z'))
    const accepted = await act(first.id, 'accept')
    expect(accepted.body).toMatchObject({ status: 'done', doneOn: '2026-03-10' })

    // an extension must be later than the due date; the earlier due date stays in the history
    const early = await act(second.id, 'extend', { due: '2026-05-29', reason: 'Болезнь' })
    expect(early.status).toBe(422)
    expect(early.body.error.details).toEqual([expect.objectContaining({ path: 'due' })])
    const extended = await act(second.id, 'extend', { due: '2026-06-30', reason: 'Болезнь исполнителя' })
    expect(extended.body).toMatchObject({
      status: 'extended',
      due: '2026-06-30',
      extensions: [{ from: '2026-05-29', to: '2026-06-30', reason: 'Болезнь исполнителя', on: '2026-03-12' }],
    })
    expect((await items(`orderId=${orderId}&status=extended`)).map((i) => i.id)).toEqual([second.id])
    expect((await h.call('GET', `/api/orders/${orderId}`, { token: clerk })).body.status).toBe('registered')

    const removed = await act(second.id, 'remove', { reason: 'Утратило актуальность' })
    expect(removed.body).toMatchObject({ status: 'removed', removal: { reason: 'Утратило актуальность' } })
    expect((await h.call('GET', `/api/orders/${orderId}`, { token: clerk })).body.status).toBe('closed')

    const detail = await h.call('GET', `/api/control/${second.id}`, { token: clerk })
    expect(detail.body.history.map((e: any) => [e.kind, e.oldDue, e.newDue])).toEqual([
      ['extended', '2026-05-29', '2026-06-30'],
      ['removed', '2026-06-30', '2026-06-30'],
    ])
    const audit = (await h.call('GET', `/api/orders/${orderId}/history`, { token: clerk })).body.events
    expect(audit.map((e: any) => e.action).slice(-8)).toEqual([
      'control_items_created',
      'control_item_reported',
      'control_item_returned',
      'control_item_reported',
      'control_item_accepted',
      'control_item_extended',
      'control_item_removed',
      'closed',
    ])
    expect(await verifyAuditChain(h.database.db, h.orgs[0]!.id)).toBeNull()
    // a closed order's items stay settled
    expect((await act(first.id, 'reopen', { reason: 'Ошибка' })).status).toBe(409)
  })

  it('lets the director who signed the order extend, and no other director', async () => {
    await h.setClock(new Date('2026-03-10T09:00:00Z'))
    const director = async (email: string) => {
      const made = await h.call('POST', '/api/users', {
        token: h.orgs[0]!.admin,
        body: {
          email,
          name: email,
          position: 'Директор',
          role: 'director',
          password: PASSWORD,
          organizationId: h.orgs[0]!.id,
        },
      })
      const token = (await h.call('POST', '/api/auth/token', { body: { email, password: PASSWORD } })).body
        .token as string
      return { token, userId: made.body.id as string }
    }
    const signer = await director('signer@test.local')
    const other = await director('other@test.local')
    const orderId = await registerOrder(
      h,
      sampleContent({ points: [{ text: 'Сделать.', executors: ['Иванова И.И.'], deadline: 'до 30.06.2026' }] }),
      { userId: signer.userId },
      signer.token,
    )
    const [item] = await items(`orderId=${orderId}`)
    expect((await act(item.id, 'extend', { due: '2026-07-31', reason: 'x' }, other.token)).status).toBe(403)
    expect((await act(item.id, 'extend', { due: '2026-07-31', reason: 'Перенос' }, signer.token)).body.due).toBe(
      '2026-07-31',
    )
    // having signed one order gives no say over another's items: `other` signed order B, `signer` did not
    const orderB = await registerOrder(
      h,
      sampleContent({ points: [{ text: 'Сделать.', executors: ['Иванова И.И.'], deadline: 'до 30.06.2026' }] }),
      { userId: other.userId },
      other.token,
    )
    const [itemB] = await items(`orderId=${orderB}`)
    const foreign = await act(itemB.id, 'extend', { due: '2026-07-31', reason: 'Перенос' }, signer.token)
    expect(foreign.status).toBe(403)
    expect((await act(itemB.id, 'remove', { reason: 'Не нужно' }, signer.token)).status).toBe(403)
    expect((await h.call('GET', `/api/control/${itemB.id}`, { token: signer.token })).body.due).toBe('2026-06-30')
    expect((await act(itemB.id, 'extend', { due: '2026-07-31', reason: 'Перенос' }, other.token)).body.due).toBe(
      '2026-07-31',
    )
    // the board shows each of them the buttons the service would take from them, and no other
    const board = async (token: string) =>
      (await h.app.request('/control', { headers: { authorization: `Bearer ${token}` } })).text()
    const forms = (html: string, id: string) =>
      [...html.matchAll(new RegExp(`action="/control/${id}/(\\w+)"`, 'g'))].map((m) => m[1]).sort()
    const signersBoard = await board(signer.token)
    expect(forms(signersBoard, item.id)).toEqual(['extend', 'remove'])
    expect(forms(signersBoard, itemB.id)).toEqual([])
    expect(forms(await board(other.token), itemB.id)).toEqual(['extend', 'remove'])
    expect(forms(await board(h.orgs[0]!.controller), item.id)).toEqual(['extend', 'remove', 'report'])
    expect(forms(await board(h.orgs[0]!.clerk), item.id)).toEqual([])
  })

  it('keeps the order open while an item waits for a decision on its report, and closes it with the last one', async () => {
    await h.setClock(new Date('2026-03-10T09:00:00Z'))
    const orderId = await registerOrder(
      h,
      sampleContent({
        points: [
          { text: 'Сделать одно.', executors: ['Иванова И.И.'], deadline: 'до 29.05.2026' },
          { text: 'Сделать другое.', executors: ['Петров П.П.'], deadline: 'до 29.05.2026' },
        ],
        appendices: undefined,
      }),
    )
    const [a, b] = await items(`orderId=${orderId}`)
    const status = async () => (await h.call('GET', `/api/orders/${orderId}`, { token: h.orgs[0]!.clerk })).body.status
    expect((await act(b.id, 'report', { text: 'Сделано другое' })).body.status).toBe('reported')
    await act(a.id, 'report', { text: 'Сделано одно' })
    expect((await act(a.id, 'accept')).body.status).toBe('done')
    // b's report is not yet accepted: b is still on control, and so is the order
    expect(await status()).toBe('registered')
    expect((await act(b.id, 'accept')).body.status).toBe('done')
    expect(await status()).toBe('closed')
  })

  it('describes every control route in OpenAPI', async () => {
    const paths = Object.keys((await h.call('GET', '/openapi.json')).body.paths)
    for (const p of [
      '/api/control',
      '/api/control/{id}',
      '/api/control/{id}/report',
      '/api/control/{id}/accept',
      '/api/control/{id}/return',
      '/api/control/{id}/extend',
      '/api/control/{id}/remove',
      '/api/control/{id}/reopen',
      '/api/reports/discipline',
      '/api/deadlines/parse',
      '/api/executors',
      '/api/executors/unresolved',
      '/api/calendar',
      '/api/control-practice',
    ])
      expect(paths).toContain(p)
  })

  it('rolls a monthly item over to its next report when a report is accepted, until the school year ends', async () => {
    await h.setClock(new Date('2026-03-10T09:00:00Z'))
    const orderId = await registerOrder(
      h,
      sampleContent({
        title: 'О плане работы на 2025/2026 учебный год',
        points: [{ text: 'Отчитываться.', executors: ['Иванова И.И.'], deadline: 'ежемесячно' }],
      }),
    )
    const [item] = await items(`orderId=${orderId}`)
    // the report of March is due on the 10th of April (a Friday)
    expect(item.due).toBe('2026-04-10')
    await act(item.id, 'report', { text: 'Отчёт за март' })
    const rolled = await act(item.id, 'accept')
    // 10 May 2026 is a Sunday: Friday 8 May
    expect(rolled.body).toMatchObject({ status: 'on_control', due: '2026-05-08', doneOn: null, report: null })
    expect(rolled.body.occurrences).toEqual([{ due: '2026-04-10', reportedOn: '2026-03-10', acceptedOn: '2026-03-10' }])
    const detail = await h.call('GET', `/api/control/${item.id}`, { token: h.orgs[0]!.controller })
    expect(detail.body.history.map((e: any) => [e.kind, e.oldDue, e.newDue])).toEqual([
      ['reported', '2026-04-10', '2026-04-10'],
      ['rolled_over', '2026-04-10', '2026-05-08'],
    ])
    expect((await h.call('GET', `/api/orders/${orderId}`, { token: h.orgs[0]!.clerk })).body.status).toBe('registered')
    // the report of August, due 10 September, is the last of the school year: accepting it settles the
    // item and closes the order
    for (const due of ['2026-06-10', '2026-07-10', '2026-08-10', '2026-09-10']) {
      await act(item.id, 'report', { text: 'Отчёт' })
      expect((await act(item.id, 'accept')).body.due).toBe(due)
    }
    await act(item.id, 'report', { text: 'Отчёт за август' })
    expect((await act(item.id, 'accept')).body).toMatchObject({ status: 'done', due: '2026-09-10' })
    expect((await h.call('GET', `/api/orders/${orderId}`, { token: h.orgs[0]!.clerk })).body.status).toBe('closed')
  })

  it('derives overdue and due soon from today, and pages by cursor', async () => {
    await h.setClock(new Date('2026-04-01T09:00:00Z'))
    const orderId = await registerOrder(
      h,
      sampleContent({
        points: [
          { text: 'А.', executors: ['Иванова И.И.'], deadline: 'до 10.04.2026' },
          { text: 'Б.', executors: ['Иванова И.И.'], deadline: 'до 03.04.2026' },
          { text: 'В.', executors: ['Иванова И.И.'], deadline: 'до 20.05.2026' },
        ],
      }),
    )
    await h.setClock(new Date('2026-04-08T09:00:00Z'))
    const ids = (list: any[]) => list.map((i) => i.text)
    expect(ids(await items(`orderId=${orderId}&status=overdue`))).toEqual(['Б.'])
    expect(ids(await items(`orderId=${orderId}&status=due_soon`))).toEqual(['А.'])
    expect(ids(await items(`orderId=${orderId}&dueBefore=2026-04-30`))).toEqual(['Б.', 'А.'])
    const page1 = await h.call('GET', `/api/control?orderId=${orderId}&limit=2`, { token: h.orgs[0]!.controller })
    expect(ids(page1.body.items)).toEqual(['Б.', 'А.'])
    const page2 = await h.call('GET', `/api/control?orderId=${orderId}&limit=2&cursor=${page1.body.nextCursor}`, {
      token: h.orgs[0]!.controller,
    })
    expect(ids(page2.body.items)).toEqual(['В.'])
    expect(page2.body.nextCursor).toBeNull()
    expect((await h.call('GET', '/api/control?status=late', { token: h.orgs[0]!.controller })).status).toBe(422)
  })
})
