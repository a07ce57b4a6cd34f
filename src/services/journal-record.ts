import { z } from 'zod'
import { findJournal, listJournalEntries, listJournalYears } from '../db/journal-record'
import { calendarDate } from '../domain/dates'
import { OrderError } from '../domain/errors'
import { journalRecord } from '../domain/journal-record'
import { parseInput } from '../domain/validation'
import { journalPdf, journalXlsx } from '../documents/journal-files'
import { assertSameOrganization, isUuid, requireUser } from './access'
import type { ServiceContext } from './context'

export const JournalRecordQuery = z
  .object({
    year: z.coerce.number().int().min(1900).max(2199).optional(),
    format: z.enum(['json', 'xlsx', 'pdf']).default('json'),
  })
  .strict()

const files = {
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', render: journalXlsx },
  pdf: { type: 'application/pdf', render: journalPdf },
} as const

/**
 * The registration journal of a year (this year unless named), for anyone of the journal's organization: every
 * number with its date, kind, title, signer and state, litera numbers in their place, the year's closing line;
 * as JSON or as an XLSX or PDF file. `years` lists the years the journal has registrations in.
 */
export const getJournalRecord = async (ctx: ServiceContext, journalId: string, query: unknown) => {
  const user = requireUser(ctx)
  const q = parseInput(JournalRecordQuery, query ?? {}, 'Параметры журнала')
  const journal = isUuid(journalId) ? await findJournal(ctx.db, journalId) : undefined
  if (!journal) throw new OrderError('not_found', 'Журнал регистрации не найден')
  assertSameOrganization(user, journal.organizationId)
  const year = q.year ?? Number(calendarDate(ctx.clock.now()).slice(0, 4))
  const [entries, years] = await Promise.all([
    listJournalEntries(ctx.db, journal.id, `${year}-01-01`, `${year}-12-31`),
    listJournalYears(ctx.db, journal.id),
  ])
  const record = journalRecord({ id: journal.id, name: journal.name, kind: journal.kind }, year, entries)
  if (q.format === 'json') return { format: 'json' as const, record, years }
  const file = files[q.format]
  return {
    format: q.format,
    record,
    years,
    contentType: file.type,
    fileName: `Журнал регистрации «${journal.name}» за ${year} год.${q.format}`,
    bytes: await file.render(record),
  }
}
