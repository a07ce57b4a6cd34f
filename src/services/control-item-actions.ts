import { getNextTransitions, transition } from 'xstate'
import { z } from 'zod'
import {
  CONTROL_ITEM_MACHINE_VERSION,
  type ControlItemContext,
  type ControlItemEvent,
  type ControlItemState,
  controlItemMachine,
} from '../../workflows/control-item.machine'
import { insertAuditEvent } from '../db/audit'
import type { Db } from '../db/client'
import {
  type ControlItemRow,
  countOpenItems,
  findControlItem,
  insertControlEvent,
  isOrderSigner,
  lockControlItem,
  updateControlItem,
} from '../db/control-items'
import { lockOrder, type OrderRow, updateOrder } from '../db/orders'
import { nextControlDueDate } from '../domain/control-practice'
import { calendarDate, russianDate } from '../domain/dates'
import { OrderError } from '../domain/errors'
import { LIMITS } from '../domain/limits'
import { safeLine, safeText } from '../domain/text'
import { IsoDate, parseInput } from '../domain/validation'
import { type Action, may } from '../domain/policy'
import { assertSameOrganization, authorize, isUuid, requireUser } from './access'
import { orderEvent } from './audit'
import { inTransaction, type ServiceContext } from './context'
import { organizationCalendar, organizationPractice } from './control-settings'
import { controlItemView, controlToday } from './control-view'
import { applyOrderEvent } from './lifecycle'

const reason = safeText().trim().min(1).max(LIMITS.request.comment)

export const ReportInput = z
  .object({
    text: safeText().trim().min(1).max(LIMITS.control.report),
    file: z
      .object({
        // a file's own name, not a path: «../../x» or «C:\x» is what a client sends by mistake or on purpose
        name: safeLine()
          .trim()
          .min(1)
          .max(LIMITS.control.fileName)
          .refine((n) => !/[/\\]/.test(n) && n !== '.' && n !== '..', 'имя файла без пути: без «/», «\\», «..»'),
        type: safeLine()
          .max(LIMITS.control.fileType)
          .regex(/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/, 'тип файла (MIME), например application/pdf')
          .default('application/octet-stream'),
        // within the JSON body's bound: base64 is 4/3 of the bytes; an empty file is no report
        content: z.string().base64().min(1, 'файл пуст').max(LIMITS.request.jsonBytes).describe('the file, base64'),
      })
      .strict()
      .optional(),
  })
  .strict()
  .meta({ id: 'ControlReport' })
export const ReturnInput = z.object({ comment: reason }).strict().meta({ id: 'ControlReturn' })
export const ExtendInput = z.object({ due: IsoDate, reason }).strict().meta({ id: 'ControlExtend' })
export const RemoveInput = z.object({ reason }).strict().meta({ id: 'ControlRemove' })
export const ReopenInput = z.object({ reason, due: IsoDate.optional() }).strict().meta({ id: 'ControlReopen' })

const actionNames: Record<ControlItemEvent['type'], string> = {
  REPORT: 'report',
  ACCEPT: 'accept',
  RETURN: 'return',
  EXTEND: 'extend',
  REMOVE: 'remove',
  REOPEN: 'reopen',
}
const eventKinds = {
  REPORT: 'reported',
  ACCEPT: 'accepted',
  RETURN: 'returned',
  EXTEND: 'extended',
  REMOVE: 'removed',
  REOPEN: 'reopened',
} as const

const notFound = (_id: string) => new OrderError('not_found', 'Контрольное поручение не найдено')

type ControlAction = Extract<Action, `control.${string}`>

/**
 * The policy's decision on this item: extending and removing are the controller's, or the director's who
 * signed this very order (asked of the database only when the role alone does not decide).
 */
const authorizeOnItem = async (ctx: ServiceContext, db: Db, action: ControlAction, orderId: string) => {
  const user = requireUser(ctx)
  if (may(user, action)) return user
  return authorize(ctx, action, { signedTheOrder: await isOrderSigner(db, orderId, user.id) })
}

/**
 * The next due date of a recurring item after the current one, by the organization's practice and calendar:
 * from the deadline as parsed at registration (with the order's school year), bounded by the period fixed
 * then in the item's `until` (the deadline's own, else the order's period); null once the period has ended.
 */
const nextDueOf = async (tx: Db, item: ControlItemRow, context: ControlItemContext) => {
  if (!context.recurring || !item.deadline || !context.due) return null
  const [practice, calendar] = await Promise.all([
    organizationPractice(tx, item.organizationId),
    organizationCalendar(tx, item.organizationId),
  ])
  const deadline = context.until === null ? item.deadline : { ...item.deadline, until: context.until }
  return nextControlDueDate(deadline, item.registeredOn, context.due, practice, calendar)
}

type Step = (item: ControlItemRow, context: ControlItemContext, tx: Db, today: string) => Promise<ControlItemEvent>

/**
 * One decision on one item, in one transaction: the order's row lock first (its audit chain), then
 * the item's; the stored snapshot stepped by the machine; the item, its history row and the audit
 * event written; and the order closed when this was its last open item.
 */
const stepControlItem = async (
  ctx: ServiceContext,
  id: string,
  action: ControlAction,
  { step, file }: { step: Step; file?: z.infer<typeof ReportInput>['file'] },
) =>
  inTransaction(ctx, async (tx) => {
    const seen = isUuid(id) ? await findControlItem(tx, id) : undefined
    if (!seen) throw notFound(id)
    assertSameOrganization(requireUser(ctx), seen.organizationId)
    const user = await authorizeOnItem(ctx, tx, action, seen.orderId)
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
    const oldDue = item.dueDate
    const newDue = next.context.due
    const text =
      'text' in event ? event.text : 'comment' in event ? event.comment : 'reason' in event ? event.reason : null
    await updateControlItem(tx, id, {
      snapshot: { value: to, context: next.context },
      dueDate: newDue,
      doneOn: next.context.doneOn,
      updatedAt: now,
    })
    await insertControlEvent(tx, {
      itemId: id,
      kind,
      fromState: from,
      toState: to,
      oldDue,
      newDue,
      text,
      fileName: file?.name ?? null,
      fileType: file ? file.type : null,
      fileBytes: file ? Buffer.from(file.content, 'base64') : null,
      actorId: user.id,
      actorName: user.name,
      at: now,
    })
    const audit = orderEvent(ctx, order, {
      action: `control_item_${kind}`,
      data: {
        itemId: id,
        label: item.sourceLabel,
        fromState: from,
        toState: to,
        oldDue,
        newDue,
        text,
        file: file?.name ?? null,
      },
      at: now,
    })
    await Promise.all([insertAuditEvent(tx, audit), updateOrder(tx, order.id, { auditHash: audit.hash })])
    const settled = to === 'done' || to === 'removed'
    if (settled && order.status === 'registered' && (await countOpenItems(tx, order.id)) === 0) {
      await closeOrder(tx, ctx, { ...order, auditHash: audit.hash }, now)
    }
    const updated = (await findControlItem(tx, id))!
    return controlItemView(updated, controlToday(ctx))
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

/** The executor's report (text, optional file), entered by the controller. */
export const reportControlItem = (ctx: ServiceContext, id: string, input: unknown) => {
  const { text, file } = parseInput(ReportInput, input, 'Отчёт')
  return stepControlItem(ctx, id, 'control.report', {
    file,
    step: async (_i, _c, _tx, on) => ({ type: 'REPORT', text, on, ...(file ? { file: file.name } : {}) }),
  })
}

/** The report is accepted: the item is done on the day it was reported, or a recurring one rolls over. */
export const acceptControlItem = (ctx: ServiceContext, id: string) =>
  stepControlItem(ctx, id, 'control.accept', {
    step: async (item, context, tx, on) => ({ type: 'ACCEPT', on, nextDue: await nextDueOf(tx, item, context) }),
  })

export const returnControlItem = (ctx: ServiceContext, id: string, input: unknown) => {
  const { comment } = parseInput(ReturnInput, input, 'Возврат отчёта')
  return stepControlItem(ctx, id, 'control.return', {
    step: async (_i, _c, _tx, on) => ({ type: 'RETURN', comment, on }),
  })
}

/** A new due date, after the old one, with a reason; the old one stays in the history. */
export const extendControlItem = (ctx: ServiceContext, id: string, input: unknown) => {
  const { due, reason } = parseInput(ExtendInput, input, 'Перенос срока')
  return stepControlItem(ctx, id, 'control.extend', {
    step: async (item, _c, _tx, on) => {
      if (item.dueDate !== null && due <= item.dueDate)
        throw new OrderError(
          'invalid_input',
          `Новый срок ${russianDate(due)} не позже прежнего ${russianDate(item.dueDate)}`,
          [{ path: 'due', message: 'не позже прежнего срока' }],
        )
      return { type: 'EXTEND', due, reason, on }
    },
  })
}

export const removeControlItem = (ctx: ServiceContext, id: string, input: unknown) => {
  const { reason } = parseInput(RemoveInput, input, 'Снятие с контроля')
  return stepControlItem(ctx, id, 'control.remove', {
    step: async (_i, _c, _tx, on) => ({ type: 'REMOVE', reason, on }),
  })
}

export const reopenControlItem = (ctx: ServiceContext, id: string, input: unknown) => {
  const { reason, due } = parseInput(ReopenInput, input, 'Возобновление')
  return stepControlItem(ctx, id, 'control.reopen', {
    step: async (_i, _c, _tx, on) => ({ type: 'REOPEN', reason, on, ...(due ? { due } : {}) }),
  })
}
