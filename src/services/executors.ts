import { z } from 'zod'
import { listUnresolvedExecutors, resolveWrittenExecutor } from '../db/control-items'
import { deleteExecutor, findExecutor, insertExecutor, listExecutors, updateExecutor } from '../db/executors'
import { findUserById } from '../db/users'
import { OrderError } from '../domain/errors'
import { matchExecutor } from '../domain/executors'
import { parseInput } from '../domain/validation'
import { LIMITS } from '../domain/limits'
import { emailAddress, safeLine } from '../domain/text'
import { assertSameOrganization, authorize, isUuid, organizationScope, ownOrganization, requireUser } from './access'
import { recordEvent } from './audit'
import { inTransaction, type ServiceContext } from './context'

export const ExecutorInput = z
  .object({
    // as orders write an executor: the directory's names are matched against those
    name: safeLine().trim().min(1).max(LIMITS.order.executor),
    kind: z.enum(['person', 'unit']),
    email: emailAddress().optional(),
    organizationId: z.string().uuid().optional(),
  })
  .strict()
  .meta({ id: 'Executor' })
export const ExecutorChange = ExecutorInput.omit({ organizationId: true })
  .partial()
  // the person's account whose session opens the executor's page (issue 27); null unties it
  .extend({ userId: z.string().uuid().nullable().optional() })
  .strict()
  .meta({ id: 'ExecutorChange' })

type Row = Awaited<ReturnType<typeof insertExecutor>>
const toView = (e: Row) => ({
  id: e.id,
  organizationId: e.organizationId,
  name: e.name,
  kind: e.kind,
  email: e.email,
  userId: e.userId,
})

/** An account tied to an executor: an active person of the executor's own organization. */
const checkAccount = async (db: Parameters<typeof findUserById>[0], userId: string, organizationId: string) => {
  const account = await findUserById(db, userId)
  if (!account || account.organizationId !== organizationId)
    throw new OrderError('invalid_input', 'Учётная запись не найдена в организации исполнителя', [
      { path: 'userId', message: 'нет такой учётной записи в организации' },
    ])
  if (account.disabledAt)
    throw new OrderError('invalid_input', `Учётная запись «${account.name}» отключена`, [
      { path: 'userId', message: 'учётная запись отключена' },
    ])
}

export const findExecutors = async (ctx: ServiceContext) => {
  const user = requireUser(ctx)
  return { items: (await listExecutors(ctx.db, organizationScope(user))).map(toView) }
}

/**
 * Items written before their executor was in the directory resolve to the new entry: every
 * unresolved name of the organization that the matcher maps to it.
 */
const resolveWaiting = async (tx: Parameters<typeof resolveWrittenExecutor>[0], e: Row) => {
  const waiting = await listUnresolvedExecutors(tx, e.organizationId)
  const entry = { id: e.id, name: e.name, kind: e.kind, ...(e.email ? { email: e.email } : {}) }
  for (const w of waiting) {
    if (matchExecutor(w.written, [entry])?.id === e.id)
      await resolveWrittenExecutor(tx, e.organizationId, w.written, e.id)
  }
}

export const createExecutor = async (ctx: ServiceContext, input: unknown) => {
  authorize(ctx, 'executors.manage')
  const { organizationId: wanted, ...request } = parseInput(ExecutorInput, input, 'Исполнитель')
  const organizationId = await ownOrganization(ctx, wanted)
  return inTransaction(ctx, async (tx) => {
    const taken = (await listExecutors(tx, organizationId)).some(
      (e) => e.name.toLowerCase() === request.name.toLowerCase(),
    )
    if (taken) throw new OrderError('conflict', `Исполнитель «${request.name}» уже есть в справочнике`)
    const e = await insertExecutor(tx, { ...request, organizationId, createdAt: ctx.clock.now() })
    await resolveWaiting(tx, e)
    await recordEvent(tx, ctx, { organizationId, action: 'executor_created', data: toView(e) })
    return toView(e)
  })
}

const loadExecutor = async (ctx: ServiceContext, id: string) => {
  const user = authorize(ctx, 'executors.manage')
  const e = isUuid(id) ? await findExecutor(ctx.db, id) : undefined
  if (!e) throw new OrderError('not_found', 'Исполнитель не найден')
  assertSameOrganization(user, e.organizationId)
  return e
}

export const changeExecutor = async (ctx: ServiceContext, id: string, input: unknown) => {
  const e = await loadExecutor(ctx, id)
  const change = parseInput(ExecutorChange, input, 'Исполнитель')
  if (change.userId) await checkAccount(ctx.db, change.userId, e.organizationId)
  return inTransaction(ctx, async (tx) => {
    const updated = (await updateExecutor(tx, e.id, change))!
    await resolveWaiting(tx, updated)
    await recordEvent(tx, ctx, { organizationId: e.organizationId, action: 'executor_changed', data: toView(updated) })
    return toView(updated)
  })
}

export const removeExecutor = async (ctx: ServiceContext, id: string) => {
  const e = await loadExecutor(ctx, id)
  return inTransaction(ctx, async (tx) => {
    try {
      await tx.transaction((sp) => deleteExecutor(sp as unknown as typeof tx, e.organizationId, e.id))
    } catch {
      throw new OrderError('conflict', `Исполнитель «${e.name}» назначен в поручениях и не удаляется; измените его`)
    }
    await recordEvent(tx, ctx, { organizationId: e.organizationId, action: 'executor_removed', data: toView(e) })
    return { id: e.id, removed: true }
  })
}

/** Names written in control items that no directory entry matches: the admin's to-do list. */
export const findUnresolvedExecutors = async (ctx: ServiceContext) => {
  const user = authorize(ctx, 'executors.unresolved')
  return { items: await listUnresolvedExecutors(ctx.db, organizationScope(user)) }
}
