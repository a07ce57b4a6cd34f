import { z } from 'zod'
import { insertApprovals } from '../db/links'
import { LIMITS } from '../domain/limits'
import { emailAddress, safeText } from '../domain/text'
import { parseInput } from '../domain/validation'
import { loadOrder, requireRole } from './access'
import { inTransaction, type ServiceContext } from './context'
import { applyOrderEvent, restoreOrderSnapshot } from './lifecycle'
import { issueSigningLinks } from './signing-links'
import { linkLetter, queueLetters } from './mail-outbox'
import { deliverAfterCommit } from './deliver-mail'
import { prepareSigningFile } from './signatures'

export const Person = z
  .object({
    name: safeText().trim().min(1).max(LIMITS.request.name),
    position: safeText().trim().min(1).max(LIMITS.request.position),
    email: emailAddress(),
  })
  .meta({ id: 'Person' })

export const SubmitOrderInput = z
  .union([
    z
      .object({
        approvers: z.array(Person).max(LIMITS.route.approvers),
        sequential: z.boolean().default(false),
        signer: Person,
      })
      .strict(),
    z
      .object({
        steps: z
          .array(z.array(Person).min(1).max(LIMITS.route.approvers))
          .max(LIMITS.route.steps)
          .refine(
            (steps) => steps.flat().length <= LIMITS.route.approvers,
            `не больше ${LIMITS.route.approvers} согласующих во всех шагах вместе`,
          ),
        signer: Person,
      })
      .strict(),
  ])
  .meta({ id: 'SubmitOrder' })
export type SubmitOrderInput = z.input<typeof SubmitOrderInput>

/** Either form of the request as steps: sequential approvers are one per step, parallel ones one step. */
const toSteps = (input: z.infer<typeof SubmitOrderInput>) => {
  if ('steps' in input) return input.steps
  if (input.approvers.length === 0) return []
  return input.sequential ? input.approvers.map((a) => [a]) : [input.approvers]
}

/** Sends a draft for approval (or straight to signature when nobody approves) and issues one link per person. */
export const submitOrder = async (ctx: ServiceContext, orderId: string, input: unknown) => {
  const user = requireRole(ctx, 'clerk')
  const request = parseInput(SubmitOrderInput, input, 'Маршрут согласования')
  const steps = toSteps(request)
  const result = await inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now()
    const order = await loadOrder(tx, user, orderId, { lock: true })
    const round = restoreOrderSnapshot(order).context.round + 1
    const rows = await insertApprovals(tx, [
      ...steps.flatMap((people, step) =>
        people.map((p) => ({ ...p, orderId, round, step, role: 'approver' as const })),
      ),
      { ...request.signer, orderId, round, step: steps.length, role: 'signer' as const },
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
          signer: request.signer.name,
        },
      },
    )
    // the file every visa and the signature will go on, its hash pinned from now on
    await prepareSigningFile(tx, ctx, order, round, rows.length - 1)
    const links = await issueSigningLinks(tx, ctx, orderId, rows, now)
    // with mail on, only the first step's people (the signer, when nobody approves) get their letter now:
    // the others get fresh links when their turn comes (decide-by-link.ts)
    await queueLetters(tx, ctx, orderId, links.filter((l) => l.step === 0).map(linkLetter))
    return { status: to, links }
  })
  deliverAfterCommit(ctx) // in the background: the answer does not wait for the SMTP server
  return result
}
