import { and, eq } from 'drizzle-orm'
import type { Db } from '../../src/db/client'
import { filesOf } from '../../src/db/file-store'
import { renderings } from '../../src/db/schema'

type Row = typeof renderings.$inferSelect

/** The bytes a renderings row keeps, wherever they are kept (the row or the data directory's store). */
export const storedPart = async (db: Db, row: Row): Promise<Uint8Array> => {
  if (row.bytes) return row.bytes
  const files = filesOf(db)
  if (files.kind !== 'directory') throw new Error('a row without bytes on a database without a file store')
  return files.get(row.partSha256!)
}

/**
 * Changes what a stored row holds, as an intruder with write access to the storage would: the row's bytes, or,
 * with the directory store, the file it names (written under its new hash, the row pointed at it).
 */
export const replaceStoredPart = async (db: Db, row: Row, bytes: Uint8Array) => {
  const files = filesOf(db)
  const set = files.kind === 'directory' ? { partSha256: await files.put(bytes) } : { bytes }
  await db
    .update(renderings)
    .set(set)
    .where(
      and(
        eq(renderings.orderId, row.orderId),
        eq(renderings.version, row.version),
        eq(renderings.stage, row.stage),
        eq(renderings.format, row.format),
        eq(renderings.revision, row.revision),
      ),
    )
}
