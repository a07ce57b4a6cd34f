import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Db } from './client'
import { controlFiles } from './schema'

const listed = {
  id: controlFiles.id,
  eventSeq: controlFiles.eventSeq,
  name: controlFiles.name,
  type: controlFiles.type,
  size: controlFiles.size,
  sha256: controlFiles.sha256,
}

export const insertControlFiles = async (db: Db, rows: (typeof controlFiles.$inferInsert)[]) =>
  rows.length ? db.insert(controlFiles).values(rows).returning(listed) : []

/** The files of items' reports, without their bytes: what a list shows. */
export const listControlFiles = (db: Db, itemIds: string[]) =>
  itemIds.length
    ? db
        .select({ ...listed, itemId: controlFiles.itemId })
        .from(controlFiles)
        .where(inArray(controlFiles.itemId, itemIds))
        .orderBy(asc(controlFiles.eventSeq), asc(controlFiles.createdAt))
    : Promise.resolve([])

export const findControlFile = async (db: Db, itemId: string, id: string) =>
  (
    await db
      .select()
      .from(controlFiles)
      .where(and(eq(controlFiles.itemId, itemId), eq(controlFiles.id, id)))
  )[0]
