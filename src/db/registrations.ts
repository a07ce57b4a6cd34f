import { insertAuditEvent, type ChainedEvent } from './audit'
import type { Db } from './client'
import { updateOrder, type OrderRow } from './orders'
import { registrations } from './schema'

export type RegistrationRow = typeof registrations.$inferInsert & { createdAt: Date }

/**
 * Writes what a registration changes, inside the caller's transaction: the registration row, the
 * order (snapshot, whence its state; number, date, audit head) and the audit event. Issued together: postgres-js
 * pipelines them on the transaction's connection, so the journal counter taken just before is held
 * for one round trip and the commit.
 */
export const recordRegistration = async (
  tx: Db,
  r: RegistrationRow,
  order: Pick<OrderRow, 'snapshot' | 'auditHash'> & { updatedAt: Date },
  event: ChainedEvent,
) => {
  await Promise.all([
    tx.insert(registrations).values(r),
    insertAuditEvent(tx, event),
    updateOrder(tx, r.orderId, { ...order, number: r.number, date: r.date }),
  ])
}

/** A registration row alone: an order from the archive is inserted registered, with its own audit event. */
export const insertRegistration = (tx: Db, r: RegistrationRow) => tx.insert(registrations).values(r)
