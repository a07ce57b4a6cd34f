import type { Db } from '../db/client'
import { findOrderContent } from '../db/orders'
import { findSavedRoute, saveRoute } from '../db/saved-routes'
import { listUsers } from '../db/users'
import { namesSamePerson } from '../domain/person-names'
import { authorize, loadOrder } from './access'
import type { ServiceContext } from './context'

type Person = { userId: string; name: string; position: string }
const person = (u: { id: string; name: string; position: string | null }): Person => ({
  userId: u.id,
  name: u.name,
  position: u.position?.trim() ?? '',
})

/**
 * The route offered when an order is sent, so that nothing the service knows is typed again: the approvers of
 * the organization's last route for the order's kind (those still active), and the signer the document's signer
 * block names when one director account is that person, else the last route's signer, else the only director.
 */
export const suggestRoute = async (ctx: ServiceContext, orderId: string) => {
  const order = await loadOrder(ctx.db, authorize(ctx, 'orders.submit'), orderId)
  const [content, saved, people] = await Promise.all([
    findOrderContent(ctx.db, order.id, order.version),
    findSavedRoute(ctx.db, order.organizationId, order.kind),
    listUsers(ctx.db, order.organizationId),
  ])
  const active = new Map(people.filter((u) => !u.disabledAt).map((u) => [u.id, u]))
  const directors = [...active.values()].filter((u) => u.role === 'director')
  const named = content.signer?.name?.trim()
    ? directors.filter((u) => namesSamePerson(content.signer.name, u.name))
    : []
  const signerUser =
    named.length === 1
      ? named[0]
      : saved?.signerId && active.get(saved.signerId)?.role === 'director'
        ? active.get(saved.signerId)
        : directors.length === 1
          ? directors[0]
          : undefined
  const signerFrom: 'document' | 'saved' | 'only' | null =
    named.length === 1 ? 'document' : !signerUser ? null : saved?.signerId === signerUser.id ? 'saved' : 'only'
  const steps = (saved?.steps ?? [])
    .map((step) => step.flatMap((id) => (active.has(id) && id !== signerUser?.id ? [person(active.get(id)!)] : [])))
    .filter((step) => step.length > 0)
  return { steps, signer: signerUser ? person(signerUser) : null, signerFrom, saved: !!saved }
}

/** Keeps a submission's route as the organization's route for the kind (inside the submission's transaction). */
export const keepRoute = (
  tx: Db,
  ctx: ServiceContext,
  order: { organizationId: string; kind: 'prikaz' | 'rasporyazhenie' },
  steps: { userId: string }[][],
  signer: { userId: string },
) =>
  saveRoute(tx, {
    organizationId: order.organizationId,
    kind: order.kind,
    steps: steps.map((s) => s.map((p) => p.userId)),
    signerId: signer.userId,
    updatedBy: ctx.actor.type === 'user' ? ctx.actor.id : null,
    updatedAt: ctx.clock.now(),
  })
