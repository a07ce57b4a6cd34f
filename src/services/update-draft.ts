import { insertOrderVersion, saveSearchText } from '../db/orders'
import { searchableText } from '../domain/content'
import { parseDraft } from '../domain/draft'
import { authorize, loadOrder } from './access'
import { inTransaction, type ServiceContext } from './context'
import { assertTemplateUsable } from './templates'
import { applyOrderEvent } from './lifecycle'
import { currentLetterhead } from './letterhead'

/** A new version of a draft; every earlier version is kept. */
export const updateDraft = async (ctx: ServiceContext, orderId: string, input: unknown) => {
  const user = authorize(ctx, 'orders.draft')
  const content = parseDraft(input)
  return inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now()
    const order = await loadOrder(tx, user, orderId, { lock: true })
    const [letterhead] = await Promise.all([
      currentLetterhead(tx, order.organizationId, content.kind),
      assertTemplateUsable(tx, content, order.organizationId),
    ])
    const version = order.version + 1
    const { to } = await applyOrderEvent(
      tx,
      ctx,
      order,
      { type: 'EDIT' },
      {
        at: now,
        action: 'edited',
        data: { version },
        why: 'Изменять можно только проект',
        set: { version, kind: content.kind, title: content.title },
      },
    )
    await Promise.all([
      insertOrderVersion(tx, { orderId, version, content, letterhead, createdBy: user.id, createdAt: now }),
      saveSearchText(tx, order, searchableText(content)),
    ])
    return { id: orderId, status: to, version }
  })
}
