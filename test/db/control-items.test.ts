import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/db/client'
import { listControlItems } from '../../src/db/control-items'
import { queryRows } from '../../src/db/raw'
import { addDays } from '../../src/domain/calendar'
import { CONTROL_ITEM_STATES, type ControlItemState, deriveTiming } from '../../workflows/control-item.machine'
import { seedRegisteredOrder } from '../support/control-rows'
import { testDatabases } from '../support/databases'

/**
 * The list's filters by timing (`overdue`, `due_soon`, SQL in src/db/control-items.ts) and the view's timing
 * (`deriveTiming` of the machine) are two writings of one rule: for every state and every due date around
 * today, the SQL finds exactly the items whose derived timing is the one asked for.
 */
describe.each(testDatabases())(
  'control items: the list’s timing filters agree with deriveTiming ($name)',
  ({ open }) => {
    let database: Database
    const today = '2026-03-10'
    const dueSoonLimit = addDays(today, 3)
    const dues = [
      null,
      addDays(today, -30),
      addDays(today, -1),
      today,
      addDays(today, 1),
      dueSoonLimit,
      addDays(today, 4),
    ]
    const items: { id: string; status: ControlItemState; due: string | null }[] = []

    beforeAll(async () => {
      database = await open()
      const { organizationId, orderId } = await seedRegisteredOrder(database.db)
      for (const status of CONTROL_ITEM_STATES)
        for (const due of dues) {
          const [row] = await queryRows<{ id: string }>(
            database.db,
            sql`insert into control_items (organization_id, order_id, source, source_label, text, registered_on, due_date,
              done_on, snapshot, machine_version)
            values (${organizationId}, ${orderId}, '{"kind": "point", "path": "1"}'::jsonb, 'п. 1', 'Обеспечить.',
              '2026-01-10', ${due}, ${status === 'done' ? today : null},
              ${JSON.stringify({ value: status, context: {} })}::jsonb, 1)
            returning id::text`,
          )
          items.push({ id: row!.id, status, due })
        }
    }, 60_000)
    afterAll(async () => {
      await database?.close()
    })

    it.each(['overdue', 'due_soon'] as const)('finds exactly the items whose timing is %s', async (timing) => {
      const found = await listControlItems(database.db, { status: timing, today, dueSoonLimit, limit: 1000 })
      const want = items.filter((i) => deriveTiming(i, today, dueSoonLimit) === timing).map((i) => i.id)
      expect(want.length).toBeGreaterThan(0)
      expect(found.map((r) => r.id).sort()).toEqual(want.sort())
    })

    it('finds for each state exactly its items; for `on_control`, every item the machine has not settled', async () => {
      // `on_control` is the board's filter: every open state (on control, extended, reported), below
      for (const status of CONTROL_ITEM_STATES.filter((s) => s !== 'on_control')) {
        const found = await listControlItems(database.db, { status, today, dueSoonLimit, limit: 1000 })
        expect(found.map((r) => r.id).sort(), status).toEqual(
          items
            .filter((i) => i.status === status)
            .map((i) => i.id)
            .sort(),
        )
      }
      const open = await listControlItems(database.db, { status: 'on_control', today, dueSoonLimit, limit: 1000 })
      const notSettled = items.filter((i) => deriveTiming(i, today, dueSoonLimit) !== 'settled').map((i) => i.id)
      expect(open.map((r) => r.id).sort()).toEqual(notSettled.sort())
    })
  },
)
