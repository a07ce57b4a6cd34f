import { z } from 'zod'
import { insertApprovals } from '../db/links'
import type { Db } from '../db/client'
import type { OrderRow } from '../db/orders'
import { LIMITS } from '../domain/limits'
import type { ServiceContext } from './context'
import { applyOrderEvent, restoreOrderSnapshot } from './lifecycle'
import { linkLetter, queueLetters } from './mail-outbox'
import { PersonRef, routePeople } from './people'
import { keepRoute } from './route-suggestion'
import { prepareSigningFile } from './signatures'
import { issueSigningLinks } from './signing-links'

/** Approvers and the signer are accounts of the organization, named by id (people.ts). */
export const RouteInput = z
  .union([
    z
      .object({
        approvers: z.array(PersonRef).max(LIMITS.route.approvers),
        sequential: z.boolean().default(false),
        signer: PersonRef,
      })
      .strict(),
    z
      .object({
        steps: z
          .array(z.array(PersonRef).min(1).max(LIMITS.route.approvers))
          .max(LIMITS.route.steps)
          .refine(
            (steps) => steps.flat().length <= LIMITS.route.approvers,
            `не больше ${LIMITS.route.approvers} согласующих во всех шагах вместе`,
          ),
        signer: PersonRef,
      })
      .strict(),
  ])
  .meta({ id: 'SubmitOrder' })
export type RouteInput = z.infer<typeof RouteInput>

/** Either form of the request as steps: sequential approvers are one per step, parallel ones one step. */
export const toSteps = (input: RouteInput) => {
  if ('steps' in input) return input.steps
  if (input.approvers.length === 0) return []
  return input.sequential ? input.approvers.map((a) => [a]) : [input.approvers]
}

type RoundEvent = { type: 'SUBMIT' | 'CHANGE_ROUTE'; action: string; why: string; data?: Record<string, unknown> }

/**
 * A new round of the route, as submission and a route change start it: the people as their accounts say now
 * (never from the request), an approval row per person, the machine stepped, the file every visa and the
 * signature go on rendered with the route's fields and signer and pinned, a link per person, and the first
 * step's letters queued. The caller holds the order's row lock.
 */
export const startRouteRound = async (
  tx: Db,
  ctx: ServiceContext,
  order: OrderRow,
  request: RouteInput,
  { type, action, why, data = {} }: RoundEvent,
) => {
  const now = ctx.clock.now()
  const { steps, signer: signerPerson } = await routePeople(
    tx,
    order.organizationId,
    toSteps(request),
    request.signer,
    {
      form: 'steps' in request ? 'steps' : 'approvers',
    },
  )
  const round = restoreOrderSnapshot(order).context.round + 1
  const rows = await insertApprovals(tx, [
    ...steps.flatMap((people, step) =>
      people.map((p) => ({ ...p, orderId: order.id, round, step, role: 'approver' as const })),
    ),
    { ...signerPerson, orderId: order.id, round, step: steps.length, role: 'signer' as const },
  ])
  const approverIds = steps.map((_, step) =>
    rows.filter((r) => r.role === 'approver' && r.step === step).map((r) => r.id),
  )
  const signer = rows.find((r) => r.role === 'signer')!
  const { to } = await applyOrderEvent(
    tx,
    ctx,
    order,
    { type, steps: approverIds, signer: signer.id },
    {
      at: now,
      action,
      why,
      data: {
        ...data,
        round,
        version: order.version,
        steps: steps.map((s) => s.map((p) => p.name)),
        signer: signerPerson.name,
        people: rows.map((r) => ({ approvalId: r.id, userId: r.userId, role: r.role, step: r.step })),
      },
    },
  )
  // the file every visa and the signature will go on, its hash pinned from now on
  // the route the next order of this kind is offered (the clerk types it once per organization and kind)
  await keepRoute(tx, ctx, order, steps, signerPerson)
  await prepareSigningFile(tx, ctx, order, round, rows.length - 1, signerPerson)
  const links = await issueSigningLinks(tx, ctx, order.id, rows, now)
  // with mail on, only the first step's people (the signer, when nobody approves) get their letter now:
  // the others get fresh links when their turn comes (decide-by-link.ts)
  await queueLetters(tx, ctx, order.id, links.filter((l) => l.step === 0).map(linkLetter))
  return { status: to, links }
}
