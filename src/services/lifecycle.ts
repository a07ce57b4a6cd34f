import { orderStateNames } from '../domain/words'
import { getNextTransitions, initialTransition, transition } from 'xstate'
import {
  ORDER_MACHINE_VERSION,
  orderMachine,
  type OrderEvent,
  type OrderMachineContext,
  type OrderState,
} from '../../workflows/order.machine'
import { insertAuditEvent } from '../db/audit'
import { updateOrder, type OrderRow } from '../db/orders'
import type { Db } from '../db/client'
import { OrderError } from '../domain/errors'
import { orderEvent } from './audit'
import type { ServiceContext } from './context'

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
  REISSUE_LINKS: 'reissue_links',
}

export const stateNames: Record<OrderState, string> = orderStateNames

export const initialOrderSnapshot = () => {
  const [snapshot] = initialTransition(orderMachine)
  return { value: snapshot.value as OrderState, context: snapshot.context }
}

export const restoreOrderSnapshot = (order: Pick<OrderRow, 'snapshot'>) =>
  orderMachine.resolveState(order.snapshot as { value: OrderState; context: OrderMachineContext })

export const allowedActions = (order: Pick<OrderRow, 'snapshot'>): string[] => [
  ...new Set(
    getNextTransitions(restoreOrderSnapshot(order)).map(
      (t) => actionNames[t.eventType as OrderEvent['type']] ?? t.eventType,
    ),
  ),
]

/** Steps the stored snapshot with one event, or refuses with 409 naming the state and what it allows. Pure. */
type MachineRow = Pick<OrderRow, 'id' | 'organizationId' | 'machineVersion' | 'snapshot' | 'auditHash'>

export const stepOrder = (
  order: Pick<OrderRow, 'id' | 'machineVersion' | 'snapshot'>,
  event: OrderEvent,
  why?: string,
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
  return { from, to: next.value as OrderState, snapshot: { value: next.value as OrderState, context: next.context } }
}

/**
 * Feeds one event to the order's machine and stores the outcome: the next snapshot and status,
 * the caller's other columns, and the audit event chained to the order's head, written together.
 * The caller holds the order's row lock (`lockOrder`), so events on one order never interleave.
 */
type EventOptions = { at: Date; set?: Partial<OrderRow>; why?: string; action: string; data?: Record<string, unknown> }

/** The outcome of an event, computed but not yet written: the step and its chained audit event. */
export const prepareOrderEvent = (
  ctx: ServiceContext,
  order: MachineRow,
  event: OrderEvent,
  { at, why, action, data = {} }: EventOptions,
) => {
  const { from, to, snapshot } = stepOrder(order, event, why)
  return { from, to, snapshot, audit: orderEvent(ctx, order, { action, fromState: from, toState: to, data, at }) }
}

export const applyOrderEvent = async (
  tx: Db,
  ctx: ServiceContext,
  order: OrderRow,
  event: OrderEvent,
  options: EventOptions,
) => {
  const { at, set = {} } = options
  const { from, to, snapshot, audit } = prepareOrderEvent(ctx, order, event, options)
  // issued together: postgres-js pipelines them on the transaction's connection
  await Promise.all([
    updateOrder(tx, order.id, { ...set, snapshot, updatedAt: at, auditHash: audit.hash }),
    insertAuditEvent(tx, audit),
  ])
  return { from, to, snapshot }
}
