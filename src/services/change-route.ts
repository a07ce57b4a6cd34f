import type { OrderState } from '../../workflows/order.machine'
import { listApprovals, revokeOrderLinks } from '../db/links'
import { parseInput } from '../domain/validation'
import { authorize, loadOrder } from './access'
import { inTransaction, type ServiceContext } from './context'
import { deliverAfterCommit } from './deliver-mail'
import { restoreOrderSnapshot } from './lifecycle'
import { RouteInput, startRouteRound } from './route-round'

/** Why a route cannot change now, in the clerk's words (the 409 adds the state and what it allows). */
const refusal = (state: OrderState) =>
  state === 'approval' || state === 'signature'
    ? 'Маршрут меняется только до первого решения: по приказу уже есть виза. Сначала приказ должен быть ' +
      'возвращён на доработку (согласующий или руководитель возвращает его по своей ссылке), затем отправьте его ' +
      'с новым маршрутом'
    : state === 'draft'
      ? 'Приказ не на согласовании: маршрут указывается при отправке (submit)'
      : 'Маршрут приказа уже пройден'

/**
 * A new route for an order in approval or signature that nobody has decided on yet (a person replaced): the
 * same body as submission. The round starts over: the file to sign rendered again with the new route's fields
 * and signer and pinned, every link of the old route revoked, new ones issued (and mailed, mail on). After a
 * decision the machine refuses (409): the order goes back to draft by a return first. The order's row lock
 * orders this against a decision arriving at once: whichever comes second sees the other's outcome (a visa
 * given: 409 here; a route changed: the old link revoked, 410 there).
 */
export const changeRoute = async (ctx: ServiceContext, orderId: string, input: unknown) => {
  const user = authorize(ctx, 'orders.submit')
  const request = parseInput(RouteInput, input, 'Маршрут согласования')
  const result = await inTransaction(ctx, async (tx) => {
    const order = await loadOrder(tx, user, orderId, { lock: true })
    const { round } = restoreOrderSnapshot(order).context
    const previous = (await listApprovals(tx, order.id)).filter((a) => a.round === round)
    // the old route's links go first: the new round's are issued after, and stay live
    await revokeOrderLinks(tx, order.id, ctx.clock.now())
    return startRouteRound(tx, ctx, order, request, {
      type: 'CHANGE_ROUTE',
      action: 'route_changed',
      why: refusal(order.status as OrderState),
      data: {
        previous: {
          round,
          people: previous.map((a) => ({
            approvalId: a.id,
            userId: a.userId,
            role: a.role,
            step: a.step,
            name: a.name,
          })),
        },
      },
    })
  })
  deliverAfterCommit(ctx) // in the background: the answer does not wait for the SMTP server
  return result
}
