import { and, asc, count, eq, gt, inArray, isNull, ne, sql } from 'drizzle-orm'
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
      // a disabled person's tokens are deleted when they are disabled; the join checks it again all the same
      .where(and(eq(apiTokens.tokenHash, tokenHash), gt(apiTokens.expiresAt, now), isNull(users.disabledAt)))
  )[0]?.user

/** A person's sessions and tokens still valid, oldest first, with the hash to tell the one in use. */
export const listUserTokens = (db: Db, userId: string, now: Date) =>
  db
    .select({
      id: apiTokens.id,
      tokenHash: apiTokens.tokenHash,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
    })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), gt(apiTokens.expiresAt, now)))
    .orderBy(asc(apiTokens.createdAt))

/** Ends one session of a person by its id; nothing when the id is another person's. */
export const deleteUserToken = async (db: Db, userId: string, id: string) =>
  (
    await db
      .delete(apiTokens)
      .where(and(eq(apiTokens.userId, userId), eq(apiTokens.id, id)))
      .returning({ id: apiTokens.id })
  ).length > 0

/** Ends every session of a person but one (the one a password was just changed in). */
export const deleteOtherTokens = (db: Db, userId: string, keepHash: string) =>
  db
    .delete(apiTokens)
    .where(and(eq(apiTokens.userId, userId), ne(apiTokens.tokenHash, keepHash)))
    .returning({ id: apiTokens.id })

export const setPasswordHash = (db: Db, id: string, passwordHash: string) =>
  db.update(users).set({ passwordHash }).where(eq(users.id, id))

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
      disabledAt: users.disabledAt,
    })
    .from(users)
    .where(organizationId ? eq(users.organizationId, organizationId) : undefined)
    .orderBy(asc(users.createdAt))

export const findUserById = async (db: Db, id: string) => (await db.select().from(users).where(eq(users.id, id)))[0]

export const findUsersByIds = (db: Db, ids: string[]) =>
  ids.length ? db.select().from(users).where(inArray(users.id, ids)) : Promise.resolve([] as UserRow[])

/** Changes a person's account; their row as it is now, locked for the rest of the transaction. */
export const updateUser = async (
  db: Db,
  id: string,
  values: Partial<Pick<typeof users.$inferInsert, 'name' | 'position' | 'role' | 'email' | 'disabledAt'>>,
) => (await db.update(users).set(values).where(eq(users.id, id)).returning())[0]

/**
 * The ids of the organization's active admins, their rows locked in one order (by id): two requests demoting two
 * admins at once queue on the same rows instead of deadlocking, and the second counts what the first left.
 */
export const lockActiveAdmins = async (db: Db, organizationId: string) =>
  (
    await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.organizationId, organizationId), eq(users.role, 'admin'), isNull(users.disabledAt)))
      .orderBy(asc(users.id))
      .for('update')
  ).map((u) => u.id)
/** СНИЛС and ИНН of a person (undefined: unchanged, null: removed). */
export const setUserIdentifiers = async (db: Db, id: string, values: { snils?: string | null; inn?: string | null }) =>
  (await db.update(users).set(values).where(eq(users.id, id)).returning())[0]

/** Every session and bearer token of a person (both are rows of api_tokens), e.g. when they are disabled. */
export const deleteUserTokens = (db: Db, userId: string) =>
  db.delete(apiTokens).where(eq(apiTokens.userId, userId)).returning({ tokenHash: apiTokens.tokenHash })
