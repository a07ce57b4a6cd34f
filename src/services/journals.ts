import { z } from 'zod'
import { insertJournal, lastNumberTaken, listJournals } from '../db/journals'
import { OrderKind } from '../domain/content'
import { OrderError } from '../domain/errors'
import { calendarDate } from '../domain/dates'
import { checkJournalPattern, counterYear, formatRegistrationNumber } from '../domain/journal-pattern'
import { LIMITS } from '../domain/limits'
import { safeLine } from '../domain/text'
import { parseInput } from '../domain/validation'
import { authorize, organizationScope, ownOrganization, requireUser } from './access'
import { recordEvent } from './audit'
import { inTransaction, type ServiceContext } from './context'

export const CreateJournalInput = z
  .object({
    name: safeLine().trim().min(1).max(LIMITS.request.name),
    kind: OrderKind,
    pattern: safeLine().trim().min(1).max(100),
    start: z.number().int().min(1).max(1_000_000).default(1),
    reset: z.enum(['yearly', 'never']),
    organizationId: z.string().uuid().optional(),
  })
  .strict()
  .meta({ id: 'CreateJournal' })

const toView = (j: Awaited<ReturnType<typeof insertJournal>>) => ({
  id: j.id,
  organizationId: j.organizationId,
  name: j.name,
  kind: j.kind,
  pattern: j.pattern,
  start: j.start,
  reset: j.reset,
})

export const createJournal = async (ctx: ServiceContext, input: unknown) => {
  authorize(ctx, 'journals.manage')
  const request = parseInput(CreateJournalInput, input, 'Журнал')
  const problems = checkJournalPattern(request.pattern)
  if (problems.length) throw new OrderError('invalid_input', 'Неверный шаблон номера', problems)
  const organizationId = await ownOrganization(ctx, request.organizationId)
  return inTransaction(ctx, async (tx) => {
    const journal = await insertJournal(tx, { ...request, organizationId, createdAt: ctx.clock.now() })
    await recordEvent(tx, ctx, { organizationId, action: 'journal_created', data: toView(journal) })
    return toView(journal)
  })
}

/** Journals with the number the next registration of today would take. */
export const findJournals = async (ctx: ServiceContext) => {
  const user = requireUser(ctx)
  const today = calendarDate(ctx.clock.now())
  const year = Number(today.slice(0, 4))
  const rows = await listJournals(ctx.db, organizationScope(user))
  return {
    items: await Promise.all(
      rows.map(async (j) => {
        const last = await lastNumberTaken(ctx.db, j.id, counterYear(j.reset, today))
        return {
          ...toView(j),
          nextNumber: formatRegistrationNumber(j.pattern, last === undefined ? j.start : last + 1, year),
        }
      }),
    ),
  }
}
