import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { queryRows } from '../../src/db/raw'
import { ORDER_STATES } from '../../workflows/order.machine'
import { sampleContent, useHarness } from '../support/harness'
import { director } from '../support/people'
import { testDatabases } from '../support/databases'

describe.each(testDatabases())("an order's state in one place ($name)", ({ open }) => {
  const h = useHarness(open)
  const run = (query: ReturnType<typeof sql>) => queryRows(h.database.db, query)

  it('takes the status from the snapshot, and the database refuses a state the machine does not have', async () => {
    const token = h.orgs[0]!.clerk
    const id = (await h.call('POST', '/api/orders', { token, body: sampleContent() })).body.id as string
    await h.call('POST', `/api/orders/${id}/submit`, {
      token,
      body: { approvers: [], sequential: false, signer: director(0, token === h.orgs[1]!.clerk ? 1 : 0) },
    })
    const [row] = await run(sql`select status, snapshot ->> 'value' as value from orders where id = ${id}`)
    expect(row).toEqual({ status: 'signature', value: 'signature' })
    // the status cannot be written apart from the snapshot
    await expect(run(sql`update orders set status = 'signed' where id = ${id}`)).rejects.toThrow()
    // nor can the snapshot hold a state the machine does not name
    await expect(
      run(sql`update orders set snapshot = jsonb_set(snapshot, '{value}', '"archived"') where id = ${id}`),
    ).rejects.toThrow()
    for (const state of ORDER_STATES)
      await run(
        sql`update orders set snapshot = jsonb_set(snapshot, '{value}', ${JSON.stringify(state)}::jsonb) where id = ${id}`,
      )
    expect((await run(sql`select status from orders where id = ${id}`))[0]).toEqual({ status: 'cancelled' })
  })

  it('refuses an approval decision outside its list', async () => {
    const token = h.orgs[1]!.clerk
    const id = (await h.call('POST', '/api/orders', { token, body: sampleContent() })).body.id as string
    await h.call('POST', `/api/orders/${id}/submit`, {
      token,
      body: { approvers: [], sequential: false, signer: director(0, token === h.orgs[1]!.clerk ? 1 : 0) },
    })
    expect(await run(sql`update approvals set decision = 'returned' where order_id = ${id} returning id`)).toHaveLength(
      1,
    )
    await expect(run(sql`update approvals set decision = 'maybe' where order_id = ${id}`)).rejects.toThrow()
  })
})
