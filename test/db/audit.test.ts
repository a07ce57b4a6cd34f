import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditChains, verifyAuditChain } from '../../src/db/audit'
import { queryRows } from '../../src/db/raw'
import { sampleContent, useHarness } from '../support/harness'
import { testDatabases } from '../support/databases'

describe.each(testDatabases())('audit chain verification ($name)', ({ open }) => {
  const h = useHarness(open)
  const run = (query: ReturnType<typeof sql>) => queryRows(h.database.db, query)

  /** An order with four events of its own (created, three edits), and their seqs in order. */
  const orderWithEvents = async (org = 0) => {
    const token = h.orgs[org]!.clerk
    const id = (await h.call('POST', '/api/orders', { token, body: sampleContent() })).body.id as string
    for (const title of ['Первая правка', 'Вторая правка', 'Третья правка'])
      expect((await h.call('PUT', `/api/orders/${id}`, { token, body: sampleContent({ title }) })).status).toBe(200)
    const rows = await run(sql`select seq from audit_events where order_id = ${id} order by seq`)
    const seqs = rows.map((r) => Number(r.seq))
    expect(seqs).toHaveLength(4)
    return { id, seqs }
  }

  const chainOf = async (orderId: string, org = 0) =>
    (await auditChains(h.database.db, h.orgs[org]!.id)).find((c) => c.orderId === orderId)!

  it('holds for chains nobody touched', async () => {
    const { id } = await orderWithEvents(1)
    expect(await verifyAuditChain(h.database.db, h.orgs[1]!.id)).toBeNull()
    const chains = await auditChains(h.database.db, h.orgs[1]!.id)
    expect(chains[0]).toMatchObject({ scope: 'organization', ok: true })
    expect(chains[0]!.events).toBeGreaterThan(0)
    expect(chains.find((c) => c.orderId === id)).toEqual({
      scope: 'order',
      organizationId: h.orgs[1]!.id,
      orderId: id,
      events: 4,
      ok: true,
    })
  })

  it('finds a row whose data was changed in SQL, at its own seq', async () => {
    const { id, seqs } = await orderWithEvents()
    expect(await verifyAuditChain(h.database.db, h.orgs[0]!.id)).toBeNull()
    await run(sql`update audit_events set data = data || '{"title":"Подменённый"}'::jsonb where seq = ${seqs[1]}`)
    expect(await verifyAuditChain(h.database.db, h.orgs[0]!.id)).toEqual({ seq: seqs[1], reason: 'hash' })
    expect(await chainOf(id)).toMatchObject({ ok: false, events: 4, brokenAt: { seq: seqs[1], reason: 'hash' } })
  })

  it('finds a row whose stored hash was replaced, at its own seq', async () => {
    const { id, seqs } = await orderWithEvents()
    await run(sql`update audit_events set hash = ${'f'.repeat(64)} where seq = ${seqs[2]}`)
    // its own hash no longer matches its fields, whatever it is set to
    expect((await chainOf(id)).brokenAt).toEqual({ seq: seqs[2], reason: 'hash' })
  })

  it('finds a deleted row at the event after it', async () => {
    const { id, seqs } = await orderWithEvents()
    await run(sql`delete from audit_events where seq = ${seqs[1]}`)
    expect(await chainOf(id)).toMatchObject({ ok: false, events: 3, brokenAt: { seq: seqs[2], reason: 'link' } })
  })

  it('finds a deleted last row at the head stored on the order', async () => {
    const { id, seqs } = await orderWithEvents()
    await run(sql`delete from audit_events where seq = ${seqs[3]}`)
    expect((await chainOf(id)).brokenAt).toEqual({ seq: seqs[2], reason: 'head' })
  })

  it('finds a reordered chain where the order changes', async () => {
    const { id, seqs } = await orderWithEvents()
    const [, b, c] = seqs as [number, number, number, number]
    await run(sql`update audit_events set seq = -1 where seq = ${b}`)
    await run(sql`update audit_events set seq = ${b} where seq = ${c}`)
    await run(sql`update audit_events set seq = ${c} where seq = -1`)
    expect((await chainOf(id)).brokenAt).toEqual({ seq: b, reason: 'link' })
  })

  it("finds a changed event of the organization's own chain (users, journals)", async () => {
    const [first] = await run(
      sql`select seq from audit_events where organization_id = ${h.orgs[1]!.id} and order_id is null order by seq limit 1`,
    )
    await run(sql`update audit_events set actor_name = 'Кто-то другой' where seq = ${first!.seq}`)
    const [own] = await auditChains(h.database.db, h.orgs[1]!.id)
    expect(own).toMatchObject({
      scope: 'organization',
      ok: false,
      brokenAt: { seq: Number(first!.seq), reason: 'hash' },
    })
    expect(await verifyAuditChain(h.database.db, h.orgs[1]!.id)).toEqual({ seq: Number(first!.seq), reason: 'hash' })
  })
})
