import { and, eq, isNull, lt, or, sql } from 'drizzle-orm'
import type { Db } from './client'
import { mailOutbox } from './schema'

export const insertOutbox = async (db: Db, rows: (typeof mailOutbox.$inferInsert)[]) => {
  if (rows.length) await db.insert(mailOutbox).values(rows)
}

/**
 * Claims the unsent letters for one sender: the update re-checks its condition under each row's lock,
 * so two senders never claim the same row. A claim older than `staleBefore` (a sender that died mid-send) is free again.
 */
export const claimOutbox = (db: Db, now: Date, staleBefore: Date) =>
  db
    .update(mailOutbox)
    .set({ sendingAt: now, attempts: sql`${mailOutbox.attempts} + 1` })
    .where(and(isNull(mailOutbox.sentAt), or(isNull(mailOutbox.sendingAt), lt(mailOutbox.sendingAt, staleBefore))))
    .returning()

export const markOutboxSent = (db: Db, id: string, at: Date) =>
  db.update(mailOutbox).set({ sentAt: at, lastError: null }).where(eq(mailOutbox.id, id))

/** a failed letter is released for the next run, with why it failed (the SMTP answer, never the letter) */
export const releaseOutbox = (db: Db, id: string, error: string) =>
  db
    .update(mailOutbox)
    .set({ sendingAt: null, lastError: error.slice(0, 500) })
    .where(eq(mailOutbox.id, id))
