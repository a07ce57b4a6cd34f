import { z } from 'zod'
import { insertJournal, listJournals } from '../db/journals'
import { findOrganization } from '../db/users'
import { OrderKind } from '../domain/content'
import { OrderError } from '../domain/errors'
import { checkJournalPattern } from '../domain/journal-pattern'
import { LIMITS } from '../domain/limits'
import { safeText } from '../domain/text'
import { parseInput } from '../domain/validation'
import { assertSameOrganization, organizationScope, requireRole, requireUser } from './access'
import { recordEvent } from './audit'
import { inTransaction, type ServiceContext } from './context'

export const CreateJournalInput = z
  .object({
    name: safeText().trim().min(1).max(LIMITS.request.name),
    kind: OrderKind,
    pattern: safeText().trim().min(1).max(100),
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
  const user = requireRole(ctx, 'admin')
  const request = parseInput(CreateJournalInput, input, 'Журнал')
  const problems = checkJournalPattern(request.pattern)
  if (problems.length) throw new OrderError('invalid_input', 'Неверный шаблон номера', problems)
  const organizationId = request.organizationId ?? user.organizationId
  if (organizationId) assertSameOrganization(user, organizationId)
  if (!organizationId)
    throw new OrderError('invalid_input', 'Укажите организацию журнала', [
      { path: 'organizationId', message: 'обязательно' },
    ])
  return inTransaction(ctx, async (tx) => {
    if (!(await findOrganization(tx, organizationId)))
      throw new OrderError('not_found', `Организация ${organizationId} не найдена`)
    const journal = await insertJournal(tx, { ...request, organizationId, createdAt: ctx.clock.now() })
    await recordEvent(tx, ctx, { organizationId, action: 'journal_created', data: toView(journal) })
    return toView(journal)
  })
}

export const findJournals = async (ctx: ServiceContext) => {
  const user = requireUser(ctx)
  return { items: (await listJournals(ctx.db, organizationScope(user))).map(toView) }
}
