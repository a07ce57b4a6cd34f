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
    // journals made together (the demo's two) by name, so the list's order never changes between calls
    .orderBy(asc(journals.createdAt), asc(journals.name), asc(journals.id))

/**
 * The journal an order is registered in: the named one if it belongs to the organization and the
 * kind, else (none named) the organization's first journal of that kind — the one place that default is chosen.
 */
export const findRegistrationJournal = async (
  db: Db,
  organizationId: string,
  kind: JournalRow['kind'],
  journalId?: string,
): Promise<JournalRow | undefined> =>
  (
    await db
      .select()
      .from(journals)
      .where(
        and(
          eq(journals.organizationId, organizationId),
          eq(journals.kind, kind),
          journalId ? eq(journals.id, journalId) : undefined,
        ),
      )
      .orderBy(asc(journals.createdAt), asc(journals.id))
      .limit(1)
  )[0]

/**
 * The journal's next sequence number in a counter bucket: the counter row is created at `start` or
 * advanced by one, and stays locked to the end of the transaction, so numbers never skip or repeat.
 * Registration takes it as late as it can, after every check.
 */
export const takeNextSeq = async (db: Db, journalId: string, year: number, start: number): Promise<number> =>
  (
    await db
      .insert(journalCounters)
      .values({ journalId, year, last: start })
      .onConflictDoUpdate({
        target: [journalCounters.journalId, journalCounters.year],
        set: { last: sql`${journalCounters.last} + 1` },
      })
      .returning({ last: journalCounters.last })
  )[0]!.last

/** The main registration of a number, locked so that its litera numbers are taken one at a time. */
export const lockMainRegistration = async (db: Db, journalId: string, year: number | undefined, seq: number) =>
  (await mainRegistration(db, journalId, year, seq).for('update'))[0]

/** The main registration of a number, read without a lock: what a preview of a litera number reads. */
export const findMainRegistration = async (db: Db, journalId: string, year: number | undefined, seq: number) =>
  (await mainRegistration(db, journalId, year, seq))[0]

const mainRegistration = (db: Db, journalId: string, year: number | undefined, seq: number) =>
  db
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

/**
 * A number given outside the counter (an order from the archive) reserved in its bucket: the counter is created
 * at the number (or just before the journal's start, whichever is higher) or raised to it, never lowered, and
 * stays locked to the end of the transaction, so it and the registrations that take numbers queue on one row.
 */
export const reserveSeq = (db: Db, journalId: string, year: number, seq: number, start: number) =>
  db
    .insert(journalCounters)
    .values({ journalId, year, last: Math.max(seq, start - 1) })
    .onConflictDoUpdate({
      target: [journalCounters.journalId, journalCounters.year],
      set: { last: sql`greatest(${journalCounters.last}, ${seq})` },
    })

/** The order holding a number of a journal's bucket (main or litera), if any. */
export const findNumberHolder = async (db: Db, journalId: string, year: number, seq: number, litera: number) =>
  (
    await db
      .select({ orderId: registrations.orderId, number: registrations.number, date: registrations.date })
      .from(registrations)
      .where(
        and(
          eq(registrations.journalId, journalId),
          eq(registrations.year, year),
          eq(registrations.seq, seq),
          eq(registrations.litera, litera),
        ),
      )
  )[0]
