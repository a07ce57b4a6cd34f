import { getNextTransitions, transition } from 'xstate'
import {
  CONTROL_ITEM_MACHINE_VERSION,
  type ControlItemContext,
  type ControlItemEvent,
  type ControlItemState,
  controlItemMachine,
} from '../../workflows/control-item.machine'
import { insertAuditEvent } from '../db/audit'
import type { Db } from '../db/client'
import { insertControlFiles } from '../db/control-files'
import {
  type ControlItemRow,
  countOpenItems,
  findControlItem,
  insertControlEvent,
  lockControlItem,
  updateControlItem,
} from '../db/control-items'
import type { controlEvents } from '../db/schema'
import { lockOrder, type OrderRow, updateOrder } from '../db/orders'
import { calendarDate } from '../domain/dates'
import { OrderError } from '../domain/errors'
import type { ReportFile } from '../domain/report-files'
import { isUuid } from './access'
import { orderEvent } from './audit'
import { inTransaction, type ServiceContext } from './context'
import { controlItemView, controlToday } from './control-view'
import { applyOrderEvent } from './lifecycle'

/** Who decides or reports: a person of the organization, or a directory executor (by their link or their account). */
export type ControlActor = {
  userId: string | null
  executorId: string | null
  name: string
  /** throws when the item is not theirs to act on (another organization, another executor's item) */
  mayAct: (tx: Db, item: ControlItemRow) => Promise<void>
}

type EventKind = (typeof controlEvents.$inferInsert)['kind']

export const actionNames: Record<ControlItemEvent['type'], string> = {
  REPORT: 'report',
  ACCEPT: 'accept',
  RETURN: 'return',
  EXTEND: 'extend',
  REMOVE: 'remove',
  REOPEN: 'reopen',
  REQUEST_EXTENSION: 'extension-request',
  GRANT_EXTENSION: 'grant',
  REFUSE_EXTENSION: 'refuse',
}
const eventKinds: Record<ControlItemEvent['type'], EventKind> = {
  REPORT: 'reported',
  ACCEPT: 'accepted',
  RETURN: 'returned',
  EXTEND: 'extended',
  REMOVE: 'removed',
  REOPEN: 'reopened',
  REQUEST_EXTENSION: 'extension_requested',
  GRANT_EXTENSION: 'extended',
  REFUSE_EXTENSION: 'extension_refused',
}

export const itemNotFound = () => new OrderError('not_found', 'Контрольное поручение не найдено')

/** The item, read without a lock, or 404; then the actor's own check (organization, executor). */
export const loadItemFor = async (tx: Db, actor: ControlActor, id: string) => {
  const item = isUuid(id) ? await findControlItem(tx, id) : undefined
  if (!item) throw itemNotFound()
  await actor.mayAct(tx, item)
  return item
}

export type Step = (
  item: ControlItemRow,
  context: ControlItemContext,
  tx: Db,
  today: string,
) => Promise<ControlItemEvent | { kind: EventKind; text: string }>

/**
 * Writes one control event (and its files, and its audit event on the order's chain) in the caller's transaction:
 * a report is stored whole, with every file, or not at all.
 */
export const writeControlEvent = async (
  tx: Db,
  ctx: ServiceContext,
  order: OrderRow,
  item: ControlItemRow,
  actor: ControlActor,
  event: {
    kind: EventKind
    from: string
    to: string
    oldDue: string | null
    newDue: string | null
    text: string | null
    files: ReportFile[]
    /** the controller's report route's one file, kept in the event row as before issue 27 */
    legacyFile?: { name: string; type: string; bytes: Buffer }
    data?: Record<string, unknown>
  },
  now: Date,
) => {
  const [stored] = await insertControlEvent(tx, {
    itemId: item.id,
    kind: event.kind,
    fromState: event.from,
    toState: event.to,
    oldDue: event.oldDue,
    newDue: event.newDue,
    text: event.text,
    fileName: event.legacyFile?.name ?? event.files[0]?.name ?? null,
    fileType: event.legacyFile?.type ?? event.files[0]?.type ?? null,
    fileBytes: event.legacyFile?.bytes ?? null,
    actorId: actor.userId,
    executorId: actor.executorId,
    actorName: actor.name,
    at: now,
  })
  const files = await insertControlFiles(
    tx,
    event.files.map((f) => ({ ...f, itemId: item.id, eventSeq: stored!.seq, createdAt: now })),
  )
  const audit = orderEvent(ctx, order, {
    action: `control_item_${event.kind}`,
    data: {
      itemId: item.id,
      label: item.sourceLabel,
      fromState: event.from,
      toState: event.to,
      oldDue: event.oldDue,
      newDue: event.newDue,
      text: event.text,
      ...(actor.executorId ? { executorId: actor.executorId } : {}),
      files: event.files.map((f) => ({ name: f.name, type: f.type, size: f.size, sha256: f.sha256 })),
      ...(event.legacyFile ? { file: event.legacyFile.name } : {}),
      ...event.data,
    },
    at: now,
  })
  await Promise.all([insertAuditEvent(tx, audit), updateOrder(tx, order.id, { auditHash: audit.hash })])
  return { seq: stored!.seq, files, auditHash: audit.hash }
}

/**
 * One step on one item, in one transaction: the order's row lock first (its audit chain), then the item's; the
 * stored snapshot stepped by the machine (or, for a co-executor's contribution, no step: only the record); the
 * item, its history row, its files and the audit event written; the order closed when this was its last open item.
 */
export const decide = async (
  ctx: ServiceContext,
  id: string,
  {
    actor,
    step,
    files = [],
    legacyFile,
    data,
  }: {
    actor: ControlActor
    step: Step
    files?: ReportFile[]
    legacyFile?: { name: string; type: string; bytes: Buffer }
    data?: Record<string, unknown>
  },
) =>
  inTransaction(ctx, async (tx) => {
    const seen = await loadItemFor(tx, actor, id)
    const order = (await lockOrder(tx, seen.orderId))!
    const item = (await lockControlItem(tx, id))!
    if (item.machineVersion !== CONTROL_ITEM_MACHINE_VERSION)
      throw new OrderError('conflict', `поручение ${id} записано версией ${item.machineVersion} автомата`)
    const now = ctx.clock.now()
    const today = calendarDate(now)
    const snapshot = controlItemMachine.resolveState(
      item.snapshot as { value: ControlItemState; context: ControlItemContext },
    )
    const from = snapshot.value as ControlItemState
    const event = await step(item, snapshot.context, tx, today)
    if (!('type' in event)) {
      const written = await writeControlEvent(
        tx,
        ctx,
        order,
        item,
        actor,
        {
          kind: event.kind,
          from,
          to: from,
          oldDue: item.dueDate,
          newDue: item.dueDate,
          text: event.text,
          files,
          legacyFile,
          data,
        },
        now,
      )
      return { ...controlItemView(item, controlToday(ctx)), event: { seq: written.seq, files: written.files } }
    }
    if (!snapshot.can(event)) {
      const allowed = [
        ...new Set(getNextTransitions(snapshot).map((t) => actionNames[t.eventType as ControlItemEvent['type']])),
      ]
      throw new OrderError(
        'lifecycle_forbids',
        `Действие «${actionNames[event.type]}» недоступно: поручение в состоянии ${from}; допустимо: ${allowed.join(', ') || 'ничего'}`,
        { state: from, allowed },
      )
    }
    if (event.type === 'REOPEN' && order.status !== 'registered')
      throw new OrderError('lifecycle_forbids', 'Приказ закрыт: его поручения не возобновляются', {
        state: order.status,
        allowed: [],
      })
    const [next] = transition(controlItemMachine, snapshot, event)
    const to = next.value as ControlItemState
    const kind = event.type === 'ACCEPT' && to === 'on_control' ? 'rolled_over' : eventKinds[event.type]
    const text =
      'text' in event ? event.text : 'comment' in event ? event.comment : 'reason' in event ? event.reason : null
    await updateControlItem(tx, id, {
      snapshot: { value: to, context: next.context },
      dueDate: next.context.due,
      doneOn: next.context.doneOn,
      updatedAt: now,
    })
    const written = await writeControlEvent(
      tx,
      ctx,
      order,
      item,
      actor,
      { kind, from, to, oldDue: item.dueDate, newDue: next.context.due, text, files, legacyFile, data },
      now,
    )
    const settled = to === 'done' || to === 'removed'
    if (settled && order.status === 'registered' && (await countOpenItems(tx, order.id)) === 0) {
      await closeOrder(tx, ctx, { ...order, auditHash: written.auditHash }, now)
    }
    const updated = (await findControlItem(tx, id))!
    return { ...controlItemView(updated, controlToday(ctx)), event: { seq: written.seq, files: written.files } }
  })

const closeOrder = (tx: Db, ctx: ServiceContext, order: OrderRow, at: Date) =>
  applyOrderEvent(
    tx,
    ctx,
    order,
    { type: 'CLOSE' },
    {
      at,
      action: 'closed',
      data: { reason: 'все поручения исполнены или сняты с контроля' },
    },
  )
