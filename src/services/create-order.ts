import { insertOrder, insertOrderVersion, saveSearchText } from '../db/orders'
import { searchableText } from '../domain/content'
import { parseDraft } from '../domain/draft'
import { OrderError } from '../domain/errors'
import { ORDER_MACHINE_VERSION } from '../../workflows/order.machine'
import { authorize } from './access'
import { orderEvent } from './audit'
import { GENESIS, insertAuditEvent } from '../db/audit'
import { randomUUID } from 'node:crypto'
import { inTransaction, type ServiceContext } from './context'
import { assertTemplateUsable } from './templates'
import { initialOrderSnapshot } from './lifecycle'
import { currentLetterhead } from './letterhead'

export const createOrder = async (ctx: ServiceContext, input: unknown) => {
  const user = authorize(ctx, 'orders.draft')
  const content = parseDraft(input)
  if (!user.organizationId) throw new OrderError('invalid_input', 'Пользователь не относится ни к одной организации')
  return inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now()
    const snapshot = initialOrderSnapshot()
    const id = randomUUID()
    const organizationId = user.organizationId!
    const [letterhead] = await Promise.all([
      currentLetterhead(tx, organizationId, content.kind),
      assertTemplateUsable(tx, content, organizationId),
    ])
    const created = orderEvent(
      ctx,
      { id, organizationId, auditHash: GENESIS },
      {
        action: 'created',
        toState: snapshot.value,
        data: { version: 1, title: content.title },
        at: now,
      },
    )
    const order = await insertOrder(tx, {
      id,
      organizationId,
      auditHash: created.hash,
      kind: content.kind,
      title: content.title,
      version: 1,
      snapshot,
      machineVersion: ORDER_MACHINE_VERSION,
      createdBy: user.id,
      createdAt: now,
      updatedAt: now,
    })
    await Promise.all([
      insertOrderVersion(tx, { orderId: id, version: 1, content, letterhead, createdBy: user.id, createdAt: now }),
      insertAuditEvent(tx, created),
      saveSearchText(tx, { id, organizationId }, searchableText(content)),
    ])
    return { id: order.id, status: order.status, version: order.version }
  })
}
