import { randomUUID } from 'node:crypto'
import { sql, type SQLWrapper } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import { describe, expect, it } from 'vitest'
import { listOrderAuditPage } from '../../src/db/audit'
import type { Db } from '../../src/db/client'
import { listControlItems } from '../../src/db/control-items'
import { disciplineQuery } from '../../src/db/discipline'
import { listOrders } from '../../src/db/orders'
import { queryRows } from '../../src/db/raw'
import type { OrderContent } from '../../src/domain/content'
import type { ServiceContext } from '../../src/services/context'
import { controlToday } from '../../src/services/control-view'
import { controlBoard } from '../../src/services/list-control-items'
import { registerOrder } from '../support/control'
import { testDatabases } from '../support/databases'
import { sampleContent, useHarness } from '../support/harness'

/**
 * The reads that must stay fast after years of orders (test/bench/scale.bench.ts times them on a full
 * database): what they find, how they page, and that their plans can read the indexes made for them.
 */

const literal = (v: unknown) =>
  typeof v === 'number' ? String(v) : `'${String(v instanceof Date ? v.toISOString() : v).replace(/'/g, "''")}'`

/**
 * The plan a prepared statement of the query gets once it is cached (one generic plan for any parameters,
 * as postgres-js runs it after its first executions), with the planner's other ways off: what remains
 * shows whether the index can serve it.
 */
const planOf = async (db: Db, query: SQLWrapper, off: string[]) => {
  const { sql: text, params } = new PgDialect().sqlToQuery(query.getSQL())
  const name = `plan_${randomUUID().replace(/-/g, '')}`
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local plan_cache_mode = force_generic_plan`)
    for (const setting of off) await tx.execute(sql.raw(`set local ${setting} = off`))
    await tx.execute(sql.raw(`prepare ${name} as ${text}`))
    const rows = await queryRows<Record<string, string>>(
      tx,
      sql.raw(`explain execute ${name}(${params.map(literal).join(', ')})`),
    )
    await tx.execute(sql.raw(`deallocate ${name}`))
    return rows.map((r) => Object.values(r)[0]).join('\n')
  })
}

const withPoints = (title: string, points: string[]): OrderContent =>
  sampleContent({
    title,
    points: points.map((text, i) => ({ text, executors: [`Исполнитель ${i + 1}`], deadline: 'до 30.06.2030' })),
    appendices: [],
  })

describe.each(testDatabases())('reads at scale: search, history pages, board ($name)', ({ open }) => {
  const h = useHarness(open)
  const clerk = () => h.orgs[0]!.clerk
  const create = async (content: OrderContent) => {
    const res = await h.call('POST', '/api/orders', { token: clerk(), body: content })
    expect(res.status).toBe(201)
    return res.body.id as string
  }
  const search = async (q: string) =>
    (await h.call('GET', `/api/orders?q=${encodeURIComponent(q)}`, { token: clerk() })).body.items.map(
      (o: { id: string }) => o.id,
    )

  it('finds «дорожная карта» from «дорожной карты» (Russian morphology), and not an order without it', async () => {
    const roadmap = await create(
      sampleContent({
        title: 'Об утверждении плана мероприятий «Дорожная карта» на 2026 год',
        appendices: [{ title: 'Дорожная карта развития школы', text: 'Мероприятия.' }],
      }),
    )
    const other = await create(
      sampleContent({
        title: 'Об утверждении карты маршрута подвоза',
        appendices: [{ title: 'Маршрут', text: 'Остановки.' }],
      }),
    )
    const found = await search('дорожной карты')
    expect(found).toContain(roadmap)
    expect(found).not.toContain(other)
    // and the other way round, from the words as the order writes them to another case of them
    expect(await search('дорожную карту')).toContain(roadmap)
    expect(await search('карт маршрута')).toEqual([other])
  })

  it('pages an order’s history by seq: every event once, in order, and refuses a cursor it did not give', async () => {
    const id = await create(sampleContent({ title: 'О проведении олимпиады' }))
    for (let i = 1; i <= 4; i++) {
      const put = await h.call('PUT', `/api/orders/${id}`, {
        token: clerk(),
        body: sampleContent({ title: `О проведении олимпиады, редакция ${i}` }),
      })
      expect(put.status).toBe(200)
    }
    const whole = await h.call('GET', `/api/orders/${id}/history`, { token: clerk() })
    expect(whole.status).toBe(200)
    expect(whole.body.events.map((e: { action: string }) => e.action)).toEqual([
      'created',
      'edited',
      'edited',
      'edited',
      'edited',
    ])
    expect(whole.body.nextCursor).toBeNull()

    const pages: { events: { seq: number }[]; nextCursor: string | null }[] = []
    let cursor: string | null = ''
    while (cursor !== null) {
      const res = await h.call('GET', `/api/orders/${id}/history?limit=2${cursor ? `&cursor=${cursor}` : ''}`, {
        token: clerk(),
      })
      expect(res.status).toBe(200)
      pages.push(res.body)
      cursor = res.body.nextCursor
    }
    expect(pages.map((p) => p.events.length)).toEqual([2, 2, 1])
    expect(pages.flatMap((p) => p.events.map((e) => e.seq))).toEqual(
      whole.body.events.map((e: { seq: number }) => e.seq),
    )
    expect(pages[0]!.nextCursor).toBe(String(pages[0]!.events[1]!.seq))

    // exactly a page's worth left: the page before it says there is more, that page says there is none
    const last = await h.call('GET', `/api/orders/${id}/history?limit=1&cursor=${pages[1]!.nextCursor}`, {
      token: clerk(),
    })
    expect(last.body.events).toHaveLength(1)
    expect(last.body.nextCursor).toBeNull()

    for (const query of ['cursor=abc', 'cursor=0', 'cursor=-1', 'limit=0', 'limit=501', 'page=2']) {
      const res = await h.call('GET', `/api/orders/${id}/history?${query}`, { token: clerk() })
      expect(res.status, query).toBe(422)
    }
    expect((await h.call('GET', `/api/orders/${id}/history?limit=500`, { token: clerk() })).status).toBe(200)
    // another organization's clerk reads no page of it
    expect((await h.call('GET', `/api/orders/${id}/history?limit=2`, { token: h.orgs[1]!.clerk })).status).toBe(403)
  })

  it('shows the controller’s board: the open items only, each with its order’s title and number', async () => {
    await h.setClock(new Date('2026-03-10T09:00:00Z'))
    const orderId = await registerOrder(
      h,
      withPoints('О подготовке к итоговой аттестации', ['Составить график.', 'Провести собрание.', 'Сдать отчёт.']),
    )
    const items = (await h.call('GET', `/api/control?orderId=${orderId}`, { token: h.orgs[0]!.controller })).body
      .items as { id: string }[]
    expect(items).toHaveLength(3)
    const removed = await h.call('POST', `/api/control/${items[0]!.id}/remove`, {
      token: h.orgs[0]!.controller,
      body: { reason: 'Мероприятие отменено' },
    })
    expect(removed.status).toBe(200)
    const ctx: ServiceContext = {
      ...h.deps,
      actor: { type: 'user', id: randomUUID(), name: 'Контролёр', role: 'controller', organizationId: h.orgs[0]!.id },
      meta: {},
    }
    const board = await controlBoard(ctx)
    const mine = board.items.filter((i) => i.orderId === orderId)
    expect(mine.map((i) => i.id).sort()).toEqual([items[1]!.id, items[2]!.id].sort())
    expect(board.items.every((i) => ['on_control', 'extended', 'reported'].includes(i.status))).toBe(true)
    const order = (await h.call('GET', `/api/orders/${orderId}`, { token: clerk() })).body
    expect(board.orders[orderId]).toEqual({
      id: orderId,
      title: 'О подготовке к итоговой аттестации',
      number: order.number,
      date: order.date,
    })
    expect(Object.keys(board.orders).sort()).toEqual([...new Set(board.items.map((i) => i.orderId))].sort())
    // another organization's controller sees none of it
    const other = await controlBoard({ ...ctx, actor: { ...ctx.actor, organizationId: h.orgs[1]!.id } as never })
    expect(other.items.filter((i) => i.orderId === orderId)).toEqual([])
  })

  it('reads each list through the index made for it: no sort, the keyset as a range', async () => {
    const db = h.database.db
    const organizationId = h.orgs[0]!.id
    const straight = ['enable_seqscan', 'enable_bitmapscan', 'enable_sort', 'enable_incremental_sort']

    const first = await planOf(db, listOrders(db, { organizationId, limit: 51 }), straight)
    expect(first).toContain('orders_org_created_idx')
    expect(first).not.toMatch(/Sort/)
    const next = await planOf(
      db,
      listOrders(db, { organizationId, limit: 51, after: { createdAt: new Date(), id: randomUUID() } }),
      straight,
    )
    expect(next).toMatch(/Index Cond: \(\(organization_id = .*created_at, id\) < /)
    expect(next).not.toMatch(/Sort/)
    const all = await planOf(db, listOrders(db, { limit: 51 }), straight)
    expect(all).toContain('orders_created_idx')
    expect(all).not.toMatch(/Sort/)

    // the search matches the indexed column itself: GIN serves it (GIN is read only by bitmap scans)
    const found = await planOf(db, listOrders(db, { organizationId, q: 'дорожной карты', limit: 51 }), [
      'enable_seqscan',
      'enable_nestloop',
    ])
    expect(found).toContain('order_search_words_idx')
    // and keeps to the organization there, before reading any order
    expect(found).toMatch(
      /Bitmap Heap Scan on order_search[^\n]*\n(?:\s+(?:Recheck Cond|Filter):[^\n]*\n)*\s+Filter: \(organization_id = /,
    )

    const history = await planOf(db, listOrderAuditPage(db, randomUUID(), { afterSeq: 10, limit: 101 }), straight)
    expect(history).toMatch(/audit_order_idx[\s\S]*Index Cond: \(\(order_id = .*\) AND \(seq > /)
    expect(history).not.toMatch(/Sort/)

    const board = await planOf(
      db,
      listControlItems(db, { organizationId, status: 'on_control', limit: 501, ...controlToday(h.deps) }),
      straight,
    )
    expect(board).toContain('control_items_org_open_due_idx')
    expect(board).not.toMatch(/Sort/)

    // the discipline report reads the whole past months from their tallies by key, and counts the days at either
    // end from the items' index alone: every column it reads is in the index
    const { today } = controlToday(h.deps)
    const report = await planOf(db, disciplineQuery({ organizationId, from: '2025-01-02', to: today, today }), straight)
    expect(report).toContain('Index Only Scan using control_items_org_period_idx')
    expect(report).toMatch(/Index Scan using control_tallies_key on control_tallies/)
  })
})
