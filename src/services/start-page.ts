import { countClerkPiles, listAwaitingDecision } from '../db/start-counts'
import { requireUser } from './access'
import type { ServiceContext } from './context'
import { controlBoard } from './list-control-items'

/**
 * What waits for the person signed in, by their role: the clerk's piles of orders, the orders awaiting this
 * approver's or director's decision, the controller's overdue and due-soon items (the director's too).
 */
export const getStartPage = async (ctx: ServiceContext) => {
  const user = requireUser(ctx)
  const [piles, awaiting, control] = await Promise.all([
    user.role === 'clerk' && user.organizationId ? countClerkPiles(ctx.db, user.organizationId) : undefined,
    user.role === 'approver' || user.role === 'director' ? listAwaitingDecision(ctx.db, user.id) : undefined,
    user.role === 'controller' || user.role === 'director' ? controlCounts(ctx) : undefined,
  ])
  return { role: user.role, piles, awaiting, control }
}

const controlCounts = async (ctx: ServiceContext) => {
  const { items } = await controlBoard(ctx)
  const of = (timing: string) => items.filter((i) => i.timing === timing).length
  return { overdue: of('overdue'), dueSoon: of('due_soon'), awaitingDecision: of('awaiting_decision') }
}
