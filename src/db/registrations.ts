import { sql } from 'drizzle-orm'
import type { ChainedEvent } from './audit'
import type { Db } from './client'
import type { OrderRow } from './orders'
import { queryRows } from './raw'
import type { registrations } from './schema'

export type JournalSlot = { journalId: string; name: string; pattern: string; year: number; seq: number }

export type LockedOrder = Pick<OrderRow, 'id' | 'organizationId' | 'kind' | 'status' | 'snapshot' | 'machineVersion' | 'signedAt' | 'auditHash'>

type LockRow = {
  id: string; organization_id: string; kind: OrderRow['kind']; status: string; snapshot: OrderRow['snapshot']
  machine_version: number; signed_at: string | Date | null; audit_hash: string
  journal_id: string | null; name: string | null; pattern: string | null; year: number | null; last: number | null
}

/**
 * The registration's first statement: locks the order and takes the next number of its journal
 * (the named one, or the organization's first of the kind) at once. The counter row stays locked
 * to the end of the transaction, so numbers are gap-free and unique; when the caller then refuses
 * the registration, the rollback gives the number back.
 */
export const lockOrderAndTakeNumber = async (
  tx: Db,
  { orderId, journalId, year }: { orderId: string; journalId?: string; year: number },
): Promise<{ order: LockedOrder; slot?: JournalSlot } | undefined> => {
  const [row] = await queryRows<LockRow>(tx, sql`
    with o as (
      select id, organization_id, kind, status, snapshot, machine_version, signed_at, audit_hash
      from orders where id = ${orderId} for update
    ), j as (
      select journals.id, name, pattern, start, reset from journals, o
      where journals.organization_id = o.organization_id and journals.kind = o.kind and o.status = 'signed'
        and (${journalId ?? null}::uuid is null or journals.id = ${journalId ?? null}::uuid)
      order by journals.created_at limit 1
    ), c as (
      insert into journal_counters (journal_id, year, last)
      select id, case when reset = 'yearly' then ${year}::int else 0 end, start from j
      on conflict (journal_id, year) do update set last = journal_counters.last + 1
      returning journal_id, year, last
    )
    select o.*, c.journal_id, j.name, j.pattern, c.year, c.last from o left join c on true left join j on j.id = c.journal_id`)
  if (!row) return undefined
  const order: LockedOrder = {
    id: row.id, organizationId: row.organization_id, kind: row.kind, status: row.status,
    snapshot: typeof row.snapshot === 'string' ? JSON.parse(row.snapshot) : row.snapshot,
    machineVersion: Number(row.machine_version), auditHash: row.audit_hash,
    signedAt: row.signed_at === null ? null : new Date(row.signed_at),
  }
  const slot = row.journal_id
    ? { journalId: row.journal_id, name: row.name!, pattern: row.pattern!, year: Number(row.year), seq: Number(row.last) }
    : undefined
  return { order, slot }
}

/**
 * Writes what a registration changes in one round trip, while the journal's counter is locked:
 * the registration row, the order's new state with its number, and the audit event.
 */
export const recordRegistration = async (
  tx: Db,
  r: typeof registrations.$inferInsert & { createdAt: Date },
  order: Pick<OrderRow, 'status' | 'snapshot' | 'auditHash'> & { updatedAt: Date },
  e: ChainedEvent,
) => {
  await queryRows(tx, sql`
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
    where id = ${r.orderId}`)
}
