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

/** The newest credential of a kind and holder still valid at `at` (and already valid then), not revoked. */
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
          // a revoked certificate signs nothing more: its holder gets a new one if they sign again
          isNull(signingCredentials.revokedAt),
        ),
      )
      .orderBy(desc(signingCredentials.createdAt))
      .limit(1)
  )[0]

export const insertCredential = async (db: Db, values: typeof signingCredentials.$inferInsert) =>
  (await db.insert(signingCredentials).values(values).returning())[0]!

/**
 * Revokes every certificate a person holds in the organization (disabled: they sign nothing more), as of `at`;
 * one already revoked keeps its first time. Returns the serials newly revoked.
 */
export const revokeHolderCredentials = async (
  db: Db,
  organizationId: string,
  holder: string,
  at: Date,
  reason: string | null,
) =>
  (
    await db
      .update(signingCredentials)
      .set({ revokedAt: at, revocationReason: reason })
      .where(
        and(
          eq(signingCredentials.organizationId, organizationId),
          eq(signingCredentials.kind, 'person'),
          eq(signingCredentials.holder, holder.trim().toLowerCase()),
          isNull(signingCredentials.revokedAt),
        ),
      )
      .returning({ serial: signingCredentials.serialNumber })
  ).map((r) => r.serial)

/**
 * What the organization's CA lists on its CRL: every certificate it issued that was revoked, oldest first
 * (uploaded ones are another CA's to revoke). Serials as hex, as certificates are described.
 */
export const revokedCertificates = async (db: Db, organizationId: string) =>
  (
    await db
      .select({
        serial: signingCredentials.serialNumber,
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
      .orderBy(asc(signingCredentials.revokedAt), asc(signingCredentials.serialNumber))
  ).map((r) => ({ serial: r.serial, revokedAt: r.revokedAt!, reason: r.reason }))
