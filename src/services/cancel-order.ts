import { z } from 'zod'
import { revokeOrderLinks } from '../db/links'
import { LIMITS } from '../domain/limits'
import { safeText } from '../domain/text'
import { parseInput } from '../domain/validation'
import { authorize, loadOrder } from './access'
import { inTransaction, type ServiceContext } from './context'
import { applyOrderEvent } from './lifecycle'

export const CancelOrderInput = z
  .object({ reason: safeText().trim().min(1, 'укажите причину отмены').max(LIMITS.request.comment) })
  .meta({ id: 'CancelOrder' })

export const cancelOrder = async (ctx: ServiceContext, orderId: string, input: unknown) => {
  const user = authorize(ctx, 'orders.cancel')
  const { reason } = parseInput(CancelOrderInput, input, 'Отмена')
  return inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now()
    const order = await loadOrder(tx, user, orderId, { lock: true })
    const { to } = await applyOrderEvent(
      tx,
      ctx,
      order,
      { type: 'CANCEL', reason },
      {
        at: now,
        action: 'cancelled',
        data: { reason },
        why: 'Отменить можно только незарегистрированный приказ',
      },
    )
    await revokeOrderLinks(tx, orderId, now)
    return { id: orderId, status: to }
  })
}
