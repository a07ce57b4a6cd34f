import { describe, expect, it } from 'vitest'
import { testDatabases } from '../support/databases'
import { registerOrder } from '../support/control'
import { sampleContent, useHarness } from '../support/harness'

/**
 * Recurring items over HTTP: an accepted report rolls the item to its next occurrence until the order's
 * period ends (the school year it names, else the calendar year of registration); the acceptance of the
 * last occurrence settles the item and, as the order's last item, closes the order.
 */
describe.each(testDatabases())('recurring control items ($name)', ({ open }) => {
  const h = useHarness(open)
  const act = (id: string, action: string, body?: unknown) =>
    h.call('POST', `/api/control/${id}/${action}`, { token: h.orgs[0]!.controller, body })

  /** Registers an order with one item of this deadline on 10 March 2026; returns the order and the item. */
  const registerOne = async (deadline: string, title = 'О плане работы отдела') => {
    await h.setClock(new Date('2026-03-10T09:00:00Z'))
    const orderId = await registerOrder(
      h,
      sampleContent({
        title,
        points: [{ text: 'Отчитываться.', executors: ['Иванова И.И.'], deadline }],
        appendices: undefined,
      }),
    )
    const list = await h.call('GET', `/api/control?orderId=${orderId}`, { token: h.orgs[0]!.controller })
    expect(list.body.items).toHaveLength(1)
    return { orderId, item: list.body.items[0] as { id: string; due: string } }
  }

  /** Reports and accepts until the item is done; the due date of every occurrence, in order. */
  const runToTheEnd = async (item: { id: string; due: string }, orderId: string) => {
    const dues = [item.due]
    for (let i = 0; i < 30; i++) {
      expect((await act(item.id, 'report', { text: `Отчёт ${i + 1}` })).status).toBe(200)
      expect((await h.call('GET', `/api/orders/${orderId}`, { token: h.orgs[0]!.clerk })).body.status).toBe(
        'registered',
      )
      const accepted = await act(item.id, 'accept')
      expect(accepted.status).toBe(200)
      if (accepted.body.status === 'done') return { dues, done: accepted.body }
      expect(accepted.body.status).toBe('on_control')
      dues.push(accepted.body.due)
    }
    throw new Error(`still rolling after 30 reports: ${dues.join(', ')}`)
  }

  const orderStatus = async (orderId: string) =>
    (await h.call('GET', `/api/orders/${orderId}`, { token: h.orgs[0]!.clerk })).body.status

  it('«ежемесячно» in an order for the 2025/2026 school year: monthly reports to the August one, then done', async () => {
    const { orderId, item } = await registerOne('ежемесячно', 'О плане работы на 2025/2026 учебный год')
    const { dues, done } = await runToTheEnd(item, orderId)
    // the report of each month is due the 10th of the next (10 May 2026 is a Sunday: Friday 8 May);
    // the report of August, the school year's last month, falls due on 10 September and is the last
    expect(dues).toEqual(['2026-04-10', '2026-05-08', '2026-06-10', '2026-07-10', '2026-08-10', '2026-09-10'])
    expect(done).toMatchObject({ status: 'done', due: '2026-09-10' })
    expect(done.occurrences).toHaveLength(5)
    expect(await orderStatus(orderId)).toBe('closed')
    const detail = await h.call('GET', `/api/control/${item.id}`, { token: h.orgs[0]!.controller })
    expect(detail.body.history.filter((e: any) => e.kind === 'rolled_over')).toHaveLength(5)
    expect(detail.body.history.at(-1)).toMatchObject({ kind: 'accepted', oldDue: '2026-09-10', newDue: '2026-09-10' })
  })

  it('«ежеквартально» in an order for the 2025/2026 school year: the quarters that end within it', async () => {
    const { orderId, item } = await registerOne('ежеквартально', 'О плане работы на 2025/2026 учебный год')
    // 30 September 2026 ends after 31 August: the June quarter is the last
    expect((await runToTheEnd(item, orderId)).dues).toEqual(['2026-03-31', '2026-06-30'])
    expect(await orderStatus(orderId)).toBe('closed')
  })

  it('an order naming no school year runs for the calendar year: monthly reports stop after December’s', async () => {
    const { orderId, item } = await registerOne('ежемесячно')
    const { dues } = await runToTheEnd(item, orderId)
    expect(dues).toEqual([
      '2026-04-10',
      '2026-05-08',
      '2026-06-10',
      '2026-07-10',
      '2026-08-10',
      '2026-09-10',
      // 10 October 2026 is a Saturday
      '2026-10-09',
      '2026-11-10',
      '2026-12-10',
      // December's report, due 10 January 2027 in the New Year holidays: the last working day before them
      '2026-12-30',
    ])
    expect(await orderStatus(orderId)).toBe('closed')
  })

  it('«ежеквартально» in an order naming no school year: the four quarters of the calendar year', async () => {
    const { orderId, item } = await registerOne('ежеквартально')
    // 31 December 2026 is a day off (transferred from 3 January): 30 December
    expect((await runToTheEnd(item, orderId)).dues).toEqual(['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-30'])
    expect(await orderStatus(orderId)).toBe('closed')
  })

  it('«до 31 мая ежегодно» in an order for a school year: the one 31 May within it', async () => {
    const { orderId, item } = await registerOne('до 31 мая ежегодно', 'О плане работы на 2025/2026 учебный год')
    // 31 May 2026 is a Sunday
    expect((await runToTheEnd(item, orderId)).dues).toEqual(['2026-05-29'])
    expect(await orderStatus(orderId)).toBe('closed')
  })

  it('«постоянно» in an order naming no school year: the yearly report on the calendar year, then done', async () => {
    const { orderId, item } = await registerOne('постоянно')
    expect((await runToTheEnd(item, orderId)).dues).toEqual(['2027-01-20'])
    expect(await orderStatus(orderId)).toBe('closed')
  })
})
