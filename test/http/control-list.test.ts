import { describe, expect, it } from 'vitest'
import { testDatabases } from '../support/databases'
import { registerOrder } from '../support/control'
import { sampleContent, useHarness } from '../support/harness'

/** The edges of the controller's list: what «overdue» and «on control» take in, and paging past items with no due date. */
describe.each(testDatabases())('the control list at its edges ($name)', ({ open }) => {
  const h = useHarness(open)
  const list = async (query: string) => {
    const res = await h.call('GET', `/api/control?${query}`, { token: h.orgs[0]!.controller })
    expect(res.status).toBe(200)
    return res.body as { items: { id: string; text: string; due: string | null }[]; nextCursor: string | null }
  }
  const texts = async (query: string) => (await list(query)).items.map((i) => i.text)

  it('counts an item due today as not yet overdue, keeps reported items on control, and pages to the undated', async () => {
    await h.setClock(new Date('2026-04-01T09:00:00Z'))
    const orderId = await registerOrder(
      h,
      sampleContent({
        points: [
          { text: 'По требованию.', executors: ['Иванова И.И.'], deadline: 'по требованию' },
          { text: 'Сегодня.', executors: ['Иванова И.И.'], deadline: 'до 08.04.2026' },
          { text: 'Вчера.', executors: ['Иванова И.И.'], deadline: 'до 07.04.2026' },
        ],
      }),
    )
    await h.setClock(new Date('2026-04-08T09:00:00Z'))
    const all = (await list(`orderId=${orderId}`)).items
    expect(all.map((i) => [i.text, i.due])).toEqual([
      ['Вчера.', '2026-04-07'],
      ['Сегодня.', '2026-04-08'],
      ['По требованию.', null],
    ])
    expect(await texts(`orderId=${orderId}&status=overdue`)).toEqual(['Вчера.'])
    expect(await texts(`orderId=${orderId}&status=due_soon`)).toEqual(['Сегодня.'])
    expect(await texts(`orderId=${orderId}&dueBefore=2026-04-08`)).toEqual(['Вчера.', 'Сегодня.'])

    // one a page: the item with no due date comes after the dated ones, and the pages end there
    const pages: string[][] = []
    let cursor: string | null = null
    do {
      const page: Awaited<ReturnType<typeof list>> = await list(
        `orderId=${orderId}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      )
      pages.push(page.items.map((i) => i.text))
      cursor = page.nextCursor
    } while (cursor && pages.length < 10)
    expect(pages).toEqual([['Вчера.'], ['Сегодня.'], ['По требованию.']])

    // a reported item awaits the controller's decision: still on control, no longer overdue
    const yesterday = all[0]!.id
    const reported = await h.call('POST', `/api/control/${yesterday}/report`, {
      token: h.orgs[0]!.controller,
      body: { text: 'Исполнено' },
    })
    expect(reported.status).toBe(200)
    expect(await texts(`orderId=${orderId}&status=on_control`)).toEqual(['Вчера.', 'Сегодня.', 'По требованию.'])
    expect(await texts(`orderId=${orderId}&status=reported`)).toEqual(['Вчера.'])
    expect(await texts(`orderId=${orderId}&status=overdue`)).toEqual([])
  })

  it('finds an executor’s items where they are a co-executor, and lists the unresolved ones written either way', async () => {
    const admin = h.orgs[0]!.admin
    const petrova = await h.call('POST', '/api/executors', {
      token: admin,
      body: { name: 'Петрова П.П.', kind: 'person' },
    })
    const sidorova = await h.call('POST', '/api/executors', {
      token: admin,
      body: { name: 'Сидорова С.С.', kind: 'person' },
    })
    expect([petrova.status, sidorova.status]).toEqual([201, 201])
    const orderId = await registerOrder(
      h,
      sampleContent({
        points: [
          { text: 'Вместе.', executors: ['Петрова П.П.', 'Сидорова С.С.'], deadline: 'до 13.04.2026' },
          { text: 'Одна.', executors: ['Петрова П.П.'], deadline: 'до 14.04.2026' },
          { text: 'Не из справочника.', executors: ['Орлова О.О.', 'Кузнецова К.К.'], deadline: 'до 15.04.2026' },
          { text: 'Только срок.', deadline: 'до 16.04.2026' },
          { text: 'Ни срока, ни исполнителя.' },
        ],
      }),
    )
    expect(await texts(`orderId=${orderId}&executor=${petrova.body.id}`)).toEqual(['Вместе.', 'Одна.'])
    expect(await texts(`orderId=${orderId}&executor=${sidorova.body.id}`)).toEqual(['Вместе.'])
    // a deadline alone puts a point on control; a point with neither is not
    expect(await texts(`orderId=${orderId}`)).toEqual(['Вместе.', 'Одна.', 'Не из справочника.', 'Только срок.'])
    // the order's history says whom the directory did not know, responsible or co-executor
    const history = (await h.call('GET', `/api/orders/${orderId}`, { token: h.orgs[0]!.clerk })).body.history as {
      action: string
      data: { unresolvedExecutors: string[] }
    }[]
    expect(history.find((e) => e.action === 'control_items_created')?.data.unresolvedExecutors).toEqual([
      'Орлова О.О.',
      'Кузнецова К.К.',
    ])
    const unresolved = await h.call('GET', '/api/executors/unresolved', { token: admin })
    const written = new Map(unresolved.body.items.map((u: { written: string; items: number }) => [u.written, u.items]))
    expect([written.get('Орлова О.О.'), written.get('Кузнецова К.К.'), written.has('Сидорова С.С.')]).toEqual([
      1,
      1,
      false,
    ])
  })

  it('puts a table row on control by its executor or its deadline alone, named by its number or its line', async () => {
    const orderId = await registerOrder(
      h,
      sampleContent({
        points: [{ text: 'Утвердить план (приложения 1–3).' }],
        appendices: [
          {
            title: 'План',
            table: {
              columns: [
                { title: '№', role: 'number' },
                { title: 'Мероприятие', role: 'activity' },
                { title: 'Срок', role: 'deadline' },
                { title: 'Ответственный', role: 'executor' },
              ],
              rows: [
                { cells: ['1', 'Открыть', 'до 20.04.2026', 'Иванова И.И.'] },
                { cells: ['', 'Только срок', 'до 21.04.2026', ''] },
                { section: 'Второй раздел' },
                { cells: ['', 'Только исполнитель', '', 'Петрова П.П.'] },
                { cells: ['', 'Заголовок, набранный строкой', '', ''] },
              ],
            },
          },
          {
            title: 'График',
            table: {
              columns: [
                { title: '№', role: 'number' },
                { title: 'Срок', role: 'deadline' },
                { title: 'Ответственный', role: 'executor' },
                { title: 'Содержание' },
              ],
              rows: [{ cells: ['7', 'до 22.04.2026', 'Иванова И.И.', 'Текст из колонки без роли'] }],
            },
          },
          {
            title: 'Список без сроков',
            table: {
              columns: [
                { title: 'Мероприятие', role: 'activity' },
                { title: 'Ответственный', role: 'executor' },
              ],
              rows: [{ cells: ['Без колонки срока', 'Иванова И.И.'] }],
            },
          },
        ],
      }),
    )
    const items = (await list(`orderId=${orderId}`)).items as unknown as { label: string; text: string }[]
    expect(items.map((i) => [i.label, i.text]).sort()).toEqual([
      ['прил. 1, п. 1', 'Открыть'],
      ['прил. 1, стр. 2', 'Только срок'],
      ['прил. 1, стр. 4', 'Только исполнитель'],
      ['прил. 2, п. 7', 'Текст из колонки без роли'],
    ])
  })
})
