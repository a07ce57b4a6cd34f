import { z } from 'zod'
import { revokeOrderLinks } from '../db/links'
import { parseInput } from '../domain/validation'
import { loadOrder, requireRole } from './access'
import { recordEvent } from './audit'
import { inTransaction, type ServiceContext } from './context'
import { applyOrderEvent } from './lifecycle'

export const CancelOrderInput = z.object({ reason: z.string().trim().min(1, 'укажите причину отмены').max(5000) }).meta({ id: 'CancelOrder' })

export const cancelOrder = async (ctx: ServiceContext, orderId: string, input: unknown) => {
  const user = requireRole(ctx, 'clerk')
  const { reason } = parseInput(CancelOrderInput, input, 'Отмена')
  return inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now()
    const order = await loadOrder(tx, user, orderId, { lock: true })
    const { from, to } = await applyOrderEvent(tx, order, { type: 'CANCEL', reason }, {
      at: now,
      why: 'Отменить можно только незарегистрированный приказ',
    })
    await revokeOrderLinks(tx, orderId, now)
    await recordEvent(tx, ctx, {
      organizationId: order.organizationId, orderId, action: 'cancelled', fromState: from, toState: to,
      data: { reason }, at: now,
    })
    return { id: orderId, status: to }
  })
}
