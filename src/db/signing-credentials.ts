import { and, asc, desc, eq, gt, isNotNull, isNull, lte } from 'drizzle-orm'
import type { Db } from './client'
import { signingCredentials } from './schema'

export type SigningCredentialRow = typeof signingCredentials.$inferSelect
export type CredentialKind = SigningCredentialRow['kind']

/** Inserts the organization's CA unless another instance just did; either way returns the one CA. */
export const insertCaOnce = async (db: Db, values: typeof signingCredentials.$inferInsert) => {
  await db.insert(signingCredentials).values(values).onConflictDoNothing()
  return (await findCa(db, values.organizationId))!
}

export const findCa = async (db: Db, organizationId: string) =>
  (
    await db
      .select()
      .from(signingCredentials)
      .where(and(eq(signingCredentials.organizationId, organizationId), eq(signingCredentials.kind, 'ca')))
  )[0]

export const listCas = (db: Db) =>
  db
    .select()
    .from(signingCredentials)
    .where(eq(signingCredentials.kind, 'ca'))
    .orderBy(asc(signingCredentials.createdAt))

/** The newest credential of a kind and holder still valid at `at` (and already valid then), never a revoked one. */
export const findCurrentCredential = async (
  db: Db,
  organizationId: string,
  kind: CredentialKind,
  holder: string,
  at: Date,
) =>
  (
    await db
      .select()
      .from(signingCredentials)
      .where(
        and(
          eq(signingCredentials.organizationId, organizationId),
          eq(signingCredentials.kind, kind),
          eq(signingCredentials.holder, holder),
          gt(signingCredentials.notAfter, at),
          lte(signingCredentials.notBefore, at),
          isNull(signingCredentials.revokedAt),
        ),
      )
      .orderBy(desc(signingCredentials.createdAt))
      .limit(1)
  )[0]

export const insertCredential = async (db: Db, values: typeof signingCredentials.$inferInsert) =>
  (await db.insert(signingCredentials).values(values).returning())[0]!

/**
 * Revokes every live certificate of a person (their holder e-mail) in the organization: none is used again, and
 * the ones our CA issued go into its CRL. The rows revoked now.
 */
export const revokePersonCredentials = (db: Db, organizationId: string, holder: string, at: Date, reason: string) =>
  db
    .update(signingCredentials)
    .set({ revokedAt: at, revocationReason: reason })
    .where(
      and(
        eq(signingCredentials.organizationId, organizationId),
        eq(signingCredentials.kind, 'person'),
        eq(signingCredentials.holder, holder),
        isNull(signingCredentials.revokedAt),
      ),
    )
    .returning({ serialNumber: signingCredentials.serialNumber, source: signingCredentials.source })

/**
 * What the organization's CRL lists: the certificates its CA issued that were revoked, with when and why (the
 * serial in hex, as certificates are described). Uploaded certificates are another CA's to revoke, not listed.
 */
export const revokedCertificates = (db: Db, organizationId: string) =>
  db
    .select({
      serialNumber: signingCredentials.serialNumber,
      revokedAt: signingCredentials.revokedAt,
      reason: signingCredentials.revocationReason,
    })
    .from(signingCredentials)
    .where(
      and(
        eq(signingCredentials.organizationId, organizationId),
        eq(signingCredentials.source, 'issued'),
        isNotNull(signingCredentials.revokedAt),
      ),
    )
    .orderBy(asc(signingCredentials.revokedAt)) as Promise<
    { serialNumber: string; revokedAt: Date; reason: string | null }[]
  >
