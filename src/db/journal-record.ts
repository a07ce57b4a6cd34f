import { and, asc, eq, gte, lte, sql } from 'drizzle-orm'
import type { JournalEntry } from '../domain/journal-record'
import type { Db } from './client'
import { approvals, journals, orders, registrations } from './schema'

/**
 * The registrations of a journal dated within [from, to] (a calendar year), with what the journal shows of
 * each order: its kind, title and state, and the person whose signature the registered file carries (the
 * signer of the last round). Read through `registrations_journal_date_idx` (migration 0020).
 */
export const listJournalEntries = (db: Db, journalId: string, from: string, to: string): Promise<JournalEntry[]> =>
  db
    .select({
      orderId: registrations.orderId,
      seq: registrations.seq,
      litera: registrations.litera,
      number: registrations.number,
      date: registrations.date,
      kind: orders.kind,
      title: orders.title,
      status: orders.status,
      signer: sql<string | null>`(select ${approvals.name} from ${approvals}
        where ${approvals.orderId} = ${registrations.orderId} and ${approvals.role} = 'signer'
          and ${approvals.decision} = 'signed'
        order by ${approvals.round} desc limit 1)`,
    })
    .from(registrations)
    .innerJoin(orders, eq(orders.id, registrations.orderId))
    .where(and(eq(registrations.journalId, journalId), gte(registrations.date, from), lte(registrations.date, to)))
    .orderBy(asc(registrations.seq), asc(registrations.litera))

/** The years a journal has registrations in, newest first: the journal page's choice of year. */
export const listJournalYears = async (db: Db, journalId: string) =>
  (
    await db
      .selectDistinct({ year: sql<number>`extract(year from ${registrations.date})::int` })
      .from(registrations)
      .where(eq(registrations.journalId, journalId))
      .orderBy(sql`1 desc`)
  ).map((r) => Number(r.year))

export const findJournal = async (db: Db, id: string) =>
  (await db.select().from(journals).where(eq(journals.id, id)))[0]
