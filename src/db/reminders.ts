import { and, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm'
import { AWAITING_REPORT_STATES } from '../../workflows/control-item.machine'
import type { Db } from './client'
import { controlItems, executors, orders, reminders, users } from './schema'

/** Items awaiting a report that are overdue or due soon, whose responsible executor has an e-mail. */
export const itemsToRemind = (db: Db, dueSoonLimit: string) =>
  db
    .select({
      id: controlItems.id,
      organizationId: controlItems.organizationId,
      label: controlItems.sourceLabel,
      text: controlItems.text,
      due: controlItems.dueDate,
      orderNumber: orders.number,
      orderDate: orders.date,
      orderTitle: orders.title,
      executor: executors.name,
      email: executors.email,
    })
    .from(controlItems)
    .innerJoin(executors, eq(executors.id, controlItems.responsibleId))
    .innerJoin(orders, eq(orders.id, controlItems.orderId))
    .where(
      and(
        inArray(controlItems.status, AWAITING_REPORT_STATES),
        lte(controlItems.dueDate, dueSoonLimit),
        isNotNull(executors.email),
      ),
    )
    .orderBy(controlItems.dueDate, controlItems.id)

/** Items awaiting a report that are overdue or due soon, of every executor, for the controllers' summary. */
export const itemsForSummary = (db: Db, dueSoonLimit: string) =>
  db
    .select({
      id: controlItems.id,
      organizationId: controlItems.organizationId,
      label: controlItems.sourceLabel,
      due: controlItems.dueDate,
      responsible: controlItems.responsible,
      orderNumber: orders.number,
    })
    .from(controlItems)
    .innerJoin(orders, eq(orders.id, controlItems.orderId))
    .where(and(inArray(controlItems.status, AWAITING_REPORT_STATES), lte(controlItems.dueDate, dueSoonLimit)))
    .orderBy(controlItems.dueDate, controlItems.id)

export const controllersOf = (db: Db, organizationIds: string[]) =>
  organizationIds.length
    ? db
        .select({ organizationId: users.organizationId, email: users.email, name: users.name })
        .from(users)
        .where(and(eq(users.role, 'controller'), inArray(users.organizationId, organizationIds)))
    : []

/**
 * Claims reminders for the day: rows that are inserted are this caller's to send; a row already there
 * (sent by another instance, or earlier today) is skipped. The unique indexes make a reminder once a day.
 */
export const claimReminders = async (
  tx: Db,
  rows: { organizationId: string; kind: 'executor' | 'summary'; itemId?: string; recipient: string; day: string }[],
) =>
  rows.length
    ? tx
        .insert(reminders)
        .values(rows)
        .onConflictDoNothing()
        .returning({ id: reminders.id, itemId: reminders.itemId, recipient: reminders.recipient })
    : []

export const markRemindersSent = (tx: Db, ids: string[], at: Date) =>
  ids.length ? tx.update(reminders).set({ sentAt: at }).where(inArray(reminders.id, ids)) : undefined

export const countReminders = async (db: Db) =>
  (await db.select({ n: sql<number>`count(*)::int` }).from(reminders))[0]!.n
