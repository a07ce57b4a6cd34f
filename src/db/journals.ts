import { and, asc, eq, max, sql } from 'drizzle-orm'
import type { Db } from './client'
import { journalCounters, journals, registrations } from './schema'

export type JournalRow = typeof journals.$inferSelect

export const insertJournal = async (db: Db, values: typeof journals.$inferInsert) =>
  (await db.insert(journals).values(values).returning())[0]!

export const listJournals = (db: Db, organizationId?: string) =>
  db
    .select()
    .from(journals)
    .where(organizationId ? eq(journals.organizationId, organizationId) : undefined)
    .orderBy(asc(journals.createdAt))

export const findJournal = async (db: Db, id: string) =>
  (await db.select().from(journals).where(eq(journals.id, id)))[0]

/** The journal an order of this kind is registered in when none is named: the organization's first. */
export const findDefaultJournal = async (db: Db, organizationId: string, kind: string) =>
  (
    await db
      .select()
      .from(journals)
      .where(and(eq(journals.organizationId, organizationId), eq(journals.kind, kind as never)))
      .orderBy(asc(journals.createdAt))
      .limit(1)
  )[0]

/** The main registration of a number, locked so that its litera numbers are taken one at a time. */
export const lockMainRegistration = async (db: Db, journalId: string, year: number | undefined, seq: number) =>
  (
    await db
      .select()
      .from(registrations)
      .where(
        and(
          eq(registrations.journalId, journalId),
          eq(registrations.seq, seq),
          eq(registrations.litera, 0),
          year === undefined ? undefined : eq(registrations.year, year),
        ),
      )
      .orderBy(sql`${registrations.year} desc`)
      .limit(1)
      .for('update')
  )[0]

export const lastLitera = async (db: Db, journalId: string, year: number, seq: number) =>
  (
    await db
      .select({ m: max(registrations.litera) })
      .from(registrations)
      .where(and(eq(registrations.journalId, journalId), eq(registrations.year, year), eq(registrations.seq, seq)))
  )[0]?.m ?? 0

/** The last number taken in a journal's counter of a year (0 for one that never resets), if any was. */
export const lastNumberTaken = async (db: Db, journalId: string, year: number) =>
  (
    await db
      .select({ last: journalCounters.last })
      .from(journalCounters)
      .where(and(eq(journalCounters.journalId, journalId), eq(journalCounters.year, year)))
  )[0]?.last
