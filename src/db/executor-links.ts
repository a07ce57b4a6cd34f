import { and, eq, isNull } from 'drizzle-orm'
import type { Db } from './client'
import { executorLinks, executors } from './schema'

/** Revokes the executor's live link (if any) and stores the new one's hash, in the caller's transaction. */
export const replaceExecutorLink = async (
  db: Db,
  values: { executorId: string; tokenHash: string; issuedBy: string | null; at: Date },
) => {
  await db
    .update(executorLinks)
    .set({ revokedAt: values.at })
    .where(and(eq(executorLinks.executorId, values.executorId), isNull(executorLinks.revokedAt)))
  await db.insert(executorLinks).values({
    tokenHash: values.tokenHash,
    executorId: values.executorId,
    issuedBy: values.issuedBy,
    createdAt: values.at,
  })
}

export const revokeExecutorLinks = (db: Db, executorId: string, at: Date) =>
  db
    .update(executorLinks)
    .set({ revokedAt: at })
    .where(and(eq(executorLinks.executorId, executorId), isNull(executorLinks.revokedAt)))
    .returning({ tokenHash: executorLinks.tokenHash })

/** The link a token's hash names, with its executor. */
export const findExecutorLink = async (db: Db, tokenHash: string) =>
  (
    await db
      .select({ revokedAt: executorLinks.revokedAt, executor: executors })
      .from(executorLinks)
      .innerJoin(executors, eq(executors.id, executorLinks.executorId))
      .where(eq(executorLinks.tokenHash, tokenHash))
  )[0]

export const findExecutorOfUser = async (db: Db, userId: string) =>
  (await db.select().from(executors).where(eq(executors.userId, userId)))[0]
