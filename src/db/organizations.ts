import { eq } from 'drizzle-orm'
import type { Db } from './client'
import { organizationLogos, organizations } from './schema'

/** The organization's row locked for the rest of the transaction: two profile changes at once apply one after the other. */
export const lockOrganization = async (db: Db, id: string) =>
  (await db.select().from(organizations).where(eq(organizations.id, id)).for('update'))[0]

export const updateOrganization = async (
  db: Db,
  id: string,
  values: Partial<Omit<typeof organizations.$inferInsert, 'id' | 'createdAt'>>,
) => (await db.update(organizations).set(values).where(eq(organizations.id, id)).returning())[0]!

/** Stores an emblem under its hash; the same bytes stored twice are one row. */
export const insertLogo = (db: Db, values: typeof organizationLogos.$inferInsert) =>
  db.insert(organizationLogos).values(values).onConflictDoNothing()

export const findLogo = async (db: Db, sha256: string) =>
  (await db.select().from(organizationLogos).where(eq(organizationLogos.sha256, sha256)))[0]
