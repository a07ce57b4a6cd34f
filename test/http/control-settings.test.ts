import { describe, expect, it } from 'vitest'
import { registerOrder } from '../support/control'
import { testDatabases } from '../support/databases'
import { sampleContent, useHarness } from '../support/harness'

describe.each(testDatabases())('deadlines, calendar and practice over HTTP ($name)', ({ open }) => {
  const h = useHarness(open)
  const parse = (text: string, reference: string, token = h.orgs[0]!.clerk) =>
    h.call('POST', '/api/deadlines/parse', { token, body: { text, reference } })

  it('parses a deadline as written and gives the due date on control by the calendar', async () => {
    // Sunday 31 May 2026 → Friday 29 May
    expect((await parse('до 31.05.2026', '2026-03-01')).body).toMatchObject({
      kind: 'date',
      due: '2026-05-31',
      controlDue: '2026-05-29',
    })
    // 31 December 2026 is a day off transferred from Sunday 4 January: Wednesday 30 December
    expect((await parse('не позднее 31.12.2026', '2026-03-01')).body.controlDue).toBe('2026-12-30')
    expect((await parse('сроки согласовать', '2026-03-01')).body).toMatchObject({ kind: 'unknown', controlDue: null })
    expect((await h.call('POST', '/api/deadlines/parse', { body: { text: 'до 31.05.2026' } })).status).toBe(401)
    expect((await parse('до 31.05.2026', '2026-02-30')).status).toBe(422)
  })

  it('lets the admin change the calendar, and due dates of new items follow it', async () => {
    const year = await h.call('GET', '/api/calendar?year=2026', { token: h.orgs[0]!.clerk })
    expect(year.body.nonWorkingDays).toContain('2026-12-31')
    expect(year.body.nonWorkingDays).toContain('2026-05-30')
    expect(year.body.nonWorkingDays).not.toContain('2026-05-29')
    const change = { days: [{ day: '2026-05-29', working: false, note: 'местный праздник' }] }
    expect((await h.call('PUT', '/api/calendar', { token: h.orgs[0]!.clerk, body: change })).status).toBe(403)
    expect((await h.call('PUT', '/api/calendar', { token: h.orgs[0]!.admin, body: change })).status).toBe(200)
    expect((await parse('до 31.05.2026', '2026-03-01')).body.controlDue).toBe('2026-05-28')
    // the other organization keeps the calendar as shipped
    expect((await parse('до 31.05.2026', '2026-03-01', h.orgs[1]!.clerk)).body.controlDue).toBe('2026-05-29')

    await h.setClock(new Date('2026-03-10T09:00:00Z'))
    const orderId = await registerOrder(
      h,
      sampleContent({
        points: [
          { text: 'Суббота.', executors: ['Иванова И.И.'], deadline: 'до 30.05.2026' },
          { text: 'Без срока.', executors: ['Иванова И.И.'] },
        ],
      }),
    )
    const items = (await h.call('GET', `/api/control?orderId=${orderId}`, { token: h.orgs[0]!.clerk })).body.items
    expect(items.map((i: any) => [i.text, i.due])).toEqual([
      // a point with an executor and no deadline: one month after registration
      ['Без срока.', '2026-04-10'],
      ['Суббота.', '2026-05-28'],
    ])
  })

  it('lets the admin turn off the move to the previous working day', async () => {
    const off = await h.call('PUT', '/api/control-practice', {
      token: h.orgs[0]!.admin,
      body: { moveToPreviousWorkingDay: false, noDeadlineMonths: 2 },
    })
    expect(off.status).toBe(200)
    expect(off.body).toMatchObject({ moveToPreviousWorkingDay: false, noDeadlineMonths: 2, monthlyReportDay: 10 })
    expect((await parse('до 31.05.2026', '2026-03-01')).body.controlDue).toBe('2026-05-31')
    expect((await h.call('PUT', '/api/control-practice', { token: h.orgs[0]!.clerk, body: {} })).status).toBe(403)
    expect(
      (await h.call('PUT', '/api/control-practice', { token: h.orgs[0]!.admin, body: { urgentDays: -1 } })).status,
    ).toBe(422)
  })
})
