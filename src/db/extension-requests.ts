import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Db } from './client'
import { extensionRequests } from './schema'

export type ExtensionRequestRow = typeof extensionRequests.$inferSelect

export const insertExtensionRequest = async (db: Db, values: typeof extensionRequests.$inferInsert) =>
  (await db.insert(extensionRequests).values(values).returning())[0]!

export const findExtensionRequest = async (db: Db, itemId: string, id: string) =>
  (
    await db
      .select()
      .from(extensionRequests)
      .where(and(eq(extensionRequests.itemId, itemId), eq(extensionRequests.id, id)))
  )[0]

export const decideExtensionRequest = (
  db: Db,
  id: string,
  values: Pick<typeof extensionRequests.$inferInsert, 'status' | 'grantedDue' | 'comment' | 'decidedBy' | 'decidedAt'>,
) => db.update(extensionRequests).set(values).where(eq(extensionRequests.id, id))

export const listExtensionRequests = (db: Db, itemIds: string[]) =>
  itemIds.length
    ? db
        .select()
        .from(extensionRequests)
        .where(inArray(extensionRequests.itemId, itemIds))
        .orderBy(asc(extensionRequests.createdAt))
    : Promise.resolve([] as ExtensionRequestRow[])
