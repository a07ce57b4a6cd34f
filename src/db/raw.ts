import type { SQL } from 'drizzle-orm'
import type { Db } from './client'

/**
 * Rows of a raw statement, in the same shape on both drivers: PGlite answers `{ rows }`,
 * postgres-js an array (drizzle-orm#3975). Raw SQL is kept for the few statements on a hot path
 * that the query builder cannot express in one round trip.
 */
export const queryRows = async <T extends Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> => {
  const result = (await db.execute(query)) as unknown
  if (Array.isArray(result)) return result as T[]
  return ((result as { rows?: T[] }).rows ?? []) as T[]
}
