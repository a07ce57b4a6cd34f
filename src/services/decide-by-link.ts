import { z } from 'zod'
import {
  findLinkByHash,
  listApprovals,
  markLinkUsed,
  recordDecision,
  revokeApprovalLinks,
  revokeOrderLinks,
  type ApprovalRow,
} from '../db/links'
import { lockOrder } from '../db/orders'
import type { Db } from '../db/client'
import { OrderError } from '../domain/errors'
import { LIMITS } from '../domain/limits'
import { CODE_DIGITS, CODE_PATTERN, isLocked } from '../domain/one-time-code'
import { safeLine, safeText } from '../domain/text'
import { parseInput } from '../domain/validation'
import { awaitedApprovals, type OrderEvent, type OrderState } from '../../workflows/order.machine'
import { deliverAfterCommit } from './deliver-mail'
import { inTransaction, type ServiceContext } from './context'
import { applyOrderEvent, restoreOrderSnapshot } from './lifecycle'
import { decisionLetter, linkLetter, queueLetters } from './mail-outbox'
import { issueSigningLinks } from './signing-links'
import { tokenHash } from './secrets'
import { checkLinkCode, lockedLink } from './link-codes'
import { type LinkProof, proveLinkPerson } from './link-person'
import { acceptQualifiedSignature, keepQualifiedSignature } from './qualified-signature'
import { signByDecision } from './signatures'
import { visasSigned } from './signing-settings'

/** the one-time code from the letter, required with mail on (see link-codes.ts) */
const Code = safeLine().trim().regex(CODE_PATTERN, `${CODE_DIGITS} цифр из письма`).optional()
export const LinkDecisionInput = z
  .object({ comment: safeText().trim().max(LIMITS.request.comment).optional(), code: Code })
  .meta({ id: 'LinkDecision' })
export const SignInput = z.object({ code: Code }).meta({ id: 'SignDecision' })
export const ReturnInput = z
  .object({ comment: safeText().trim().min(1, 'укажите, что исправить').max(LIMITS.request.comment), code: Code })
  .meta({ id: 'ReturnForRevision' })

type Decision = 'approve' | 'return' | 'sign'

const awaitedOf = (s: { value: unknown; context: Parameters<typeof awaitedApprovals>[1] }) =>
  awaitedApprovals(s.value as OrderState, s.context)

/**
 * The live link of a token, or the refusal: unknown is 404; used, revoked and expired are 410. With `lock`,
 * the link is read under its row lock, so the answer holds until the transaction ends.
 */
export const requireLiveLink = async (db: Db, token: string, now: Date, { lock = false }: { lock?: boolean } = {}) => {
  const found = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await findLinkByHash(db, tokenHash(token), { lock }) : undefined
  if (!found) throw new OrderError('not_found', 'Ссылка не найдена: проверьте адрес')
  const { link } = found
  if (link.revokedAt)
    throw new OrderError('link_gone', 'Ссылка отозвана: приказ возвращён на доработку, отменён или его маршрут изменён')
  if (link.usedAt) throw new OrderError('link_gone', 'Ссылка уже использована: решение по ней принято')
  if (link.expiresAt <= now)
    throw new OrderError('link_gone', `Срок действия ссылки истёк ${link.expiresAt.toISOString().slice(0, 10)}`)
  if (isLocked(link.codeFailures)) throw lockedLink()
  return found
}

const notYourTurn = (approval: ApprovalRow, decision: Decision) => {
  if (approval.role === 'signer')
    return decision === 'return'
      ? 'Вернуть приказ можно, когда он дойдёт до подписания'
      : 'Подписание станет доступно после согласования всеми согласующими'
  return decision === 'approve' || decision === 'return'
    ? 'Согласование этого этапа ещё не началось или уже завершено'
    : undefined
}

/** The name, position and e-mail a signature carries: the account's as it is now, for a route of accounts. */
const signedAs = (approval: ApprovalRow, proof: LinkProof): ApprovalRow =>
  proof.account
    ? {
        ...approval,
        name: proof.account.name,
        email: proof.account.email,
        position: proof.account.position?.trim() || approval.position,
      }
    : approval

const decideByLink = async (
  ctx: ServiceContext,
  token: string,
  decision: Decision,
  comment?: string,
  code?: string,
  /** the signer's detached qualified signature (КЭП) of the pinned file, in place of the built-in one */
  qualifiedBody?: Uint8Array,
) => {
  const result = await inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now()
    const { link: seen, approval } = await requireLiveLink(tx, token, now)
    // only the link's person decides: signed in as that account, or (mail on) with the code sent to its e-mail;
    // a visa or a signature with mail on always needs the code, a return only when nobody is signed in
    const proof = await proveLinkPerson(tx, ctx, approval, { byCode: decision !== 'return' || code !== undefined })
    // an approver approves or returns; the signer signs or returns (DESIGN: the director may return too)
    const allowed = decision === 'sign' ? ['signer'] : decision === 'approve' ? ['approver'] : ['approver', 'signer']
    if (!allowed.includes(approval.role)) {
      throw new OrderError(
        'wrong_link',
        approval.role === 'signer' ? 'Эта ссылка только для подписания' : 'Эта ссылка только для согласования',
      )
    }
    // Every writer of a link holds its order's lock first (decisions, returns, cancellation,
    // re-issue). Behind that lock the link is read again, locked: a second use racing this one
    // waits here and then finds the link used (410), not an order that moved on (409).
    const order = (await lockOrder(tx, seen.orderId))!
    const { link } = await requireLiveLink(tx, token, now, { lock: true })
    // with mail on, a visa or a signature needs the code sent to this person for this very file, and so does any
    // decision made by the link without a session (a return too: it revokes every link); a wrong code commits
    // only its count (returned, not thrown) and is refused below
    // (a КЭП proves the person by itself: it needs their session, not a code)
    if (ctx.mailer && !qualifiedBody && (decision !== 'return' || proof.by === 'code')) {
      const checked = await checkLinkCode(tx, link, order.documentSha256 ?? '', code, now)
      if (!checked.ok) return { refused: checked.error }
    }
    // a КЭП is checked against the file pinned before this decision: a refusal writes nothing
    const qualified = qualifiedBody
      ? await acceptQualifiedSignature(tx, ctx, order, proof.account, qualifiedBody)
      : undefined
    const event: OrderEvent =
      decision === 'approve'
        ? { type: 'APPROVE', approval: approval.id }
        : decision === 'return'
          ? { type: 'RETURN', approval: approval.id, comment: comment ?? '' }
          : { type: 'SIGN', approval: approval.id }
    const linkCtx: ServiceContext = { ...ctx, actor: { type: 'link', id: approval.id, name: approval.name } }
    const awaitedBefore = new Set(awaitedOf(restoreOrderSnapshot(order)))
    // whether this organization puts visas on the file: read alongside the event's writes (one round trip)
    const signsVisa = decision === 'approve' ? visasSigned(tx, order.organizationId) : Promise.resolve(false)
    signsVisa.catch(() => {}) // awaited below, after the event: its failure must not go unhandled meanwhile
    const { to, snapshot } = await applyOrderEvent(tx, linkCtx, order, event, {
      at: now,
      set: decision === 'sign' ? { signedAt: now } : {},
      why: notYourTurn(approval, decision),
      action: decision === 'approve' ? 'approved' : decision === 'return' ? 'returned' : 'signed',
      data: {
        approvalId: approval.id,
        userId: approval.userId,
        // how the person proved who they are: their session, the code sent to them, or (a typed route) the link
        provedBy: proof.by,
        step: approval.step,
        position: approval.position,
        comment: comment ?? null,
        version: order.version,
        ...(qualified
          ? { qualified: { serialNumber: qualified.facts.serialNumber, issuer: qualified.facts.issuer } }
          : {}),
      },
    })
    // the visa or the signature itself, over the pinned file: any difference refuses the decision (409)
    // (an organization may keep visas as recorded approvals only: read at each approval, the signature always signs)
    if (decision !== 'return' && (decision === 'sign' || (await signsVisa)))
      await signByDecision(tx, ctx, order, signedAs(approval, proof), decision, qualified?.facts)
    if (qualified) await keepQualifiedSignature(tx, order.id, approval.id, qualified)
    const outcome = decision === 'approve' ? 'approved' : decision === 'return' ? 'returned' : 'signed'
    await Promise.all([recordDecision(tx, approval.id, outcome, comment ?? null, now), markLinkUsed(tx, link.id, now)])
    if (decision === 'return') await revokeOrderLinks(tx, order.id, now)
    if (ctx.mailer) {
      // whose turn this decision opened (the next step's approvers, or the signer after the last visa): fresh
      // links for them now, mailed; the ones issued at submission (never mailed, maybe copied) are revoked
      const opened = new Set(awaitedOf(snapshot).filter((id) => !awaitedBefore.has(id)))
      const next = (await listApprovals(tx, order.id)).filter((a) => opened.has(a.id))
      if (next.length) await revokeApprovalLinks(tx, [...opened], now)
      const links = next.length ? await issueSigningLinks(tx, ctx, order.id, next, now) : []
      await queueLetters(tx, ctx, order.id, [
        ...links.map(linkLetter),
        ...(await decisionLetter(tx, order, outcome, approval, comment ?? null)),
      ])
    }
    return { status: to }
  })
  if ('refused' in result) throw result.refused
  deliverAfterCommit(ctx) // in the background: the answer does not wait for the SMTP server
  return result
}

export const approveByLink = (ctx: ServiceContext, token: string, input: unknown) => {
  const { comment, code } = parseInput(LinkDecisionInput, input ?? {})
  return decideByLink(ctx, token, 'approve', comment, code)
}

export const returnByLink = (ctx: ServiceContext, token: string, input: unknown) => {
  const { comment, code } = parseInput(ReturnInput, input ?? {}, 'Возврат на доработку')
  return decideByLink(ctx, token, 'return', comment, code)
}

export const signByLink = (ctx: ServiceContext, token: string, input: unknown) =>
  decideByLink(ctx, token, 'sign', undefined, parseInput(SignInput, input ?? {}).code)

/**
 * The director signs with their qualified signature: the detached CAdES `.sig` of the pinned file as the body
 * (DER or Base64). Verified, time-stamped and kept; the step then proceeds as a built-in signature.
 */
export const signQualifiedByLink = (ctx: ServiceContext, token: string, body: Uint8Array) =>
  decideByLink(ctx, token, 'sign', undefined, undefined, body)
