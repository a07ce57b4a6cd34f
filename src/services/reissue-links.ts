import { awaitedApprovals, type OrderState } from '../../workflows/order.machine'
import { listApprovals, revokeApprovalLinks } from '../db/links'
import { authorize, loadOrder } from './access'
import { inTransaction, type ServiceContext } from './context'
import { applyOrderEvent, restoreOrderSnapshot } from './lifecycle'
import { issueSigningLinks, linkExpiry } from './signing-links'
import { linkLetter, queueLetters } from './mail-outbox'
import { deliverAfterCommit } from './deliver-mail'

/**
 * New links for everyone the order waits on: the undecided approvers of the current step, or the
 * signer. Their earlier links are revoked, so an expired (or leaked) link no longer strands the
 * order. The audit event names the persons and the new expiry, never a token.
 */
export const reissueLinks = async (ctx: ServiceContext, orderId: string) => {
  const user = authorize(ctx, 'orders.reissue')
  const result = await inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now()
    const order = await loadOrder(tx, user, orderId, { lock: true })
    const snapshot = restoreOrderSnapshot(order)
    const awaited = new Set(awaitedApprovals(snapshot.value as OrderState, snapshot.context))
    const persons = (await listApprovals(tx, order.id)).filter((a) => awaited.has(a.id))
    const { to } = await applyOrderEvent(
      tx,
      ctx,
      order,
      { type: 'REISSUE_LINKS' },
      {
        at: now,
        action: 'links_reissued',
        why: 'Ссылки действуют только на согласовании и подписании',
        data: {
          approvals: persons.map((p) => ({ approvalId: p.id, role: p.role, step: p.step, name: p.name })),
          expiresAt: linkExpiry(ctx, now).toISOString(),
        },
      },
    )
    if (persons.length)
      await revokeApprovalLinks(
        tx,
        persons.map((p) => p.id),
        now,
      )
    const links = await issueSigningLinks(tx, ctx, order.id, persons, now)
    // with mail on, the new links go to the people they are for, as the first ones did
    await queueLetters(tx, ctx, order.id, links.map(linkLetter))
    return { status: to, links }
  })
  deliverAfterCommit(ctx) // in the background: the answer does not wait for the SMTP server
  return result
}
