import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm'
import type { Db } from './client'
import { approvals, linkCodes, signingLinks } from './schema'

export type ApprovalRow = typeof approvals.$inferSelect
export type SigningLinkRow = typeof signingLinks.$inferSelect

export const insertApprovals = (db: Db, rows: (typeof approvals.$inferInsert)[]) =>
  db.insert(approvals).values(rows).returning()

export const insertSigningLinks = (db: Db, rows: (typeof signingLinks.$inferInsert)[]) =>
  db.insert(signingLinks).values(rows).returning()

/** With `lock`, the link's row is locked and read as last committed, so its state cannot change under the caller. */
export const findLinkByHash = async (db: Db, hash: string, { lock = false }: { lock?: boolean } = {}) => {
  const query = db
    .select({ link: signingLinks, approval: approvals })
    .from(signingLinks)
    .innerJoin(approvals, eq(approvals.id, signingLinks.approvalId))
    .where(eq(signingLinks.tokenHash, hash))
  return (lock ? await query.for('update', { of: signingLinks }) : await query)[0]
}

export const markLinkUsed = (db: Db, id: string, at: Date) =>
  db.update(signingLinks).set({ usedAt: at }).where(eq(signingLinks.id, id))

export const revokeOrderLinks = (db: Db, orderId: string, at: Date) =>
  db
    .update(signingLinks)
    .set({ revokedAt: at })
    .where(and(eq(signingLinks.orderId, orderId), isNull(signingLinks.usedAt), isNull(signingLinks.revokedAt)))

export const revokeApprovalLinks = (db: Db, approvalIds: string[], at: Date) =>
  db
    .update(signingLinks)
    .set({ revokedAt: at })
    .where(
      and(inArray(signingLinks.approvalId, approvalIds), isNull(signingLinks.usedAt), isNull(signingLinks.revokedAt)),
    )

export const recordDecision = (
  db: Db,
  id: string,
  decision: ApprovalRow['decision'],
  comment: string | null,
  at: Date,
) => db.update(approvals).set({ decision, comment, decidedAt: at }).where(eq(approvals.id, id))

/** The signer a round of the route names by account (none for a round typed by name before accounts). */
export const findRoundSigner = async (db: Db, orderId: string, round: number) =>
  (
    await db
      .select({ name: approvals.name, position: approvals.position })
      .from(approvals)
      .where(
        and(
          eq(approvals.orderId, orderId),
          eq(approvals.round, round),
          eq(approvals.role, 'signer'),
          isNotNull(approvals.userId),
        ),
      )
      .limit(1)
  )[0]

export const listApprovals = (db: Db, orderId: string) =>
  db
    .select()
    .from(approvals)
    .where(eq(approvals.orderId, orderId))
    .orderBy(asc(approvals.round), asc(approvals.step), asc(approvals.role))

/** The latest return of each order named (by an approver or the signer), newest first per order. */
export const findLastReturns = async (db: Db, orderIds: string[]) => {
  if (!orderIds.length) return new Map<string, ApprovalRow>()
  const rows = await db
    .select()
    .from(approvals)
    .where(and(inArray(approvals.orderId, orderIds), eq(approvals.decision, 'returned')))
    .orderBy(desc(approvals.decidedAt))
  const latest = new Map<string, ApprovalRow>()
  for (const r of rows) if (!latest.has(r.orderId)) latest.set(r.orderId, r)
  return latest
}

/** The link's one code: a new one replaces the one before (and its clock). */
export const saveLinkCode = (db: Db, row: typeof linkCodes.$inferInsert) =>
  db
    .insert(linkCodes)
    .values(row)
    .onConflictDoUpdate({
      target: linkCodes.linkId,
      set: {
        codeHash: row.codeHash,
        documentSha256: row.documentSha256,
        expiresAt: row.expiresAt,
        createdAt: row.createdAt ?? sql`now()`,
      },
    })

export const findLinkCode = async (db: Db, linkId: string) =>
  (await db.select().from(linkCodes).where(eq(linkCodes.linkId, linkId)))[0]

export const deleteLinkCode = (db: Db, linkId: string) => db.delete(linkCodes).where(eq(linkCodes.linkId, linkId))

/** One more wrong code on the link; the count after it. */
export const countCodeFailure = async (db: Db, linkId: string) =>
  (
    await db
      .update(signingLinks)
      .set({ codeFailures: sql`${signingLinks.codeFailures} + 1` })
      .where(eq(signingLinks.id, linkId))
      .returning({ failures: signingLinks.codeFailures })
  )[0]!.failures
