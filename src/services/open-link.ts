import { listApprovals } from '../db/links'
import { findOrder } from '../db/orders'
import type { ServiceContext } from './context'
import { requireLiveLink } from './decide-by-link'
import { proveLinkPerson } from './link-person'
import { isTurnOf, restoreOrderSnapshot, stateNames } from './lifecycle'
import { orderDocument, viewOfOrder, withContent } from './order-documents'
import { orderFileName } from '../domain/file-names'
import { pinnedFile, roundOf } from './signatures'
import { OrderError } from '../domain/errors'

/**
 * What the person behind a link sees: the order as it will be printed, and whether it is their turn. Uses nothing
 * up. Only for that person (signed in as the account, or, mail on, about to confirm with the code sent to them):
 * anyone else is refused as the decision would be (401 / 403), and sees nothing of the order.
 */
export const openLink = async (deps: ServiceContext, token: string) => {
  const { link, approval } = await requireLiveLink(deps.db, token, deps.clock.now())
  const proof = await proveLinkPerson(deps.db, deps, approval, { byCode: true })
  const loaded = await withContent(deps.db, (await findOrder(deps.db, link.orderId))!)
  const snapshot = restoreOrderSnapshot(loaded.order)
  const yourTurn = isTurnOf(loaded.order, approval)
  // the visas of this round so far (who, when, with what comment): what the signer reads before signing
  const round = snapshot.context.round
  const visas = (await listApprovals(deps.db, link.orderId))
    .filter((a) => a.round === round && a.role === 'approver')
    .map((a) => ({
      name: a.name,
      position: a.position,
      step: a.step,
      decision: a.decision,
      comment: a.comment,
      decidedAt: a.decidedAt?.toISOString() ?? null,
    }))
  return {
    view: viewOfOrder(loaded),
    status: stateNames[loaded.order.status],
    visas,
    person: { name: approval.name, position: approval.position, role: approval.role },
    yourTurn,
    expiresAt: link.expiresAt.toISOString(),
    // with mail on, the decision is confirmed by a one-time code; without, the link alone signs
    codeRequired: !!deps.mailer,
    // a page opened without signing in (mail on, the code path) offers the sign-in too
    signedIn: proof.by === 'session',
    boundToAccount: proof.by !== 'link',
  }
}

/** The PDF the link's person reads before deciding: for them only, as the page. */
export const renderLinkDocument = async (
  deps: ServiceContext,
  token: string,
  { known = [] }: { known?: string[] } = {},
) => {
  const { link, approval } = await requireLiveLink(deps.db, token, deps.clock.now())
  await proveLinkPerson(deps.db, deps, approval, { byCode: true })
  return orderDocument(deps, (await findOrder(deps.db, link.orderId))!, 'pdf', known)
}

/**
 * The exact bytes pinned for the link's decision (the file a qualified signature must cover: its SHA-256 is the
 * order's pin), for the link's own person. Before anything is pinned, 409.
 */
export const pinnedLinkDocument = async (deps: ServiceContext, token: string) => {
  const { link, approval } = await requireLiveLink(deps.db, token, deps.clock.now())
  await proveLinkPerson(deps.db, deps, approval, { byCode: true })
  const order = (await findOrder(deps.db, link.orderId))!
  if (!order.documentSha256) throw new OrderError('conflict', 'Файл для подписания ещё не подготовлен')
  const file = await pinnedFile(deps.db, order, roundOf(order))
  return {
    bytes: file.bytes,
    sha256: file.sha256,
    fileName: orderFileName(order, 'rendering', 'pdf').replace(/\.pdf$/, ' (к подписанию).pdf'),
    contentType: 'application/pdf',
  }
}
