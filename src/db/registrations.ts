import { sql } from 'drizzle-orm'
import { canonicalEvent, type ChainedEvent, type ChainedFields } from './audit'
import type { Db } from './client'
import type { OrderRow } from './orders'
import { queryRows } from './raw'
import type { registrations } from './schema'

export type RegistrationCandidate = Pick<
  OrderRow,
  'id' | 'organizationId' | 'kind' | 'status' | 'snapshot' | 'machineVersion' | 'signedAt' | 'auditHash'
> & {
  journal?: { id: string; name: string; pattern: string; start: number; reset: 'yearly' | 'never' }
}

type CandidateRow = {
  id: string
  organization_id: string
  kind: OrderRow['kind']
  status: string
  snapshot: OrderRow['snapshot'] | string
  machine_version: number
  signed_at: string | Date | null
  audit_hash: string
  journal_id: string | null
  name: string | null
  pattern: string | null
  start: number | null
  reset: 'yearly' | 'never' | null
}

/** The order as registration needs it, with the journal it would go to (the named one, or the first of its kind). */
export const readRegistrationCandidate = async (
  db: Db,
  orderId: string,
  journalId?: string,
): Promise<RegistrationCandidate | undefined> => {
  const [row] = await queryRows<CandidateRow>(
    db,
    sql`
    select o.id, o.organization_id, o.kind, o.status, o.snapshot, o.machine_version, o.signed_at, o.audit_hash,
           j.id as journal_id, j.name, j.pattern, j.start, j.reset
    from orders o
    left join lateral (
      select id, name, pattern, start, reset from journals
      where organization_id = o.organization_id and kind = o.kind
        and (${journalId ?? null}::uuid is null or id = ${journalId ?? null}::uuid)
      order by created_at limit 1
    ) j on true
    where o.id = ${orderId}`,
  )
  if (!row) return undefined
  return {
    id: row.id,
    organizationId: row.organization_id,
    kind: row.kind,
    status: row.status,
    snapshot: typeof row.snapshot === 'string' ? JSON.parse(row.snapshot) : row.snapshot,
    machineVersion: Number(row.machine_version),
    auditHash: row.audit_hash,
    signedAt: row.signed_at === null ? null : new Date(row.signed_at),
    journal: row.journal_id
      ? { id: row.journal_id, name: row.name!, pattern: row.pattern!, start: Number(row.start), reset: row.reset! }
      : undefined,
  }
}

/** Stands for the number in the audit event until the statement has taken it. */
export const NUMBER_PLACEHOLDER = '\u2116\u2116 number \u2116\u2116'

export type NextNumberRegistration = {
  orderId: string
  expectedAuditHash: string
  journalId: string
  counterYear: number
  start: number
  numberPattern: string // the journal's pattern with its year already filled in; {n} is left
  date: string
  registeredBy: string
  at: Date
  order: Pick<OrderRow, 'status' | 'snapshot'>
  event: ChainedFields // data.number is NUMBER_PLACEHOLDER
}

/**
 * A registration with the journal's next number in one statement, so the journal's counter row is
 * locked only while PostgreSQL runs it and commits: the order is locked if it is still as it was read
 * (signed, same audit head), the counter advanced, the number formatted, the registration and the
 * audit event written (its hash taken over the same canonical JSON the application hashes) and the
 * order updated. Nothing happens and undefined comes back when the order changed in between.
 */
export const registerWithNextNumber = async (
  db: Db,
  r: NextNumberRegistration,
): Promise<{ number: string; hash: string } | undefined> => {
  const template = canonicalEvent(r.event)
  const placeholder = JSON.stringify(NUMBER_PLACEHOLDER)
  const e = r.event
  const [row] = await queryRows<{ number: string; hash: string }>(
    db,
    sql`
    with o as (
      select id from orders
      where id = ${r.orderId} and status = 'signed' and audit_hash = ${r.expectedAuditHash}
      for update
    ), c as (
      insert into journal_counters (journal_id, year, last)
      select ${r.journalId}::uuid, ${r.counterYear}::int, ${r.start}::int from o
      on conflict (journal_id, year) do update set last = journal_counters.last + 1
      returning last
    ), n as (
      select c.last as seq, replace(${r.numberPattern}::text, '{n}', c.last::text) as number from c
    ), h as (
      select n.seq, n.number,
        encode(sha256(convert_to(replace(${template}::text, ${placeholder}::text, to_json(n.number)::text), 'UTF8')), 'hex') as hash
      from n
    ), reg as (
      insert into registrations (order_id, journal_id, year, seq, litera, number, date, registered_by, created_at)
      select ${r.orderId}::uuid, ${r.journalId}::uuid, ${r.counterYear}::int, h.seq, 0, h.number, ${r.date}::date, ${r.registeredBy}::uuid, ${r.at.toISOString()}::timestamptz from h
    ), ev as (
      insert into audit_events (organization_id, order_id, action, actor_type, actor_id, actor_name, from_state, to_state, data, ip, user_agent, at, prev_hash, hash)
      select ${e.organizationId}::uuid, ${e.orderId}::uuid, ${e.action}, ${e.actorType}, ${e.actorId}, ${e.actorName}, ${e.fromState}, ${e.toState},
             jsonb_set(${JSON.stringify(e.data)}::jsonb, '{number}', to_jsonb(h.number)), ${e.ip}, ${e.userAgent}, ${e.at}::timestamptz, ${e.prevHash}, h.hash
      from h
    ), upd as (
      update orders set status = ${r.order.status}, snapshot = ${JSON.stringify(r.order.snapshot)}::jsonb, number = h.number,
        date = ${r.date}::date, updated_at = ${r.at.toISOString()}::timestamptz, audit_hash = h.hash
      from h where orders.id = ${r.orderId}
    )
    select number, hash from h`,
  )
  return row
}

/** Writes what a litera registration changes, inside the caller's transaction. */
export const recordRegistration = async (
  tx: Db,
  r: typeof registrations.$inferInsert & { createdAt: Date },
  order: Pick<OrderRow, 'status' | 'snapshot' | 'auditHash'> & { updatedAt: Date },
  e: ChainedEvent,
) => {
  await queryRows(
    tx,
    sql`
    with reg as (
      insert into registrations (order_id, journal_id, year, seq, litera, number, date, registered_by, created_at)
      values (${r.orderId}, ${r.journalId}, ${r.year}, ${r.seq}, ${r.litera ?? 0}, ${r.number}, ${r.date}, ${r.registeredBy}, ${r.createdAt.toISOString()})
    ), ev as (
      insert into audit_events (organization_id, order_id, action, actor_type, actor_id, actor_name, from_state, to_state, data, ip, user_agent, at, prev_hash, hash)
      values (${e.organizationId}, ${e.orderId}, ${e.action}, ${e.actorType}, ${e.actorId}, ${e.actorName}, ${e.fromState}, ${e.toState},
              ${JSON.stringify(e.data)}::jsonb, ${e.ip}, ${e.userAgent}, ${e.at}, ${e.prevHash}, ${e.hash})
    )
    update orders set status = ${order.status}, snapshot = ${JSON.stringify(order.snapshot)}::jsonb, number = ${r.number},
      date = ${r.date}, updated_at = ${order.updatedAt.toISOString()}, audit_hash = ${order.auditHash}
    where id = ${r.orderId}`,
  )
}
