import { and, asc, eq } from 'drizzle-orm'
import type { Db } from './client'
import { executors } from './schema'

export type ExecutorRow = typeof executors.$inferSelect

export const listExecutors = (db: Db, organizationId?: string) =>
  db
    .select()
    .from(executors)
    .where(organizationId ? eq(executors.organizationId, organizationId) : undefined)
    .orderBy(asc(executors.name))

export const findExecutor = async (db: Db, id: string) =>
  (await db.select().from(executors).where(eq(executors.id, id)))[0]

export const insertExecutor = async (db: Db, values: typeof executors.$inferInsert) =>
  (await db.insert(executors).values(values).returning())[0]!

export const updateExecutor = async (db: Db, id: string, values: Partial<typeof executors.$inferInsert>) =>
  (await db.update(executors).set(values).where(eq(executors.id, id)).returning())[0]

export const deleteExecutor = (db: Db, organizationId: string, id: string) =>
  db.delete(executors).where(and(eq(executors.id, id), eq(executors.organizationId, organizationId)))
