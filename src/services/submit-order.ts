import { z } from 'zod'
import { insertApprovals } from '../db/links'
import { findOrderContent } from '../db/orders'
import { assertComplete } from '../domain/draft'
import { parseInput } from '../domain/validation'
import { LIMITS } from '../domain/limits'
import { loadOrder, requireRole } from './access'
import { inTransaction, type ServiceContext } from './context'
import { applyOrderEvent, restoreOrderSnapshot } from './lifecycle'
import { issueSigningLinks } from './signing-links'
import { linkLetter, queueLetters } from './mail-outbox'
import { deliverAfterCommit } from './deliver-mail'
import { prepareSigningFile } from './signatures'
import { PersonRef, routePeople } from './people'
import { keepRoute } from './route-suggestion'

/** Approvers and the signer are accounts of the organization, named by id (people.ts). */
export const SubmitOrderInput = z
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
export type SubmitOrderInput = z.input<typeof SubmitOrderInput>

/** Either form of the request as steps: sequential approvers are one per step, parallel ones one step. */
export const toSteps = (input: z.infer<typeof SubmitOrderInput>) => {
  if ('steps' in input) return input.steps
  if (input.approvers.length === 0) return []
  return input.sequential ? input.approvers.map((a) => [a]) : [input.approvers]
}

/** Sends a draft for approval (or straight to signature when nobody approves) and issues one link per person. */
export const submitOrder = async (ctx: ServiceContext, orderId: string, input: unknown) => {
  const user = requireRole(ctx, 'clerk')
  const request = parseInput(SubmitOrderInput, input, 'Маршрут согласования')
  const result = await inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now()
    const order = await loadOrder(tx, user, orderId, { lock: true })
    // a draft is saved unfinished; what it lacks is told here, every problem by its place (422)
    if (order.status === 'draft') assertComplete(await findOrderContent(tx, order.id, order.version))
    // the people as their accounts say now: names, positions and e-mails are never taken from the request
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
        people.map((p) => ({ ...p, orderId, round, step, role: 'approver' as const })),
      ),
      { ...signerPerson, orderId, round, step: steps.length, role: 'signer' as const },
    ])
    const approverIds = steps.map((_, step) =>
      rows.filter((r) => r.role === 'approver' && r.step === step).map((r) => r.id),
    )
    const signer = rows.find((r) => r.role === 'signer')!
    const { to } = await applyOrderEvent(
      tx,
      ctx,
      order,
      { type: 'SUBMIT', steps: approverIds, signer: signer.id },
      {
        at: now,
        action: 'submitted',
        why: 'Отправить можно только проект',
        data: {
          round,
          version: order.version,
          steps: steps.map((s) => s.map((p) => p.name)),
          signer: signerPerson.name,
          people: rows.map((r) => ({ approvalId: r.id, userId: r.userId, role: r.role, step: r.step })),
        },
      },
    )
    // the route the next order of this kind is offered (the clerk types it once per organization and kind)
    await keepRoute(tx, ctx, order, steps, signerPerson)
    // the file every visa and the signature will go on, its hash pinned from now on
    await prepareSigningFile(tx, ctx, order, round, rows.length - 1, signerPerson)
    const links = await issueSigningLinks(tx, ctx, orderId, rows, now)
    // with mail on, only the first step's people (the signer, when nobody approves) get their letter now:
    // the others get fresh links when their turn comes (decide-by-link.ts)
    await queueLetters(tx, ctx, orderId, links.filter((l) => l.step === 0).map(linkLetter))
    return { status: to, links }
  })
  deliverAfterCommit(ctx) // in the background: the answer does not wait for the SMTP server
  return result
}
