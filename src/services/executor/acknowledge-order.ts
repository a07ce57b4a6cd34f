import { insertAuditEvent } from '../../db/audit'
import { findExecutorAddressee, insertAddressees, markAddressee, orderNamesExecutor } from '../../db/addressees'
import { lockOrder, updateOrder } from '../../db/orders'
import { OrderError } from '../../domain/errors'
import { isUuid } from '../access'
import { orderEvent } from '../audit'
import { inTransaction, type ServiceContext } from '../context'
import { requireExecutor } from './executor-access'

const notFound = () => new OrderError('not_found', 'Приказ не найден')

/**
 * The executor confirms the order: received («получено») and read («ознакомлен»). Once: a second confirmation
 * answers the first one's time. An executor the order neither names nor was sent to is refused.
 */
export const acknowledgeOrder = async (ctx: ServiceContext, orderId: string) => {
  const executor = await requireExecutor(ctx)
  if (!isUuid(orderId)) throw notFound()
  return inTransaction(ctx, async (tx) => {
    const order = await lockOrder(tx, orderId)
    if (!order || order.organizationId !== executor.organizationId) throw notFound()
    if (order.status !== 'registered' && order.status !== 'closed')
      throw new OrderError('lifecycle_forbids', 'Приказ ещё не зарегистрирован', { state: order.status, allowed: [] })
    let addressee = await findExecutorAddressee(tx, order.id, executor.id)
    if (!addressee) {
      if (!(await orderNamesExecutor(tx, order.id, executor.id)))
        throw new OrderError('forbidden', 'Приказ не направлялся этому исполнителю')
      ;[addressee] = await insertAddressees(tx, [
        {
          orderId: order.id,
          executorId: executor.id,
          name: executor.name,
          email: executor.email,
          createdAt: ctx.clock.now(),
        },
      ])
    }
    if (addressee!.confirmedAt) return { orderId: order.id, confirmedAt: addressee!.confirmedAt.toISOString() }
    const now = ctx.clock.now()
    await markAddressee(tx, addressee!.id, { confirmedAt: now, openedAt: addressee!.openedAt ?? now })
    const audit = orderEvent(ctx, order, {
      action: 'acknowledged',
      data: { executorId: executor.id, name: executor.name },
      at: now,
    })
    await Promise.all([insertAuditEvent(tx, audit), updateOrder(tx, order.id, { auditHash: audit.hash })])
    return { orderId: order.id, confirmedAt: now.toISOString() }
  })
}
