import { lt, sql } from 'drizzle-orm'
import type { Db } from './client'
import { rateCounters } from './schema'

export type Window = { key: string; windowStart: Date }

/** One more hit on each key in its window (one statement; the keys are distinct): the hits after it, in order. */
export const countHits = async (db: Db, windows: Window[]): Promise<number[]> => {
  if (!windows.length) return []
  const rows = await db
    .insert(rateCounters)
    .values(windows.map((w) => ({ ...w, hits: 1 })))
    .onConflictDoUpdate({
      target: [rateCounters.key, rateCounters.windowStart],
      set: { hits: sql`${rateCounters.hits} + 1` },
    })
    .returning({ key: rateCounters.key, hits: rateCounters.hits })
  const hits = new Map(rows.map((r) => [r.key, r.hits]))
  return windows.map((w) => hits.get(w.key) ?? 0)
}

/** The hits of each key in its window so far (0 for none), in order. */
export const readHits = async (db: Db, windows: Window[]): Promise<number[]> => {
  if (!windows.length) return []
  const rows = await db
    .select({ key: rateCounters.key, windowStart: rateCounters.windowStart, hits: rateCounters.hits })
    .from(rateCounters)
    .where(
      sql`(${rateCounters.key}, ${rateCounters.windowStart}) in (${sql.join(
        windows.map((w) => sql`(${w.key}, ${w.windowStart.toISOString()}::timestamptz)`),
        sql`, `,
      )})`,
    )
  const hits = new Map(rows.map((r) => [`${r.key} ${r.windowStart.getTime()}`, r.hits]))
  return windows.map((w) => hits.get(`${w.key} ${w.windowStart.getTime()}`) ?? 0)
}

/** Windows that ended: no limit reads them again. */
export const forgetWindowsBefore = async (db: Db, before: Date) =>
  db.delete(rateCounters).where(lt(rateCounters.windowStart, before))
