import type { Db } from '../db/client'
import { insertSigningLinks, type ApprovalRow } from '../db/links'
import type { ServiceContext } from './context'
import { newToken, tokenHash } from './secrets'

export type IssuedLink = {
  role: 'approver' | 'signer'
  name: string
  email: string
  step: number
  url: string
  expiresAt: string
}

export const linkExpiry = (ctx: Pick<ServiceContext, 'linkTtlDays'>, now: Date) =>
  new Date(now.getTime() + ctx.linkTtlDays * 86_400_000)

/**
 * One new link per approval, living `linkTtlDays` from now. Only the token's hash is stored: the
 * URLs returned here are the one place the tokens appear, so they go to the caller and nowhere else.
 */
export const issueSigningLinks = async (
  tx: Db,
  ctx: ServiceContext,
  orderId: string,
  approvals: Pick<ApprovalRow, 'id' | 'role' | 'name' | 'email' | 'step'>[],
  now: Date,
): Promise<IssuedLink[]> => {
  const expiresAt = linkExpiry(ctx, now)
  const tokens = approvals.map(() => newToken())
  await insertSigningLinks(
    tx,
    approvals.map((a, i) => ({
      tokenHash: tokenHash(tokens[i]!),
      orderId,
      approvalId: a.id,
      expiresAt,
      createdAt: now,
    })),
  )
  return approvals.map((a, i) => ({
    role: a.role,
    name: a.name,
    email: a.email,
    step: a.step,
    url: `${ctx.publicUrl}/links/${tokens[i]}`,
    expiresAt: expiresAt.toISOString(),
  }))
}
