/**
 * Scale: the reads a department uses every day, timed through the real services on a database filled
 * with years of orders. PostgreSQL: 100,000 orders, 1,000,000 control items, 2,000,000 audit events
 * (goal: p95 under 50 ms each); the embedded database (PGlite): 10,000 orders, 100,000 items, 200,000
 * events (goal: p95 under 100 ms). SCALE=0.01 shrinks both for a quick run.
 *
 *   node --expose-gc --import tsx test/bench/scale.bench.ts          (alone; writes test/bench/scale-results.json)
 *   SCALE=0.01 node --import tsx test/bench/scale.bench.ts           (a quick run)
 *
 * The rows are written by SQL (generate_series) in a database of their own, created and dropped here.
 * They satisfy the schema (keys, checks, generated columns) and hold realistic content: the JSON of real
 * orders (test/fixtures) and of generated ones, machine snapshots, parsed deadlines, executors. The audit
 * events' hashes are random: the chains do NOT verify (the scale bench times reads, not verification).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import { openDatabase, type Database, type Db } from '../../src/db/client'
import { listOrderAuditPage } from '../../src/db/audit'
import { listControlItems } from '../../src/db/control-items'
import { disciplineQuery, disciplineRows } from '../../src/db/discipline'
import { migrateDatabase } from '../../src/db/migrate'
import { listOrderHeads, listOrders } from '../../src/db/orders'
import { queryRows } from '../../src/db/raw'
import { createRenderPool } from '../../src/documents/render-pool'
import { keyProtector } from '../../src/documents/signing/key-protection'
import { addDays } from '../../src/domain/calendar'
import { OrderContent, searchableText } from '../../src/domain/content'
import type { ServiceContext, ServiceDeps } from '../../src/services/context'
import { controlToday } from '../../src/services/control-view'
import { getDisciplineReport } from '../../src/services/discipline-report'
import { getOrderHistory } from '../../src/services/get-order'
import { BOARD_ITEMS, controlBoard } from '../../src/services/list-control-items'
import { findOrders } from '../../src/services/list-orders'
import { freshPostgresDatabase } from '../support/databases'
import { byKey, disciplineByItem, type Item } from '../support/discipline'
import { writeResults, type BenchResult } from './measure'

const SCALE = Number(process.env.SCALE ?? 1)
const SAMPLES = Math.max(50, Number(process.env.SCALE_SAMPLES ?? 60))
const WARMUP = 5

export type ScaleSize = {
  orders: number
  items: number
  events: number
  /** organizations; the one measured holds a quarter of everything (all of it when there is one) */
  organizations: number
  /** extra events of one order, so that its history takes many pages */
  longHistory: number
}

export const POSTGRES_SIZE: ScaleSize = {
  orders: Math.round(100_000 * SCALE),
  items: Math.round(1_000_000 * SCALE),
  events: Math.round(2_000_000 * SCALE),
  organizations: 20,
  longHistory: Math.max(300, Math.round(5_000 * SCALE)),
}
export const PGLITE_SIZE: ScaleSize = {
  orders: Math.round(10_000 * SCALE),
  items: Math.round(100_000 * SCALE),
  events: Math.round(200_000 * SCALE),
  organizations: 1,
  longHistory: Math.max(300, Math.round(2_000 * SCALE)),
}

const YEARS = 5
const EXECUTORS = 40

// --- content ----------------------------------------------------------------------------------------

const fixture = (name: string) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../fixtures/${name}.json`, import.meta.url)), 'utf8')) as OrderContent

const TOPICS = [
  'О проведении школьного этапа всероссийской олимпиады школьников',
  'Об организации горячего питания обучающихся',
  'О подготовке к государственной итоговой аттестации выпускников',
  'Об утверждении положения о рабочей программе воспитания',
  'О назначении ответственных за пожарную безопасность',
  'Об организации летней оздоровительной кампании',
  'О проведении Всероссийских проверочных работ',
  'Об утверждении учебного плана на учебный год',
  'О комплектовании первых классов',
  'О проведении месячника безопасности дорожного движения',
  'Об организации обучения на дому',
  'О проведении муниципального конкурса «Учитель года»',
  'Об аттестации педагогических работников',
  'О мерах по профилактике гриппа и острых респираторных инфекций',
  'Об утверждении графика отпусков работников',
  'О проведении инвентаризации имущества',
  'Об организации внеурочной деятельности',
  'О награждении почётной грамотой управления образования',
  'Об организации подвоза обучающихся',
  'О создании комиссии по урегулированию споров между участниками образовательных отношений',
  'О проведении общешкольных родительских собраний',
  'Об утверждении плана работы методических объединений',
  'О контроле за посещаемостью учебных занятий',
  'О проведении дня открытых дверей',
  'Об организации работы с одарёнными детьми',
  'О порядке ведения электронного журнала',
  'О проведении учебной эвакуации',
]
const VERBS = [
  'Назначить ответственным за',
  'Обеспечить',
  'Организовать',
  'Провести',
  'Подготовить отчёт о',
  'Довести до сведения',
]
const PEOPLE = ['Лаврушкина Е.А.', 'Романова И.В.', 'Петров С.Н.', 'Кузнецова О.М.', 'Иванов П.П.', 'Смирнов А.А.']

/** 27 generated orders of a school's year and three real roadmaps: «дорожная карта» in one order of ten. */
const contents = (): OrderContent[] => {
  const real = ['order-226-1', 'order-558', 'order-district-roadmap'].map(fixture)
  const made = TOPICS.map((title, t) =>
    OrderContent.parse({
      kind: t % 5 === 4 ? 'rasporyazhenie' : 'prikaz',
      organization: real[2]!.organization,
      title,
      preamble:
        'В соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации», ' +
        `в целях ${title.toLowerCase().replace(/^об? /, 'исполнения решения ')},`,
      points: Array.from({ length: 6 + (t % 7) }, (_, p) => ({
        text: `${VERBS[(t + p) % VERBS.length]} ${title.toLowerCase().replace(/^об? /, '')} в части ${p + 1}-го этапа.`,
        executors: [PEOPLE[(t + p) % PEOPLE.length]!],
        deadline: `до ${String(1 + ((t + p) % 28)).padStart(2, '0')}.${String(1 + (p % 12)).padStart(2, '0')}.2026`,
      })),
      control: 'Контроль за исполнением настоящего приказа оставляю за собой.',
      signer: { position: 'Директор', name: 'Е.В. Смирнова' },
    }),
  )
  return [...made, ...real]
}

// --- fill -------------------------------------------------------------------------------------------

/** Runs statements one at a time (PGlite's extended protocol takes one statement a query). */
const run = async (db: Db, text: string) => {
  for (const statement of text.split(/;\s*\n/)) if (statement.trim()) await db.execute(sql.raw(statement))
}

/** Writes the whole data set with set-based SQL; returns what the measurements need. */
const fill = async (db: Db, size: ScaleSize, log: (s: string) => void) => {
  const started = performance.now()
  const step = async (what: string, text: string) => {
    const t = performance.now()
    await run(db, text)
    log(`  ${what}: ${((performance.now() - t) / 1000).toFixed(1)} s`)
  }
  const { orders: N, items: I, events: E, organizations: ORGS } = size
  await run(db, 'create table bench_templates (n int primary key, kind text, title text, content jsonb, body text)')
  const templates = contents()
  for (const [n, c] of templates.entries()) {
    await db.execute(
      sql`insert into bench_templates values (${n}, ${c.kind}, ${c.title}, ${JSON.stringify(c)}::jsonb, ${searchableText(c)})`,
    )
  }
  const T = templates.length
  await step(
    'organizations, users, executors',
    `
    create table bench_orgs as select n, gen_random_uuid() as id, gen_random_uuid() as user_id from generate_series(0, ${ORGS - 1}) n;
    insert into organizations (id, name, short_name) select id, jsonb_build_array('Организация ' || n), 'Орг ' || n from bench_orgs;
    insert into users (id, organization_id, email, name, role, password_hash)
      select user_id, id, 'controller' || n || '@scale.test', 'Контролёр ' || n, 'controller', 'not-a-hash' from bench_orgs;
    create table bench_executors as
      select o.n as org, k, gen_random_uuid() as id, 'Исполнитель ' || k || ' (' || o.n || ')' as name
      from bench_orgs o, generate_series(0, ${EXECUTORS - 1}) k;
    insert into executors (id, organization_id, name, kind, email)
      select e.id, o.id, e.name, case when e.k % 8 = 0 then 'unit' else 'person' end, 'e' || e.k || '.' || e.org || '@scale.test'
      from bench_executors e join bench_orgs o on o.n = e.org`,
  )
  // one order a row: its organization (a quarter in org 0), its content, its age over five years, its state
  await step(
    'orders',
    `
    create table bench_orders as
      select g, gen_random_uuid() as id,
        case when ${ORGS} = 1 or g % 4 = 0 then 0 else 1 + g % ${Math.max(1, ORGS - 1)} end as org,
        (g * 7 + g / 4) % ${T} as tpl,
        date_trunc('milliseconds', now() - interval '${YEARS} years' * (${N} - g)::float8 / ${N}) as created,
        case
          when g > ${N} - ${Math.max(8, Math.round(N * 0.01))} then (array['draft', 'approval', 'signature', 'signed'])[1 + g % 4]
          when g % 50 = 0 then 'cancelled'
          when now() - interval '${YEARS} years' * (${N} - g)::float8 / ${N} < now() - interval '2 years' and g % 5 <> 0 then 'closed'
          else 'registered' end as status
      from generate_series(1, ${N}) g;
    alter table bench_orders add primary key (g);
    insert into orders (id, organization_id, kind, title, version, snapshot, machine_version, number, date, signed_at,
        document_sha256, signature_level, audit_hash, created_by, created_at, updated_at)
      select b.id, o.id, t.kind, t.title, 1,
        jsonb_build_object('value', b.status, 'context', jsonb_build_object(
          'steps', jsonb_build_array(jsonb_build_array(gen_random_uuid())), 'step', case when b.status = 'draft' then 0 else 1 end,
          'approved', '[]'::jsonb, 'signer', gen_random_uuid(), 'round', case when b.status = 'draft' then 0 else 1 end)),
        1,
        case when b.status in ('registered', 'closed') then b.g || '-ОД' end,
        case when b.status in ('registered', 'closed') then (b.created + interval '2 days')::date end,
        case when b.status in ('signed', 'registered', 'closed') then b.created + interval '1 day' end,
        case when b.status not in ('draft', 'cancelled') then md5(b.id::text) || md5(b.g::text) end,
        case when b.status in ('registered', 'closed') then 'B-LT' when b.status = 'signed' then 'B-T' end,
        md5(b.g::text) || md5(b.id::text), o.user_id, b.created, b.created + interval '2 days'
      from bench_orders b join bench_orgs o on o.n = b.org join bench_templates t on t.n = b.tpl
      order by b.g`,
  )
  await step(
    'order versions and search text',
    `
    insert into order_versions (order_id, version, content, created_by, created_at)
      select b.id, 1, t.content, o.user_id, b.created
      from bench_orders b join bench_orgs o on o.n = b.org join bench_templates t on t.n = b.tpl order by b.g;
    insert into order_search (order_id, organization_id, text)
      select b.id, o.id, t.body
      from bench_orders b join bench_orgs o on o.n = b.org join bench_templates t on t.n = b.tpl order by b.g`,
  )
  // items: spread over the registered and closed orders, ten or so each; due from two weeks to a year after
  // registration; the past ones mostly done (some late), some removed, the rest overdue; the future ones open
  await step(
    'control items',
    `
    create table bench_registered as
      select row_number() over (order by g) - 1 as r, b.*, (b.created + interval '2 days')::date as registered_on
      from bench_orders b where status in ('registered', 'closed');
    alter table bench_registered add primary key (r);
    insert into control_items (organization_id, order_id, source, source_label, text, deadline_text, deadline, registered_on,
        due_date, done_on, responsible, responsible_id, co_executors, snapshot, machine_version, created_at, updated_at)
      select o.id, r.id, jsonb_build_object('kind', 'point', 'path', (1 + i.k)::text), 'п. ' || (1 + i.k),
        'Обеспечить исполнение пункта ' || (1 + i.k) || ' приказа № ' || r.g || '-ОД',
        case when i.due is not null then 'до ' || to_char(i.due, 'DD.MM.YYYY') end,
        case when i.due is not null then jsonb_build_object('text', 'до ' || to_char(i.due, 'DD.MM.YYYY'), 'kind', 'date',
          'dates', jsonb_build_array(i.due), 'due', i.due, 'problems', '[]'::jsonb) end,
        r.registered_on, i.due,
        case when i.status = 'done' then coalesce(i.due, r.registered_on + 30) + (i.g % 11) - 7 end,
        e.name, e.id,
        case when i.g % 6 = 0 then jsonb_build_array(jsonb_build_object('written', e2.name, 'executorId', e2.id)) else '[]'::jsonb end,
        jsonb_build_object('value', i.status, 'context', jsonb_build_object('due', i.due, 'until', null, 'recurring', false,
          'extensions', case when i.status = 'extended' then jsonb_build_array(jsonb_build_object('from', i.due - 30, 'to', i.due, 'reason', 'Перенос по служебной записке', 'on', i.due - 35)) else '[]'::jsonb end,
          'report', case when i.status in ('reported', 'done') then jsonb_build_object('text', 'Исполнено', 'on', coalesce(i.due, r.registered_on + 30) + (i.g % 11) - 7) end,
          'occurrences', '[]'::jsonb,
          'doneOn', case when i.status = 'done' then coalesce(i.due, r.registered_on + 30) + (i.g % 11) - 7 end,
          'removal', case when i.status = 'removed' then jsonb_build_object('reason', 'Мероприятие отменено', 'on', r.registered_on + 10) end)),
        1, r.created + interval '2 days', r.created + interval '2 days'
      from (
        select g, g / (select count(*) from bench_registered) as k, g % (select count(*) from bench_registered) as r,
          due, case
            when closed then case when g % 25 = 0 then 'removed' else 'done' end
            when due is null or due < current_date then case when g % 10 < 7 then 'done' when g % 10 = 7 then 'removed'
              when g % 10 = 8 then 'extended' else 'on_control' end
            else case when g % 11 = 0 then 'reported' when g % 7 = 0 then 'extended' else 'on_control' end end as status
        from (
          select s.g, r.status = 'closed' as closed,
            case when s.g % 20 <> 0 then r.registered_on + 14 + (s.g * 37) % 351 end as due
          from generate_series(0, ${I - 1}) s(g)
          join bench_registered r on r.r = s.g % (select count(*) from bench_registered)
        ) x
      ) i
      join bench_registered r on r.r = i.r
      join bench_orgs o on o.n = r.org
      join bench_executors e on e.org = r.org and e.k = i.g % ${EXECUTORS}
      join bench_executors e2 on e2.org = r.org and e2.k = (i.g + 1) % ${EXECUTORS}
      order by i.g`,
  )
  // events: the same share each, in the order's own time, as the lifecycle writes them
  const perOrder = Math.max(1, Math.floor(E / N))
  await step(
    'audit events',
    `
    insert into audit_events (organization_id, order_id, action, actor_type, actor_id, actor_name, from_state, to_state, data,
        ip, user_agent, at, prev_hash, hash)
      select o.id, b.id, a.action, case when a.action in ('approved', 'signed') then 'link' else 'user' end, o.user_id::text,
        'Сотрудник ' || b.org, a.from_state, a.to_state, jsonb_build_object('version', 1, 'step', k),
        '10.0.' || (b.g % 250) || '.' || (k % 250), 'Mozilla/5.0 (scale bench)', b.created + k * interval '3 hours',
        md5(b.id::text || (k - 1)) || md5((k - 1)::text), md5(b.id::text || k) || md5(k::text)
      from bench_orders b join bench_orgs o on o.n = b.org, generate_series(1, ${perOrder}) k,
      lateral (select (array['created', 'updated', 'submitted', 'approved', 'approved', 'signed', 'registered',
          'control_items_created', 'control_reported', 'control_accepted'])[1 + (k - 1) % 10] as action,
        (array[null, 'draft', 'draft', 'approval', 'approval', 'signature', 'signed', 'registered', 'registered', 'registered'])[1 + (k - 1) % 10] as from_state,
        (array['draft', 'draft', 'approval', 'approval', 'signature', 'signed', 'registered', 'registered', 'registered', 'registered'])[1 + (k - 1) % 10] as to_state) a
      order by b.g, k`,
  )
  // one order of the measured organization with a long history, interleaved with everyone's later events
  const [long] = await queryRows<{ id: string }>(
    db,
    sql.raw(`select id::text from bench_orders where org = 0 and status = 'registered' order by g desc limit 1`),
  )
  await step(
    'a long history',
    `
    insert into audit_events (organization_id, order_id, action, actor_type, actor_id, actor_name, from_state, to_state, data, at, prev_hash, hash)
      select o.id, b.id, 'control_reported', 'user', o.user_id::text, 'Исполнитель', 'registered', 'registered',
        jsonb_build_object('item', k), b.created + k * interval '1 minute', md5(k::text) || md5(k::text), md5((k + 1)::text) || md5(k::text)
      from bench_orders b join bench_orgs o on o.n = b.org, generate_series(1, ${size.longHistory}) k
      where b.id = '${long!.id}'`,
  )
  await step('vacuum analyze', 'vacuum analyze')
  const [org] = await queryRows<{ id: string; user_id: string }>(
    db,
    sql.raw('select id::text, user_id::text from bench_orgs where n = 0'),
  )
  const [typical] = await queryRows<{ id: string }>(
    db,
    sql.raw(`select id::text from bench_orders where org = 0 and status = 'closed' order by g limit 1 offset 10`),
  )
  await run(db, 'drop table bench_templates, bench_orgs, bench_executors, bench_orders, bench_registered')
  log(`  filled in ${((performance.now() - started) / 1000).toFixed(0)} s`)
  return { organizationId: org!.id, userId: org!.user_id, longOrderId: long!.id, typicalOrderId: typical!.id }
}

type Filled = Awaited<ReturnType<typeof fill>>

// --- measure ----------------------------------------------------------------------------------------

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!
}

/**
 * Wall-clock p50 and p95 of `task`, and the median CPU time this process spent on one call: on a machine
 * loaded by other work the wall clock waits for a core, the CPU time does not (for PGlite it is the whole
 * work, the database runs in this process; for PostgreSQL it is the client's part, the plan's own time
 * is in the EXPLAIN ANALYZE figures).
 */
const time = async (task: () => Promise<unknown>) => {
  for (let i = 0; i < WARMUP; i++) await task()
  const samples: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < SAMPLES; i++) {
    const c = process.cpuUsage()
    const t = performance.now()
    await task()
    samples.push(performance.now() - t)
    const used = process.cpuUsage(c)
    cpu.push((used.user + used.system) / 1000)
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), cpu: percentile(cpu, 50) }
}

const explain = async (db: Db, query: SQLWrapper) => {
  const rows = await queryRows<Record<string, string>>(db, sql`explain (analyze, buffers) ${query}`)
  return rows.map((r) => Object.values(r)[0]).join('\n')
}

/** Index names a plan reads, and the tables it reads whole. */
const planSummary = (plan: string) => ({
  indexes: [
    ...new Set(
      [...plan.matchAll(/(?:Index Only Scan|Index Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\w+)/g)].map(
        (m) => m[1]!,
      ),
    ),
  ],
  seqScans: [...new Set([...plan.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1]!))],
})

type Query = {
  name: string
  /** the service call, as a request makes it */
  call: () => Promise<unknown>
  /** the SQL statements it runs whose plans are shown */
  sql: SQLWrapper[]
  /** indexes the plans must use (each a pattern: `a|b` for either) */
  expect: string[]
}

export const scaleBench = async (
  label: 'postgres' | 'pglite',
  database: Database,
  size: ScaleSize,
  goalMs: number,
  reuse = false,
): Promise<BenchResult[]> => {
  const log = (s: string) => console.log(`[scale ${label}] ${s}`)
  const renderer = createRenderPool()
  try {
    await migrateDatabase(database)
    const kept = reuse ? await queryRows<{ ids: Filled }>(database.db, sql.raw('select ids from bench_ids')) : []
    let ids: Filled
    if (kept[0]) {
      ids = kept[0].ids
      await run(database.db, 'vacuum analyze')
      log('reusing a filled database (SCALE_REUSE)')
    } else {
      log(
        `filling ${size.orders} orders, ${size.items} control items, ${size.events} + ${size.longHistory} audit events in ${size.organizations} organization(s)`,
      )
      ids = await fill(database.db, size, log)
      if (process.env.SCALE_KEEP) {
        await run(database.db, 'create table bench_ids (ids jsonb)')
        await database.db.execute(sql`insert into bench_ids values (${JSON.stringify(ids)}::jsonb)`)
      }
    }
    const deps: ServiceDeps = {
      db: database.db,
      clock: { now: () => new Date() },
      linkTtlDays: 7,
      publicUrl: 'http://bench',
      renderer,
      keys: keyProtector('bench'),
    }
    const ctx: ServiceContext = {
      ...deps,
      actor: {
        type: 'user',
        id: ids.userId,
        name: 'Контролёр',
        role: 'controller',
        organizationId: ids.organizationId,
      },
      meta: {},
    }
    const admin: ServiceContext = {
      ...ctx,
      actor: { type: 'user', id: ids.userId, name: 'Администратор', role: 'admin', organizationId: null },
    }
    const db = database.db
    const day = controlToday(deps)
    const yearAgo = addDays(day.today, -365)
    const organizationId = ids.organizationId

    // what the queries return, so that a fast wrong answer does not pass
    const firstPage = await findOrders(ctx, {})
    // the cursor of the tenth page (or of the last one there is)
    const tenth = await (async () => {
      let cursor = firstPage.nextCursor!
      for (let i = 0; i < 9; i++) {
        const page = await findOrders(ctx, { cursor })
        if (!page.nextCursor) break
        cursor = page.nextCursor
      }
      return cursor
    })()
    const found = await findOrders(ctx, { q: 'дорожной карты' })
    const longFirst = await getOrderHistory(ctx, ids.longOrderId, {})
    const longMiddle = await (async () => {
      let page = longFirst
      for (let i = 0; i < Math.floor(size.longHistory / 200) && page.nextCursor; i++)
        page = await getOrderHistory(ctx, ids.longOrderId, { cursor: page.nextCursor })
      return page
    })()
    const board = await controlBoard(ctx)
    const report = (await getDisciplineReport(ctx, { from: yearAgo, to: day.today })) as {
      report: { total: { items: number; overdue: number } }
    }
    // the report read from the tallies the fill's inserts left (the triggers, or the migration's backfill on a
    // kept database) is the report counted item by item
    const period = { organizationId, from: yearAgo, to: day.today, today: day.today }
    const periodItems = await queryRows<Item>(
      db,
      sql`select responsible_id::text, responsible, status, due_date::text, done_on::text, registered_on::text
          from control_items where organization_id = ${organizationId}
            and coalesce(due_date, registered_on) between ${yearAgo}::date and ${day.today}::date`,
    )
    const directory = await queryRows<{ id: string; name: string }>(
      db,
      sql`select id::text, name from executors where organization_id = ${organizationId}`,
    )
    if (
      JSON.stringify(byKey(await disciplineRows(db, period))) !==
      JSON.stringify(byKey(disciplineByItem(periodItems, new Map(directory.map((e) => [e.id, e.name])), period)))
    )
      throw new Error('the yearly report from the tallies differs from the items counted one by one')
    const titles = await queryRows<{ text: string }>(
      db,
      sql`select text from order_search where order_id in (${sql.join(
        found.items.map((o) => sql`${o.id}::uuid`),
        sql`, `,
      )})`,
    )
    log(
      `orders list: ${firstPage.items.length} a page; search «дорожной карты»: ${found.items.length} on the first page, ` +
        `${titles.filter((t) => /дорожная карта/i.test(t.text)).length} of them saying «дорожная карта»; ` +
        `long history: ${longFirst.events.length} events a page; board: ${board.items.length} items of ${Object.keys(board.orders).length} orders; ` +
        `yearly report: ${report.report.total.items} items, ${report.report.total.overdue} overdue`,
    )
    if (!firstPage.items.length || !found.items.length || !titles.some((t) => /дорожная карта/i.test(t.text)))
      throw new Error('the list or the search found nothing: the fill is wrong')
    if (!longFirst.nextCursor || !longMiddle.events.length || !board.items.length || !report.report.total.items)
      throw new Error('history, board or report came back empty: the fill is wrong')

    const after = (cursor: string) => {
      const [at = '', id = ''] = Buffer.from(cursor, 'base64url').toString().split('|')
      return { createdAt: new Date(at), id }
    }
    const middleCursor = longMiddle.events[0]!.seq - 1
    const queries: Query[] = [
      {
        name: 'orders list, first page',
        call: () => findOrders(ctx, {}),
        sql: [listOrders(db, { organizationId, limit: 51 })],
        expect: ['orders_org_created_idx|orders_created_idx'],
      },
      {
        name: 'orders list, tenth page (cursor)',
        call: () => findOrders(ctx, { cursor: tenth }),
        sql: [listOrders(db, { organizationId, limit: 51, after: after(tenth) })],
        expect: ['orders_org_created_idx|orders_created_idx'],
      },
      {
        name: 'orders list, installation admin (every organization)',
        call: () => findOrders(admin, {}),
        sql: [listOrders(db, { limit: 51 })],
        expect: ['orders_created_idx'],
      },
      {
        name: 'search «дорожной карты»',
        call: () => findOrders(ctx, { q: 'дорожной карты' }),
        sql: [listOrders(db, { organizationId, q: 'дорожной карты', limit: 51 })],
        expect: ['order_search_words_idx'],
      },
      {
        name: 'order history, first page (long history)',
        call: () => getOrderHistory(ctx, ids.longOrderId, {}),
        sql: [listOrderAuditPage(db, ids.longOrderId, { limit: 101 })],
        expect: ['audit_order_idx'],
      },
      {
        name: 'order history, a middle page (cursor)',
        call: () => getOrderHistory(ctx, ids.longOrderId, { cursor: String(middleCursor) }),
        sql: [listOrderAuditPage(db, ids.longOrderId, { afterSeq: middleCursor, limit: 101 })],
        expect: ['audit_order_idx'],
      },
      {
        name: 'order history, a typical order',
        call: () => getOrderHistory(ctx, ids.typicalOrderId, {}),
        sql: [listOrderAuditPage(db, ids.typicalOrderId, { limit: 101 })],
        expect: ['audit_order_idx'],
      },
      {
        name: "controller's board",
        call: () => controlBoard(ctx),
        sql: [
          listControlItems(db, { organizationId, status: 'on_control', limit: BOARD_ITEMS + 1, ...day }),
          listOrderHeads(db, Object.keys(board.orders)) as unknown as SQLWrapper,
        ],
        expect: ['control_items_org_open_due_idx', 'orders_pkey'],
      },
      {
        name: 'yearly discipline report',
        call: () => getDisciplineReport(ctx, { from: yearAgo, to: day.today }),
        sql: [disciplineQuery({ organizationId, from: yearAgo, to: day.today, today: day.today })],
        // the whole past months from their tallies, the days at either end from the items' index
        expect: ['control_tallies_key', 'control_items_org_period_idx'],
      },
    ]
    const dialect = new PgDialect()
    const results: BenchResult[] = []
    const plans: string[] = []
    for (const q of queries) {
      const { p50, p95, cpu } = await time(q.call)
      let executed = 0
      const used = new Set<string>()
      const seq = new Set<string>()
      for (const statement of q.sql) {
        const plan = await explain(db, statement)
        const summary = planSummary(plan)
        executed += Number(plan.match(/Execution Time: ([\d.]+) ms/)?.[1] ?? 0)
        for (const i of summary.indexes) used.add(i)
        for (const t of summary.seqScans) seq.add(t)
        const text =
          'getSQL' in statement ? dialect.sqlToQuery((statement as unknown as { getSQL: () => SQL }).getSQL()).sql : ''
        plans.push(`--- ${label}: ${q.name}\n${text}\n${plan}\n`)
      }
      const missing = q.expect.filter((i) => ![...used].some((u) => new RegExp(`^(?:${i})$`).test(u)))
      log(
        `${q.name}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (${SAMPLES} samples); CPU of this process ${cpu.toFixed(1)} ms; ` +
          `EXPLAIN ANALYZE ${executed.toFixed(1)} ms; indexes: ${[...used].join(', ') || 'none'}` +
          `${seq.size ? `; seq scans: ${[...seq].join(', ')}` : ''}${missing.length ? `; MISSING ${missing.join(', ')}` : ''}`,
      )
      results.push({
        name: `scale ${label} (${size.orders} orders): ${q.name}, p95 (p50 ${p50.toFixed(1)} ms, CPU ${cpu.toFixed(1)} ms, plan ${executed.toFixed(1)} ms; indexes ${[...used].join(', ')})`,
        value: p95,
        baseline: goalMs,
        ratio: p95 / goalMs,
        goal: `p95 <= ${goalMs} ms, plan uses ${q.expect.join(', ')}`,
        meets: p95 <= goalMs && missing.length === 0,
        unit: 'ms',
      })
    }
    const file = fileURLToPath(new URL(`./scale-explain-${label}.txt`, import.meta.url))
    writeFileSync(file, plans.join('\n'))
    log(`EXPLAIN (ANALYZE, BUFFERS) of each query: ${file}`)
    return results
  } finally {
    await renderer.close()
  }
}

/** Both databases, each filled and dropped here. */
export const scaleBenches = async (pgUrl: string): Promise<BenchResult[]> => {
  const results: BenchResult[] = []
  const { url, drop } = await freshPostgresDatabase(pgUrl)
  const pg = await openDatabase({ url })
  try {
    results.push(...(await scaleBench('postgres', pg, POSTGRES_SIZE, 50)))
  } finally {
    await pg.close()
    await drop()
  }
  const lite = await openDatabase({})
  try {
    results.push(...(await scaleBench('pglite', lite, PGLITE_SIZE, 100)))
  } finally {
    await lite.close()
  }
  return results
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const pgUrl =
    process.env.TEST_DATABASE_URL ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const only = process.env.SCALE_DB
  const results =
    only === 'pglite'
      ? await (async () => {
          const lite = await openDatabase({})
          try {
            return await scaleBench('pglite', lite, PGLITE_SIZE, 100)
          } finally {
            await lite.close()
          }
        })()
      : only === 'postgres'
        ? await (async () => {
            // SCALE_KEEP=1 keeps the filled database (its URL is printed); SCALE_REUSE=<url> measures it again,
            // after applying any new migration: for trying an index without filling again
            const reuse = process.env.SCALE_REUSE
            const fresh = reuse ? { url: reuse, drop: async () => {} } : await freshPostgresDatabase(pgUrl)
            const pg = await openDatabase({ url: fresh.url })
            try {
              return await scaleBench('postgres', pg, POSTGRES_SIZE, 50, Boolean(reuse))
            } finally {
              await pg.close()
              if (process.env.SCALE_KEEP) console.log(`kept: SCALE_REUSE=${fresh.url}`)
              else await fresh.drop()
            }
          })()
        : await scaleBenches(pgUrl)
  console.log(
    `load average: ${(await import('node:os'))
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  )
  writeResults(fileURLToPath(new URL('./scale-results.json', import.meta.url)), results)
  process.exit(0)
}
