import { insertOrder, insertOrderVersion } from '../db/orders'
import { OrderContent, searchableText } from '../domain/content'
import { OrderError } from '../domain/errors'
import { parseInput } from '../domain/validation'
import { ORDER_MACHINE_VERSION } from '../../workflows/order.machine'
import { requireRole } from './access'
import { recordEvent } from './audit'
import { inTransaction, type ServiceContext } from './context'
import { initialOrderSnapshot } from './lifecycle'

export const createOrder = async (ctx: ServiceContext, input: unknown) => {
  const user = requireRole(ctx, 'clerk')
  const content = parseInput(OrderContent, input, 'Приказ')
  if (!user.organizationId) throw new OrderError('invalid_input', 'Пользователь не относится ни к одной организации')
  return inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now()
    const snapshot = initialOrderSnapshot()
    const order = await insertOrder(tx, {
      organizationId: user.organizationId!,
      kind: content.kind,
      status: snapshot.value,
      title: content.title,
      version: 1,
      snapshot,
      machineVersion: ORDER_MACHINE_VERSION,
      searchText: searchableText(content),
      createdBy: user.id,
      createdAt: now,
      updatedAt: now,
    })
    await insertOrderVersion(tx, { orderId: order.id, version: 1, content, createdBy: user.id, createdAt: now })
    await recordEvent(tx, ctx, {
      organizationId: order.organizationId, orderId: order.id, action: 'created', toState: order.status,
      data: { version: 1, title: content.title }, at: now,
    })
    return { id: order.id, status: order.status, version: order.version }
  })
}
