import { sql, type SQL } from 'drizzle-orm'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTROL_ITEM_STATES } from '../../workflows/control-item.machine'
import type { Database } from '../../src/db/client'
import { disciplineRows, talliedMonths } from '../../src/db/discipline'
import { queryRows } from '../../src/db/raw'
import { addDays } from '../../src/domain/calendar'
import { testDatabases } from '../support/databases'
import { seedRegisteredOrder } from '../support/control-rows'
import { byKey, disciplineByItem, type Item } from '../support/discipline'

/**
 * The report read from the monthly tallies (kept by the triggers of migration 0013) against the rules
 * counted plainly, item by item, in TypeScript from the machine's own state tags: for random items
 * changed by random inserts, updates (one row and many in one statement) and deletes, and random
 * periods and todays around them, both give the same lines.
 */

const START = '2025-10-01'
const DAYS = 200 // the items' dates, periods and todays fall in START … START + DAYS: months whole and cut
const WINDOW = Array.from({ length: DAYS + 1 }, (_, n) => addDays(START, n))
/** The days next to a month's end, where whole months are cut from partial ones: drawn as often as any other. */
const EDGES = WINDOW.filter((d) => ['01', '02'].includes(addDays(d, 2).slice(8)) || ['01', '02'].includes(d.slice(8)))
const day = fc.oneof(fc.constantFrom(...WINDOW), fc.constantFrom(...EDGES))
const NAMES = ['Иванова И.И.', 'Петров П.П.', 'Сидорова С.С.'] as const

const itemArb = (executorIds: string[]) =>
  fc.record({
    responsible_id: fc.constantFrom(null, ...executorIds),
    responsible: fc.constantFrom(null, '', ...NAMES, 'Кто-то не из справочника'),
    status: fc.constantFrom(...CONTROL_ITEM_STATES),
    due_date: fc.option(day, { freq: 4 }),
    done_on: fc.option(day, { freq: 6 }),
    registered_on: day,
  })

/** A change of some items: a column (or the whole row) set anew, as one statement over several rows. */
const changeArb = (executorIds: string[]) =>
  fc.oneof(
    fc.record({
      kind: fc.constant('insert' as const),
      items: fc.array(itemArb(executorIds), { minLength: 1, maxLength: 12 }),
    }),
    fc.record({
      kind: fc.constant('update' as const),
      pick: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
      values: fc.array(itemArb(executorIds), { minLength: 6, maxLength: 6 }),
      column: fc.constantFrom('status', 'due_date', 'done_on', 'responsible_id', 'responsible', 'registered_on', 'all'),
    }),
    fc.record({ kind: fc.constant('delete' as const), pick: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }) }),
  )

const period = fc.tuple(day, day, day).map(([a, b, today]) => ({ from: a < b ? a : b, to: a < b ? b : a, today }))

const snapshot = (status: string) => JSON.stringify({ value: status, context: {} })

/** An item's stored columns, in the order of `COLUMNS`. */
const values = (i: Item) =>
  sql`${i.responsible_id}::uuid, ${i.responsible}::text, ${snapshot(i.status)}::jsonb, ${i.due_date}::date, ${i.done_on}::date, ${i.registered_on}::date`
const COLUMNS = 'responsible_id, responsible, snapshot, due_date, done_on, registered_on'

describe.each(testDatabases(17))('the discipline report from monthly tallies ($name)', ({ open }) => {
  let database: Database
  let organizationId: string
  let orderId: string
  let executorIds: string[]
  let directory: Map<string, string>
  const run = (q: SQL) => database.db.execute(q)

  beforeAll(async () => {
    database = await open()
    ;({ organizationId, orderId } = await seedRegisteredOrder(database.db))
    // the directory names two of them differently from how items write them
    const rows = await queryRows<{ id: string; name: string }>(
      database.db,
      sql`insert into executors (organization_id, name, kind) values
          (${organizationId}, 'Иванова Ирина Ивановна', 'person'), (${organizationId}, 'Петров П.П.', 'person'),
          (${organizationId}, 'Отдел кадров', 'unit') returning id, name`,
    )
    executorIds = rows.map((r) => r.id)
    directory = new Map(rows.map((r) => [r.id, r.name]))
  }, 60_000)
  afterAll(async () => {
    await database?.close()
  })

  const insertSql = (items: Item[]) =>
    sql`insert into control_items (organization_id, order_id, source, source_label, text, registered_on, due_date,
        done_on, responsible, responsible_id, snapshot, machine_version)
      select ${organizationId}, ${orderId}, '{"kind": "point", "path": "1"}'::jsonb, 'п. 1', 'Обеспечить.',
        v.registered_on, v.due_date, v.done_on, v.responsible, v.responsible_id, v.snapshot, 1
      from (values ${sql.join(
        items.map((i) => sql`(${values(i)})`),
        sql`, `,
      )}) v(${sql.raw(COLUMNS)})`
  const insert = (items: Item[]) => run(insertSql(items))

  const ids = async () =>
    (await queryRows<{ id: string }>(database.db, sql`select id::text from control_items order by id`)).map((r) => r.id)

  const stored = () =>
    queryRows<Item>(
      database.db,
      sql`select responsible_id::text, responsible, status, due_date::text, done_on::text, registered_on::text
          from control_items`,
    )

  it('equals the rules counted item by item, whatever inserts, updates and deletes came before', async () => {
    let fromTallies = 0 // periods that read some whole months from the tallies
    await fc.assert(
      fc.asyncProperty(
        fc.array(itemArb(executorIds), { minLength: 1, maxLength: 30 }),
        fc.array(changeArb(executorIds), { maxLength: 6 }),
        fc.array(period, { minLength: 3, maxLength: 3 }),
        fc.boolean(),
        async (first, changes, periods, truncate) => {
          // through the delete trigger the tallies fall back to zero, through the truncate one they go
          await run(truncate ? sql`truncate control_items cascade` : sql`delete from control_items`)
          await insert(first)
          for (const c of changes) {
            if (c.kind === 'insert') {
              await insert(c.items)
              continue
            }
            const all = await ids()
            if (!all.length) continue
            const picked = [...new Set(c.pick.map((n) => all[n % all.length]!))]
            if (c.kind === 'delete') {
              await run(
                sql`delete from control_items where id in (${sql.join(
                  picked.map((id) => sql`${id}::uuid`),
                  sql`, `,
                )})`,
              )
              continue
            }
            const set =
              c.column === 'all'
                ? sql`responsible_id = v.responsible_id, responsible = v.responsible, snapshot = v.snapshot,
                    due_date = v.due_date, done_on = v.done_on, registered_on = v.registered_on`
                : c.column === 'status'
                  ? sql`snapshot = v.snapshot`
                  : sql.raw(`${c.column} = v.${c.column}`)
            await run(sql`update control_items c set ${set}
              from (values ${sql.join(
                picked.map((id, n) => sql`(${id}::uuid, ${values(c.values[n]!)})`),
                sql`, `,
              )}) v(id, ${sql.raw(COLUMNS)})
              where c.id = v.id`)
          }
          const items = await stored()
          for (const p of periods) {
            if (talliedMonths(p)) fromTallies++
            const got = await disciplineRows(database.db, { organizationId, ...p })
            expect(byKey(got.map((r) => ({ ...r })))).toEqual(byKey(disciplineByItem(items, directory, p)))
          }
        },
      ),
      { numRuns: 100 },
    )
    expect(fromTallies).toBeGreaterThan(50)
  }, 300_000)

  it('loses no change when many transactions change items of the same executors and months at once', async () => {
    await run(sql`delete from control_items`)
    const rng = fc.sample(fc.array(itemArb(executorIds), { minLength: 24, maxLength: 24 }), { numRuns: 16, seed: 7 })
    // sixteen registrations of two dozen items each, all at once (on PostgreSQL, on as many connections)
    await Promise.all(rng.map((items) => database.db.transaction((tx) => tx.execute(insertSql(items)))))
    // then as many statements, each moving a different share of the items to another executor, month and state
    const moves = fc.sample(fc.tuple(fc.nat(7), itemArb(executorIds)), { numRuns: 16, seed: 11 })
    await Promise.all(
      moves.map(([share, to]) =>
        database.db.transaction((tx) =>
          tx.execute(
            sql`update control_items set ${sql.raw(
              '(responsible_id, responsible, snapshot, due_date, done_on, registered_on)',
            )} = (${values(to)}) where get_byte(uuid_send(id), 15) % 8 = ${share}`,
          ),
        ),
      ),
    )
    const items = await stored()
    expect(items.length).toBe(16 * 24)
    const p = { from: START, to: addDays(START, DAYS), today: addDays(START, DAYS + 1) }
    expect(talliedMonths(p)).not.toBeNull()
    expect(byKey(await disciplineRows(database.db, { organizationId, ...p }))).toEqual(
      byKey(disciplineByItem(items, directory, p)),
    )
  }, 120_000)
})
