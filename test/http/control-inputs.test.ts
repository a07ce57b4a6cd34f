import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../src/domain/limits'
import { testDatabases } from '../support/databases'
import { registerOrder } from '../support/control'
import { sampleContent, useHarness } from '../support/harness'

/**
 * Decisions on control items refuse what they cannot take — a 4xx naming every problem, nothing stored —
 * keep another organization's items out of reach, and let only one of two concurrent decisions through.
 */
describe.each(testDatabases())(
  'control decisions on bad inputs, across organizations, concurrently ($name)',
  ({ open }) => {
    const h = useHarness(open)
    const act = (id: string, action: string, body?: unknown, token = h.orgs[0]!.controller) =>
      h.call('POST', `/api/control/${id}/${action}`, { token, body })
    const detail = async (id: string) =>
      (await h.call('GET', `/api/control/${id}`, { token: h.orgs[0]!.controller })).body

    const registerItems = async (deadline = 'до 29.05.2026', title = 'О плане работы отдела') => {
      await h.setClock(new Date('2026-03-10T09:00:00Z'))
      const orderId = await registerOrder(
        h,
        sampleContent({
          title,
          points: [{ text: 'Секретное поручение отдела.', executors: ['Иванова И.И.'], deadline }],
          appendices: undefined,
        }),
      )
      const list = await h.call('GET', `/api/control?orderId=${orderId}`, { token: h.orgs[0]!.controller })
      return { orderId, item: list.body.items[0] as { id: string; due: string } }
    }

    const paths = (res: { body: any }) => (res.body.error.details as { path: string }[]).map((d) => d.path).sort()

    it('refuses control characters, oversized texts and bad dates with 422, listing every problem, storing nothing', async () => {
      const { item } = await registerItems()
      const before = await detail(item.id)

      const nul = await act(item.id, 'report', { text: 'Исполнено\u0000' })
      expect(nul.status).toBe(422)
      expect(paths(nul)).toEqual(['text'])
      expect(nul.body.error.details[0].message).toContain('U+0000')
      const huge = await act(item.id, 'report', { text: 'а'.repeat(LIMITS.control.report + 1) })
      expect(huge.status).toBe(422)
      expect(paths(huge)).toEqual(['text'])
      const badFile = await act(item.id, 'report', {
        text: 'Исполнено',
        file: { name: 'отчёт\u0001.txt', type: 'text/plain', content: Buffer.from('x').toString('base64') },
      })
      expect(badFile.status).toBe(422)
      expect(paths(badFile)).toEqual(['file.name'])
      // a path for a name, a type that is no MIME type, an empty file: each named
      const pathFile = await act(item.id, 'report', {
        text: 'Исполнено',
        file: { name: '../../etc/passwd', type: 'документ', content: '' },
      })
      expect(pathFile.status).toBe(422)
      expect(paths(pathFile)).toEqual(['file.content', 'file.name', 'file.type'])
      expect(pathFile.body.error.details.map((d: { message: string }) => d.message).sort()).toEqual([
        'имя файла без пути: без «/», «\\», «..»',
        'тип файла (MIME), например application/pdf',
        'файл пуст',
      ])
      const both = await act(item.id, 'extend', { due: '2026-02-30', reason: 'Болезнь\u0000' })
      expect(both.status).toBe(422)
      expect(paths(both)).toEqual(['due', 'reason'])
      const longReason = await act(item.id, 'remove', { reason: 'р'.repeat(LIMITS.request.comment + 1) })
      expect(longReason.status).toBe(422)
      expect(paths(longReason)).toEqual(['reason'])
      // a new due date not after the old one: the same day, and an earlier one
      for (const due of [item.due, '2026-05-01']) {
        const early = await act(item.id, 'extend', { due, reason: 'Болезнь' })
        expect(early.status).toBe(422)
        expect(paths(early)).toEqual(['due'])
      }
      expect(await detail(item.id)).toStrictEqual(before)

      // at the bound: taken, with line breaks normalised
      const full = await act(item.id, 'report', { text: `а\r\n${'б'.repeat(LIMITS.control.report - 3)}` })
      expect(full.status).toBe(200)
      expect(full.body.report.text).toBe(`а\n${'б'.repeat(LIMITS.control.report - 3)}`)
      expect((await act(item.id, 'return', { comment: 'Нет\u0007' })).status).toBe(422)
      expect((await detail(item.id)).status).toBe('reported')
    })

    it('keeps another organization’s items out of reach: 403 on its ids, 404 on ids that are none, nothing told', async () => {
      const { item } = await registerItems()
      const before = await detail(item.id)
      const stranger = h.orgs[1]!.controller
      const bodies = {
        report: { text: 'Исполнено' },
        accept: undefined,
        return: { comment: 'Нет' },
        extend: { due: '2026-12-31', reason: 'Болезнь' },
        remove: { reason: 'Не нужно' },
        reopen: { reason: 'Снова' },
      }
      for (const [action, body] of Object.entries(bodies)) {
        const res = await act(item.id, action, body, stranger)
        expect(res.status, action).toBe(403)
        expect(JSON.stringify(res.body)).not.toContain('Секретное')
        expect(JSON.stringify(res.body)).not.toContain('Иванова')
      }
      const read = await h.call('GET', `/api/control/${item.id}`, { token: stranger })
      expect(read.status).toBe(403)
      expect(JSON.stringify(read.body)).not.toContain('Секретное')
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id', "1' or '1'='1"]) {
        expect((await act(encodeURIComponent(id), 'accept', undefined, stranger)).status).toBe(404)
        expect((await act(encodeURIComponent(id), 'report', { text: 'x' })).status).toBe(404)
      }
      expect(await detail(item.id)).toStrictEqual(before)
    })

    it('takes a deadline in the year 0000 as a date that does not exist and refuses that year in every date parameter, never a 500', async () => {
      // PostgreSQL has no year 0000: a due date or a query bound in it failed in the database
      const { orderId, item } = await registerItems('до 01.01.0000')
      expect(item).toMatchObject({ due: null })
      const listed = await h.call('GET', `/api/orders/${orderId}`, { token: h.orgs[0]!.clerk })
      expect(listed.body.status).toBe('registered')
      const controller = h.orgs[0]!.controller
      for (const [path, param] of [
        ['/api/control?dueBefore=0000-01-01', 'dueBefore'],
        ['/api/reports/discipline?from=0000-01-01&to=2026-12-31', 'from'],
        ['/api/orders?to=0000-12-31', 'to'],
      ] as const) {
        const res = await h.call('GET', path, { token: controller })
        expect(res.status, path).toBe(422)
        expect(paths(res)).toEqual([param])
      }
      const parsed = await h.call('POST', '/api/deadlines/parse', {
        token: h.orgs[0]!.clerk,
        body: { text: 'ежемесячно', reference: '0000-01-01' },
      })
      expect(parsed.status).toBe(422)
      expect(paths(parsed)).toEqual(['reference'])
      const before = await detail(item.id)
      const extended = await act(item.id, 'extend', { due: '0000-12-31', reason: 'Опечатка в годе' })
      expect(extended.status).toBe(422)
      expect(paths(extended)).toEqual(['due'])
      expect(await detail(item.id)).toStrictEqual(before)
    })

    it('lets one of two concurrent accepts of one report through; the other gets 409', async () => {
      const { orderId, item } = await registerItems()
      expect((await act(item.id, 'report', { text: 'Исполнено' })).status).toBe(200)
      const results = await Promise.all([act(item.id, 'accept'), act(item.id, 'accept')])
      expect(results.map((r) => r.status).sort()).toEqual([200, 409])
      const after = await detail(item.id)
      expect(after.status).toBe('done')
      expect(after.history.map((e: any) => e.kind)).toEqual(['reported', 'accepted'])
      const audit = (await h.call('GET', `/api/orders/${orderId}/history`, { token: h.orgs[0]!.clerk })).body.events
      expect(audit.filter((e: any) => e.action === 'closed')).toHaveLength(1)
      expect(audit.filter((e: any) => e.action === 'control_item_accepted')).toHaveLength(1)
    })

    it('rolls a recurring item over once for two concurrent accepts of its report', async () => {
      const { item } = await registerItems('ежемесячно', 'О плане работы на 2025/2026 учебный год')
      expect((await act(item.id, 'report', { text: 'Отчёт за март' })).status).toBe(200)
      const results = await Promise.all([act(item.id, 'accept'), act(item.id, 'accept')])
      expect(results.map((r) => r.status).sort()).toEqual([200, 409])
      const after = await detail(item.id)
      expect(after).toMatchObject({ status: 'on_control', due: '2026-05-08' })
      expect(after.occurrences).toHaveLength(1)
      expect(after.history.map((e: any) => e.kind)).toEqual(['reported', 'rolled_over'])
    })

    it('refuses control characters and oversized names in the executors directory, the calendar and the deadline parser', async () => {
      const admin = h.orgs[0]!.admin
      const executor = (name: string) =>
        h.call('POST', '/api/executors', { token: admin, body: { name, kind: 'person', email: 'x@test.local' } })
      for (const name of ['Иванова\u0000 И.И.', 'И'.repeat(LIMITS.order.executor + 1)]) {
        const res = await executor(name)
        expect(res.status).toBe(422)
        expect(paths(res)).toEqual(['name'])
      }
      expect((await executor('Иванова И.И.')).status).toBe(201)
      const calendar = await h.call('PUT', '/api/calendar', {
        token: admin,
        body: { days: [{ day: '2026-06-15', working: false, note: 'Праздник\u0000' }] },
      })
      expect(calendar.status).toBe(422)
      expect(paths(calendar)).toEqual(['days.0.note'])
      const parse = (body: unknown) => h.call('POST', '/api/deadlines/parse', { token: h.orgs[0]!.clerk, body })
      for (const body of [
        { text: 'до 31.05.2026\u0000' },
        { text: 'д'.repeat(LIMITS.order.deadline + 1) },
        { text: 'ежемесячно', context: '2025/2026 учебный год\u001b' },
      ]) {
        const res = await parse(body)
        expect(res.status).toBe(422)
        expect(res.body.error.details).toHaveLength(1)
      }
      expect((await parse({ text: 'ежемесячно', context: 'на 2025/2026 учебный год' })).status).toBe(200)
    })
  },
)
