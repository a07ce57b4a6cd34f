import { and, asc, count, eq, gt, sql } from 'drizzle-orm'
import type { Db } from './client'
import { apiTokens, organizations, users } from './schema'

export type UserRow = typeof users.$inferSelect
export type OrganizationRow = typeof organizations.$inferSelect

export const countUsers = async (db: Db) => (await db.select({ n: count() }).from(users))[0]!.n

export const findUserByEmail = async (db: Db, email: string) =>
  (
    await db
      .select()
      .from(users)
      .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
  )[0]

export const insertUser = async (db: Db, values: typeof users.$inferInsert) =>
  (await db.insert(users).values(values).returning())[0]!

export const insertOrganization = async (db: Db, values: typeof organizations.$inferInsert) =>
  (await db.insert(organizations).values(values).returning())[0]!

export const listOrganizations = (db: Db) => db.select().from(organizations).orderBy(asc(organizations.createdAt))

export const findOrganization = async (db: Db, id: string) =>
  (await db.select().from(organizations).where(eq(organizations.id, id)))[0]

export const setSignVisas = async (db: Db, id: string, signVisas: boolean) =>
  (await db.update(organizations).set({ signVisas }).where(eq(organizations.id, id)).returning())[0]

export const insertToken = (db: Db, values: typeof apiTokens.$inferInsert) => db.insert(apiTokens).values(values)

export const findUserByToken = async (db: Db, tokenHash: string, now: Date) =>
  (
    await db
      .select({ user: users })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(and(eq(apiTokens.tokenHash, tokenHash), gt(apiTokens.expiresAt, now)))
  )[0]?.user

export const deleteToken = (db: Db, tokenHash: string) => db.delete(apiTokens).where(eq(apiTokens.tokenHash, tokenHash))

export const listUsers = (db: Db, organizationId?: string) =>
  db
    .select({
      id: users.id,
      organizationId: users.organizationId,
      email: users.email,
      name: users.name,
      position: users.position,
      role: users.role,
    })
    .from(users)
    .where(organizationId ? eq(users.organizationId, organizationId) : undefined)
    .orderBy(asc(users.createdAt))

export const findUserById = async (db: Db, id: string) => (await db.select().from(users).where(eq(users.id, id)))[0]
