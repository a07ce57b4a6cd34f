import type { Db } from '../../db/client'
import type { ControlItemRow } from '../../db/control-items'
import { findExecutor, type ExecutorRow } from '../../db/executors'
import { findExecutorOfUser } from '../../db/executor-links'
import { OrderError } from '../../domain/errors'
import type { ServiceContext } from '../context'
import type { ControlActor } from '../control-decision'

/**
 * The directory executor a request acts for: the personal link's (checked by the middleware), or the one tied to
 * the signed-in person's account (`PATCH /api/executors/:id {userId}`). Anyone else is refused.
 */
export const requireExecutor = async (ctx: ServiceContext, db: Db = ctx.db): Promise<ExecutorRow> => {
  const actor = ctx.actor
  if (actor.type === 'executor') {
    const executor = await findExecutor(db, actor.id)
    if (executor) return executor
  }
  if (actor.type === 'user') {
    const executor = await findExecutorOfUser(db, actor.id)
    if (executor && executor.organizationId === actor.organizationId) return executor
    throw new OrderError('forbidden', 'Ваша учётная запись не связана с исполнителем из справочника организации')
  }
  throw new OrderError('unauthenticated', 'Откройте страницу по личной ссылке исполнителя или войдите в систему')
}

/** How the executor is named in an item: responsible (reports for it) or co-executor (contributes), or not at all. */
export const executorRole = (item: ControlItemRow, executorId: string): 'responsible' | 'co_executor' | null => {
  if (item.responsibleId === executorId) return 'responsible'
  if (item.coExecutors.some((e) => e.executorId === executorId)) return 'co_executor'
  return null
}

/** The executor as one who acts on control items: only on their own organization's items that name them. */
export const executorControlActor = (executor: ExecutorRow, ctx: ServiceContext): ControlActor => ({
  userId: ctx.actor.type === 'user' ? ctx.actor.id : null,
  executorId: executor.id,
  name: executor.name,
  mayAct: async (_tx, item) => {
    // another organization's item is answered as unknown: its existence is not the executor's to learn
    if (item.organizationId !== executor.organizationId)
      throw new OrderError('not_found', 'Контрольное поручение не найдено')
    if (!executorRole(item, executor.id))
      throw new OrderError('forbidden', `Поручение «${item.sourceLabel}» назначено другому исполнителю`)
  },
})
