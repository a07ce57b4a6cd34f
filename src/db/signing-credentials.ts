import { and, asc, desc, eq, gt, lte } from 'drizzle-orm'
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

/** The newest credential of a kind and holder still valid at `at` (and already valid then). */
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
        ),
      )
      .orderBy(desc(signingCredentials.createdAt))
      .limit(1)
  )[0]

export const insertCredential = async (db: Db, values: typeof signingCredentials.$inferInsert) =>
  (await db.insert(signingCredentials).values(values).returning())[0]!
