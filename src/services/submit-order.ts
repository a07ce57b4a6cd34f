import { findOrderContent } from '../db/orders'
import { assertComplete } from '../domain/draft'
import { parseInput } from '../domain/validation'
import { authorize, loadOrder } from './access'
import { inTransaction, type ServiceContext } from './context'
import { deliverAfterCommit } from './deliver-mail'
import { RouteInput, startRouteRound } from './route-round'

/** The route a submission names: approvers and the signer by account (route-round.ts). */
export const SubmitOrderInput = RouteInput
export type SubmitOrderInput = RouteInput

/** Sends a draft for approval (or straight to signature when nobody approves) and issues one link per person. */
export const submitOrder = async (ctx: ServiceContext, orderId: string, input: unknown) => {
  const user = authorize(ctx, 'orders.submit')
  const request = parseInput(RouteInput, input, 'Маршрут согласования')
  const result = await inTransaction(ctx, async (tx) => {
    const order = await loadOrder(tx, user, orderId, { lock: true })
    // a draft is saved unfinished; what it lacks is told here, every problem by its place (422)
    if (order.status === 'draft') assertComplete(await findOrderContent(tx, order.id, order.version))
    return startRouteRound(tx, ctx, order, request, {
      type: 'SUBMIT',
      action: 'submitted',
      why: 'Отправить можно только проект',
    })
  })
  deliverAfterCommit(ctx) // in the background: the answer does not wait for the SMTP server
  return result
}
