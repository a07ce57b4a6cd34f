import { PgDialect } from 'drizzle-orm/pg-core'
import postgres from 'postgres'
import { openDatabase } from '../../src/db/client'
import { listControlItems } from '../../src/db/control-items'
import { disciplineQuery } from '../../src/db/discipline'
import { migrateDatabase } from '../../src/db/migrate'
import { createRenderPool } from '../../src/documents/render-pool'
import { keyProtector } from '../../src/documents/signing/key-protection'
import { addDays } from '../../src/domain/calendar'
import { calendarDate } from '../../src/domain/dates'
import type { ServiceContext, ServiceDeps } from '../../src/services/context'
import { controlToday } from '../../src/services/control-view'
import { getDisciplineReport } from '../../src/services/discipline-report'
import { createOrganization, createUser } from '../../src/services/users'
import { findControlItems } from '../../src/services/list-control-items'
import { freshPostgresDatabase } from '../support/databases'
import { median, type BenchResult } from './measure'

const ORDERS = 5_000
const ITEMS = 100_000
const EXECUTORS = 50
const RUNS = 40

/**
 * 5,000 registered orders with 100,000 control items (20 each) of 50 executors, due over two years
 * around today: about half done (some late), a few removed, the rest open, part of them overdue.
 */
const seed = async (sql: postgres.Sql, organizationId: string, userId: string, today: string) => {
  await sql`insert into executors (organization_id, name, kind, email)
    select ${organizationId}, 'Исполнитель ' || g, 'person', 'e' || g || '@bench.test' from generate_series(1, ${EXECUTORS}) g`
  await sql`insert into orders (organization_id, kind, title, version, snapshot, machine_version, number, date, audit_hash, created_by)
    select ${organizationId}, 'prikaz', 'Приказ ' || g, 1, '{"value":"registered","context":{}}', 1, g || '-ОД',
      ${today}::date - 400 + (g % 400), repeat('0', 64), ${userId}
    from generate_series(1, ${ORDERS}) g`
  await sql`
    with o as (select id, date, row_number() over (order by id) as n from orders),
    e as (select id, name, row_number() over (order by id) as n from executors),
    i as (
      select g, o.id as order_id, o.date as registered_on, e.id as executor_id, e.name as executor,
        o.date + (g % 300) as due,
        case when g % 20 = 0 then 'removed' when g % 2 = 0 then 'done' when g % 7 = 0 then 'extended' else 'on_control' end as status
      from generate_series(1, ${ITEMS}) g
      join o on o.n = 1 + (g % ${ORDERS})
      join e on e.n = 1 + ((g * 7) % ${EXECUTORS})
    )
    insert into control_items (organization_id, order_id, source, source_label, text, deadline_text, registered_on, due_date,
      done_on, responsible, responsible_id, snapshot, machine_version)
    select ${organizationId}, order_id, jsonb_build_object('kind', 'point', 'path', (g % 20)::text), 'п. ' || (g % 20),
      'Поручение ' || g, 'до ' || to_char(due, 'DD.MM.YYYY'), registered_on, due,
      case when status = 'done' then due + ((g % 11) - 7) end, executor, executor_id,
      jsonb_build_object('value', status, 'context', jsonb_build_object('due', due, 'until', null, 'recurring', false,
        'extensions', '[]'::jsonb, 'report', null, 'occurrences', '[]'::jsonb, 'doneOn', null, 'removal', null)), 1
    from i`
  await sql`analyze`
}

/** Median milliseconds of `task`, the service and its bare query interleaved so noise hits both alike. */
const compare = async (service: () => Promise<unknown>, bare: () => Promise<unknown>) => {
  for (let i = 0; i < 5; i++) await Promise.all([service(), bare()])
  const s: number[] = []
  const b: number[] = []
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now()
    await service()
    s.push(performance.now() - t)
    t = performance.now()
    await bare()
    b.push(performance.now() - t)
  }
  return { value: median(s), baseline: median(b) }
}

export const controlBench = async (baseUrl: string): Promise<BenchResult[]> => {
  const { url, drop } = await freshPostgresDatabase(baseUrl)
  const database = await openDatabase({ url })
  const bare = postgres(url, { max: 10, onnotice: () => {} })
  const renderer = createRenderPool()
  try {
    await migrateDatabase(database)
    const deps: ServiceDeps = {
      db: database.db,
      clock: { now: () => new Date() },
      linkTtlDays: 7,
      publicUrl: 'http://bench',
      renderer,
      keys: keyProtector('bench'),
    }
    const setup: ServiceContext = {
      ...deps,
      actor: { type: 'user', id: 'b', name: 'b', role: 'admin', organizationId: null },
      meta: {},
    }
    const org = await createOrganization(setup, { name: ['Бенчмарк'] })
    const user = await createUser(setup, {
      email: 'controller@bench.test',
      name: 'Контролёр',
      role: 'controller',
      password: 'bench-password',
      organizationId: org.id,
    })
    const today = calendarDate(new Date())
    await seed(bare, org.id, user.id, today)
    const ctx: ServiceContext = {
      ...deps,
      actor: { type: 'user', id: user.id, name: user.name, role: 'controller', organizationId: org.id },
      meta: {},
    }
    const [executor] =
      await bare`select responsible_id as id from control_items where status = 'on_control' and due_date < ${today}::date limit 1`
    const dialect = new PgDialect()

    // the overdue list of one executor: the service (validation, query, views) vs the SQL it runs
    const overdue = listControlItems(database.db, {
      organizationId: org.id,
      status: 'overdue',
      executorId: executor!.id,
      limit: 101,
      ...controlToday(deps),
    }).toSQL()
    const list = await compare(
      () => findControlItems(ctx, { status: 'overdue', executor: executor!.id }),
      () => bare.unsafe(overdue.sql, overdue.params as never[], { prepare: true }),
    )
    const found = (await findControlItems(ctx, { status: 'overdue', executor: executor!.id })).items.length

    // the yearly discipline report: the service (query, lines, totals) vs the SQL it runs
    const from = addDays(today, -365)
    const report = dialect.sqlToQuery(disciplineQuery({ organizationId: org.id, from, to: today, today }))
    const discipline = await compare(
      () => getDisciplineReport(ctx, { from, to: today }),
      () => bare.unsafe(report.sql, report.params as never[], { prepare: true }),
    )
    const counted = ((await getDisciplineReport(ctx, { from, to: today })) as { report: { total: { items: number } } })
      .report.total.items
    console.log(`overdue list: ${found} items; discipline report over ${counted} items`)
    return [
      {
        name: `overdue list of one executor (${found} shown of 100,000 items), vs its bare SQL`,
        ...list,
        ratio: list.value / list.baseline,
        goal: '<= 3x the bare query',
        meets: list.value / list.baseline <= 3,
        unit: 'ms',
      },
      {
        name: `yearly discipline report (${counted} items of 100,000), vs its bare SQL`,
        ...discipline,
        ratio: discipline.value / discipline.baseline,
        goal: '<= 3x the bare query',
        meets: discipline.value / discipline.baseline <= 3,
        unit: 'ms',
      },
    ]
  } finally {
    await renderer.close()
    await bare.end()
    await database.close()
    await drop()
  }
}
