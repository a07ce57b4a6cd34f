import { findOrder } from '../db/orders'
import type { ServiceDeps } from './context'
import { findLiveLink } from './decide-by-link'
import { restoreOrderSnapshot } from './lifecycle'
import { orderDocument, viewOfOrder, withContent } from './order-documents'

/** What the person behind a link sees: the order as it will be printed, and whether it is their turn. Uses nothing up. */
export const openLink = async (deps: ServiceDeps, token: string) => {
  const { link, approval } = await findLiveLink(deps.db, token, deps.clock.now())
  const loaded = await withContent(deps.db, (await findOrder(deps.db, link.orderId))!)
  const snapshot = restoreOrderSnapshot(loaded.order)
  const yourTurn = snapshot.can(
    approval.role === 'signer' ? { type: 'SIGN', approval: approval.id } : { type: 'APPROVE', approval: approval.id },
  )
  return {
    view: viewOfOrder(loaded),
    status: loaded.order.status,
    person: { name: approval.name, position: approval.position, role: approval.role },
    yourTurn,
    expiresAt: link.expiresAt.toISOString(),
    // with mail on, the decision is confirmed by a one-time code; without, the link alone signs
    codeRequired: !!deps.mailer,
  }
}

/** The PDF a link holder reads before deciding: the link is the credential, as for the decision. */
export const renderLinkDocument = async (
  deps: ServiceDeps,
  token: string,
  { known = [] }: { known?: string[] } = {},
) => {
  const { link } = await findLiveLink(deps.db, token, deps.clock.now())
  return orderDocument(deps, (await findOrder(deps.db, link.orderId))!, 'pdf', known)
}
