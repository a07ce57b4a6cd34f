import { and, asc, eq, gt, inArray, isNotNull, lt, lte, or, sql, type SQL } from 'drizzle-orm'
import { AWAITING_REPORT_STATES, OPEN_STATES, type ControlItemState } from '../../workflows/control-item.machine'
import type { Db } from './client'
import { queryRows } from './raw'
import { controlEvents, controlItems } from './schema'

export type ControlItemRow = typeof controlItems.$inferSelect

export const insertControlItems = async (db: Db, rows: (typeof controlItems.$inferInsert)[]) =>
  rows.length ? db.insert(controlItems).values(rows).returning({ id: controlItems.id }) : []

/** Reads an item and holds its row lock to the end of the transaction. */
export const lockControlItem = async (db: Db, id: string) =>
  (await db.select().from(controlItems).where(eq(controlItems.id, id)).for('update'))[0]

export const updateControlItem = (db: Db, id: string, values: Partial<typeof controlItems.$inferInsert>) =>
  db.update(controlItems).set(values).where(eq(controlItems.id, id))

export const insertControlEvent = (db: Db, values: typeof controlEvents.$inferInsert) =>
  db.insert(controlEvents).values(values).returning({ seq: controlEvents.seq })

export const listControlEvents = (db: Db, itemId: string) =>
  db
    .select({
      seq: controlEvents.seq,
      kind: controlEvents.kind,
      fromState: controlEvents.fromState,
      toState: controlEvents.toState,
      oldDue: controlEvents.oldDue,
      newDue: controlEvents.newDue,
      text: controlEvents.text,
      fileName: controlEvents.fileName,
      executorId: controlEvents.executorId,
      actorName: controlEvents.actorName,
      at: controlEvents.at,
    })
    .from(controlEvents)
    .where(eq(controlEvents.itemId, itemId))
    .orderBy(asc(controlEvents.seq))

/** How many items of the order are still open (neither done nor removed). */
export const countOpenItems = async (db: Db, orderId: string) =>
  (
    await db
      .select({ n: sql<number>`count(*)::int` })
      .from(controlItems)
      .where(and(eq(controlItems.orderId, orderId), inArray(controlItems.status, OPEN_STATES)))
  )[0]!.n

export type ControlItemFilter = {
  organizationId?: string
  /** a state, or one of the derived timings */
  status?: ControlItemState | 'overdue' | 'due_soon'
  today: string
  dueSoonLimit: string
  executorId?: string
  orderId?: string
  dueBefore?: string
  limit: number
  /** keyset: items after this (due date, id); null due dates come last */
  after?: { due: string | null; id: string }
}

/**
 * `status in ('a', 'b')` with the states written into the statement, not bound: the partial indexes on
 * these lists (`control_items_org_open_due_idx`, `control_items_responsible_due_idx`) serve a query only
 * when the planner can prove their predicate, which it cannot from parameters in a cached generic plan.
 */
const inStates = (states: readonly ControlItemState[]) =>
  sql`${controlItems.status} in (${sql.raw(states.map((s) => `'${s}'`).join(', '))})`

const awaiting = inStates(AWAITING_REPORT_STATES)

/** The filter of the control list; `overdue` and `due_soon` are the machine's rule (`deriveTiming`) in SQL. */
const statusCondition = (f: ControlItemFilter): SQL | undefined => {
  switch (f.status) {
    case undefined:
      return undefined
    case 'overdue':
      return and(awaiting, lt(controlItems.dueDate, f.today))
    case 'due_soon':
      return and(awaiting, sql`${controlItems.dueDate} between ${f.today} and ${f.dueSoonLimit}`)
    case 'on_control':
      return inStates(OPEN_STATES)
    default:
      return eq(controlItems.status, f.status)
  }
}

const afterCondition = (after: NonNullable<ControlItemFilter['after']>): SQL | undefined =>
  after.due === null
    ? and(sql`${controlItems.dueDate} is null`, gt(controlItems.id, after.id))
    : or(
        gt(controlItems.dueDate, after.due),
        and(eq(controlItems.dueDate, after.due), gt(controlItems.id, after.id)),
        sql`${controlItems.dueDate} is null`,
      )

/** Earliest due first (the overdue at the top), keyset-paged on (due date, id). */
export const listControlItems = (db: Db, f: ControlItemFilter) => {
  const where: (SQL | undefined)[] = [statusCondition(f)]
  if (f.organizationId) where.push(eq(controlItems.organizationId, f.organizationId))
  if (f.executorId) {
    where.push(
      or(
        eq(controlItems.responsibleId, f.executorId),
        sql`${controlItems.coExecutors} @> ${JSON.stringify([{ executorId: f.executorId }])}::jsonb`,
      ),
    )
  }
  if (f.orderId) where.push(eq(controlItems.orderId, f.orderId))
  if (f.dueBefore) where.push(and(isNotNull(controlItems.dueDate), lte(controlItems.dueDate, f.dueBefore)))
  if (f.after) where.push(afterCondition(f.after))
  return db
    .select()
    .from(controlItems)
    .where(and(...where))
    .orderBy(sql`${controlItems.dueDate} asc nulls last`, asc(controlItems.id))
    .limit(f.limit)
}

/** Executors written in items but found in no directory entry, with how many items name them. */
export const listUnresolvedExecutors = async (db: Db, organizationId?: string) => {
  const scope = organizationId ? sql`and organization_id = ${organizationId}` : sql``
  return queryRows<{ organizationId: string; written: string; items: number }>(
    db,
    sql`
    select organization_id as "organizationId", written, count(*)::int as items from (
      select organization_id, responsible as written from control_items
        where responsible is not null and responsible_id is null ${scope}
      union all
      select organization_id, e->>'written' from control_items, jsonb_array_elements(co_executors) e
        where e->>'executorId' is null ${scope}
    ) w group by organization_id, written order by organization_id, written`,
  )
}

/** Items whose written executor matches this directory entry's name, yet unresolved: resolved after the entry is added. */
export const resolveWrittenExecutor = async (db: Db, organizationId: string, written: string, executorId: string) => {
  await db
    .update(controlItems)
    .set({ responsibleId: executorId })
    .where(
      and(
        eq(controlItems.organizationId, organizationId),
        eq(controlItems.responsible, written),
        sql`${controlItems.responsibleId} is null`,
      ),
    )
  await db.execute(sql`
    update control_items set co_executors = (
      select jsonb_agg(case when e->>'written' = ${written} and e->>'executorId' is null
        then jsonb_set(e, '{executorId}', to_jsonb(${executorId}::text)) else e end)
      from jsonb_array_elements(co_executors) e)
    where organization_id = ${organizationId} and co_executors @> ${JSON.stringify([{ written, executorId: null }])}::jsonb`)
}

export const findControlItem = async (db: Db, id: string) =>
  (await db.select().from(controlItems).where(eq(controlItems.id, id)))[0]

/** Whether the user signed the order: the signer's approval, decided, carries the user's e-mail. */
export const isOrderSigner = async (db: Db, orderId: string, userId: string) =>
  (
    await queryRows<{ yes: boolean }>(
      db,
      // the account that signed; a route typed by name before accounts (no user_id) only through a director's e-mail
      sql`select exists (
        select 1 from approvals a join users u on u.id = ${userId}
        where a.order_id = ${orderId} and a.role = 'signer' and a.decision = 'signed'
          and (a.user_id = u.id or (a.user_id is null and lower(u.email) = lower(a.email) and u.role = 'director'))
      ) as yes`,
    )
  )[0]?.yes === true
