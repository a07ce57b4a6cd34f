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
  CHANGE_ROUTE: 'change_route',
  IMPORT_REGISTERED: 'import_registered',
}

/** Events only a use case takes as it creates an order (the archive's): never an action on an existing one. */
const creationOnly = new Set<OrderEvent['type']>(['IMPORT_REGISTERED'])

/**
 * Events whose guard reads only the order's context, not the event's payload: allowed only when the machine can
 * take them now (a route change after a visa is not offered), asked with a probe event.
 */
const probes: Partial<Record<OrderEvent['type'], OrderEvent>> = {
  CHANGE_ROUTE: { type: 'CHANGE_ROUTE', steps: [], signer: '' },
}

export const stateNames: Record<OrderState, string> = orderStateNames

/** What the pages call an order of the archive (registered on paper, no signature claimed) instead of its state. */
export const IMPORTED_LABEL = 'внесён из архива'

/** The state as the pages name it: an order of the archive is «внесён из архива» rather than «зарегистрирован». */
export const statusLabelOf = (order: { status: string; imported: boolean }) =>
  order.imported ? IMPORTED_LABEL : (stateNames[order.status as OrderState] ?? order.status)

export const initialOrderSnapshot = () => {
  const [snapshot] = initialTransition(orderMachine)
  return { value: snapshot.value as OrderState, context: snapshot.context }
}

export const restoreOrderSnapshot = (order: Pick<OrderRow, 'snapshot'>) =>
  orderMachine.resolveState(order.snapshot as { value: OrderState; context: OrderMachineContext })

/** Whether the order waits on this approval now: its approver's visa, or the signer's signature, is next. */
export const isTurnOf = (order: Pick<OrderRow, 'snapshot'>, approval: { id: string; role: string }) =>
  restoreOrderSnapshot(order).can(
    approval.role === 'signer' ? { type: 'SIGN', approval: approval.id } : { type: 'APPROVE', approval: approval.id },
  )

export const allowedActions = (order: Pick<OrderRow, 'snapshot'>): string[] => {
  const snapshot = restoreOrderSnapshot(order)
  return [
    ...new Set(
      getNextTransitions(snapshot)
        .map((t) => t.eventType as OrderEvent['type'])
        .filter((type) => !creationOnly.has(type) && (!probes[type] || snapshot.can(probes[type])))
        .map((type) => actionNames[type] ?? type),
    ),
  ]
}

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
