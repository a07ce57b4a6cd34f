import { getNextTransitions, initialTransition, transition } from 'xstate'
import {
  ORDER_MACHINE_VERSION, orderMachine, type OrderEvent, type OrderMachineContext, type OrderState,
} from '../../workflows/order.machine'
import { updateOrder, type OrderRow } from '../db/orders'
import type { Db } from '../db/client'
import { OrderError } from '../domain/errors'

/** What a user can do, by event, in the words of the API. */
const actionNames: Record<OrderEvent['type'], string> = {
  EDIT: 'edit',
  SUBMIT: 'submit',
  APPROVE: 'approve',
  RETURN: 'return',
  SIGN: 'sign',
  REGISTER: 'register',
  CLOSE: 'close',
  CANCEL: 'cancel',
}

const stateNames: Record<OrderState, string> = {
  draft: 'проект',
  approval: 'на согласовании',
  signature: 'на подписании',
  signed: 'подписан',
  registered: 'зарегистрирован',
  closed: 'исполнен и закрыт',
  cancelled: 'отменён',
}

export const initialOrderSnapshot = () => {
  const [snapshot] = initialTransition(orderMachine)
  return { value: snapshot.value as OrderState, context: snapshot.context }
}

export const restoreOrderSnapshot = (order: Pick<OrderRow, 'snapshot'>) =>
  orderMachine.resolveState(order.snapshot as { value: OrderState; context: OrderMachineContext })

export const allowedActions = (order: Pick<OrderRow, 'snapshot'>): string[] => [
  ...new Set(getNextTransitions(restoreOrderSnapshot(order)).map((t) => actionNames[t.eventType as OrderEvent['type']] ?? t.eventType)),
]

/**
 * Feeds one event to the order's machine: restores the stored snapshot, refuses what the machine
 * refuses (409 naming the state and what it allows), stores the next snapshot with the status.
 * The caller holds the order's row lock (`lockOrder`), so events on one order never interleave.
 */
export const applyOrderEvent = async (
  tx: Db,
  order: OrderRow,
  event: OrderEvent,
  { at, set = {}, why }: { at: Date; set?: Partial<OrderRow>; why?: string },
) => {
  if (order.machineVersion !== ORDER_MACHINE_VERSION) {
    throw new OrderError('conflict', `order ${order.id} was stored by machine version ${order.machineVersion}`)
  }
  const snapshot = restoreOrderSnapshot(order)
  const from = snapshot.value as OrderState
  if (!snapshot.can(event)) {
    const allowed = allowedActions(order)
    throw new OrderError(
      'lifecycle_forbids',
      `${why ?? `Действие «${actionNames[event.type]}» недоступно`}: приказ в состоянии «${stateNames[from]}» (${from}); ` +
        `допустимо: ${allowed.length ? allowed.join(', ') : 'ничего'}`,
      { state: from, allowed },
    )
  }
  const [next] = transition(orderMachine, snapshot, event)
  const to = next.value as OrderState
  const row = await updateOrder(tx, order.id, {
    ...set,
    status: to,
    snapshot: { value: to, context: next.context },
    updatedAt: at,
  })
  return { from, to, order: row, context: next.context }
}
