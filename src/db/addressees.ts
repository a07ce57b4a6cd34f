import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Db } from './client'
import { controlItems, orderAddressees } from './schema'

export type AddresseeRow = typeof orderAddressees.$inferSelect

export const findExecutorAddressee = async (db: Db, orderId: string, executorId: string) =>
  (
    await db
      .select()
      .from(orderAddressees)
      .where(and(eq(orderAddressees.orderId, orderId), eq(orderAddressees.executorId, executorId)))
  )[0]

/** Adds addressees, the ones already on the list (the same executor) left as they are. */
export const insertAddressees = (db: Db, rows: (typeof orderAddressees.$inferInsert)[]) =>
  rows.length ? db.insert(orderAddressees).values(rows).onConflictDoNothing().returning() : Promise.resolve([])

export const markAddressee = (
  db: Db,
  id: string,
  values: Partial<Pick<AddresseeRow, 'sentAt' | 'openedAt' | 'confirmedAt'>>,
) => db.update(orderAddressees).set(values).where(eq(orderAddressees.id, id))

/** The first opening of the order by an executor's page: later ones change nothing. */
export const markOpened = (db: Db, orderId: string, executorId: string, at: Date) =>
  db
    .update(orderAddressees)
    .set({ openedAt: at })
    .where(
      and(
        eq(orderAddressees.orderId, orderId),
        eq(orderAddressees.executorId, executorId),
        isNull(orderAddressees.openedAt),
      ),
    )

/** Whether an item of the order names the executor (responsible or co-executor). */
export const orderNamesExecutor = async (db: Db, orderId: string, executorId: string) =>
  (
    await db
      .select({ id: controlItems.id })
      .from(controlItems)
      .where(
        and(
          eq(controlItems.orderId, orderId),
          sql`(${controlItems.responsibleId} = ${executorId} or ${controlItems.coExecutors} @> ${JSON.stringify([{ executorId }])}::jsonb)`,
        ),
      )
      .limit(1)
  ).length > 0
