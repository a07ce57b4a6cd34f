import { insertOrderVersion } from '../db/orders'
import { OrderContent, searchableText } from '../domain/content'
import { parseInput } from '../domain/validation'
import { loadOrder, requireRole } from './access'
import { recordEvent } from './audit'
import { inTransaction, type ServiceContext } from './context'
import { applyOrderEvent } from './lifecycle'

/** A new version of a draft; every earlier version is kept. */
export const updateDraft = async (ctx: ServiceContext, orderId: string, input: unknown) => {
  const user = requireRole(ctx, 'clerk')
  const content = parseInput(OrderContent, input, 'Приказ')
  return inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now()
    const order = await loadOrder(tx, user, orderId, { lock: true })
    const version = order.version + 1
    const { from, to } = await applyOrderEvent(tx, order, { type: 'EDIT' }, {
      at: now,
      set: { version, kind: content.kind, title: content.title, searchText: searchableText(content) },
      why: 'Изменять можно только проект',
    })
    await insertOrderVersion(tx, { orderId, version, content, createdBy: user.id, createdAt: now })
    await recordEvent(tx, ctx, {
      organizationId: order.organizationId, orderId, action: 'edited', fromState: from, toState: to,
      data: { version }, at: now,
    })
    return { id: orderId, status: to, version }
  })
}
