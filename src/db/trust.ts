import { and, asc, eq } from 'drizzle-orm'
import type { Db } from './client'
import { qualifiedSignatures, trustedCertificates, trustedCrls } from './schema'

export type TrustedCertificateRow = typeof trustedCertificates.$inferSelect
/** Adds the certificates the organization does not hold yet (by SHA-256); returns the rows added. */
export const insertTrustedCertificates = (db: Db, rows: (typeof trustedCertificates.$inferInsert)[]) =>
  rows.length
    ? db.insert(trustedCertificates).values(rows).onConflictDoNothing().returning()
    : Promise.resolve([] as TrustedCertificateRow[])

export const listTrustedCertificates = (db: Db, organizationId: string) =>
  db
    .select()
    .from(trustedCertificates)
    .where(eq(trustedCertificates.organizationId, organizationId))
    .orderBy(asc(trustedCertificates.commonName), asc(trustedCertificates.createdAt))

export const findTrustedCertificate = async (db: Db, id: string) =>
  (await db.select().from(trustedCertificates).where(eq(trustedCertificates.id, id)))[0]

export const deleteTrustedCertificate = async (db: Db, id: string) =>
  (await db.delete(trustedCertificates).where(eq(trustedCertificates.id, id)).returning()).length > 0

export const findTrustedCrl = async (db: Db, organizationId: string, issuer: string) =>
  (
    await db
      .select()
      .from(trustedCrls)
      .where(and(eq(trustedCrls.organizationId, organizationId), eq(trustedCrls.issuer, issuer)))
  )[0]

/** The issuer's CRL replaced by a newer one (one a issuer: the newest says everything the older said). */
export const saveTrustedCrl = async (db: Db, row: typeof trustedCrls.$inferInsert) =>
  (
    await db
      .insert(trustedCrls)
      .values(row)
      .onConflictDoUpdate({
        target: [trustedCrls.organizationId, trustedCrls.issuer],
        set: {
          thisUpdate: row.thisUpdate,
          nextUpdate: row.nextUpdate,
          revokedSerials: row.revokedSerials,
          sha256: row.sha256,
          crl: row.crl,
        },
      })
      .returning()
  )[0]!

export const listTrustedCrls = (db: Db, organizationId: string) =>
  db.select().from(trustedCrls).where(eq(trustedCrls.organizationId, organizationId))

export const insertQualifiedSignature = async (db: Db, row: typeof qualifiedSignatures.$inferInsert) =>
  (await db.insert(qualifiedSignatures).values(row).returning())[0]!
