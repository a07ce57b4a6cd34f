import { and, eq, isNull } from 'drizzle-orm'
import type { Db } from './client'
import { passwordResets } from './schema'

export const insertPasswordReset = (db: Db, values: typeof passwordResets.$inferInsert) =>
  db.insert(passwordResets).values(values)

/** A person's unused links, ended when a new one is issued: only the latest works. */
export const deleteUnusedResets = (db: Db, userId: string) =>
  db.delete(passwordResets).where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)))

/** The link's row, locked: of two uses at once the second sees it used. */
export const lockPasswordReset = async (db: Db, tokenHash: string) =>
  (await db.select().from(passwordResets).where(eq(passwordResets.tokenHash, tokenHash)).for('update'))[0]

export const findPasswordReset = async (db: Db, tokenHash: string) =>
  (await db.select().from(passwordResets).where(eq(passwordResets.tokenHash, tokenHash)))[0]

export const markResetUsed = (db: Db, tokenHash: string, at: Date) =>
  db.update(passwordResets).set({ usedAt: at }).where(eq(passwordResets.tokenHash, tokenHash))
