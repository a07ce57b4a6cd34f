import { z } from 'zod'
import type { ControlItemContext } from '../../workflows/control-item.machine'
import type { Db } from '../db/client'
import { type ControlItemRow, isOrderSigner } from '../db/control-items'
import { nextControlDueDate } from '../domain/control-practice'
import { russianDate } from '../domain/dates'
import { OrderError } from '../domain/errors'
import { LIMITS } from '../domain/limits'
import { safeLine, safeText } from '../domain/text'
import { IsoDate, parseInput } from '../domain/validation'
import { type Action, may } from '../domain/policy'
import { assertSameOrganization, authorize, requireUser, type UserActor } from './access'
import type { ServiceContext } from './context'
import { type ControlActor, decide } from './control-decision'
import { organizationCalendar, organizationPractice } from './control-settings'

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

/** A person of the organization acting on its items (the controller, the signer). */
export const userControlActor = (
  user: UserActor,
  guard?: (tx: Db, item: ControlItemRow) => Promise<void>,
): ControlActor => ({
  userId: user.id,
  executorId: null,
  name: user.name,
  mayAct: async (tx, item) => {
    assertSameOrganization(user, item.organizationId)
    await guard?.(tx, item)
  },
})

type ControlAction = Extract<Action, `control.${string}`>

/**
 * The policy's decision on this item: extending and removing are the controller's, or the director's who
 * signed this very order (asked of the database only when the role alone does not decide).
 */
export const authorizeOnItem = async (ctx: ServiceContext, db: Db, action: ControlAction, orderId: string) => {
  const user = requireUser(ctx)
  if (may(user, action)) return
  authorize(ctx, action, { signedTheOrder: await isOrderSigner(db, orderId, user.id) })
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

/** The executor's report (text, optional file), entered by the controller. */
export const reportControlItem = (ctx: ServiceContext, id: string, input: unknown) => {
  const user = authorize(ctx, 'control.report')
  const { text, file } = parseInput(ReportInput, input, 'Отчёт')
  return decide(ctx, id, {
    actor: userControlActor(user),
    ...(file ? { legacyFile: { name: file.name, type: file.type, bytes: Buffer.from(file.content, 'base64') } } : {}),
    step: async (_i, _c, _tx, on) => ({ type: 'REPORT', text, on, ...(file ? { file: file.name } : {}) }),
  })
}

/** The report is accepted: the item is done on the day it was reported, or a recurring one rolls over. */
export const acceptControlItem = (ctx: ServiceContext, id: string) => {
  const user = authorize(ctx, 'control.accept')
  return decide(ctx, id, {
    actor: userControlActor(user),
    step: async (item, context, tx, on) => ({ type: 'ACCEPT', on, nextDue: await nextDueOf(tx, item, context) }),
  })
}

export const returnControlItem = (ctx: ServiceContext, id: string, input: unknown) => {
  const user = authorize(ctx, 'control.return')
  const { comment } = parseInput(ReturnInput, input, 'Возврат отчёта')
  return decide(ctx, id, {
    actor: userControlActor(user),
    step: async (_i, _c, _tx, on) => ({ type: 'RETURN', comment, on }),
  })
}

/** A new due date, after the old one, with a reason; the old one stays in the history. */
export const extendControlItem = (ctx: ServiceContext, id: string, input: unknown) => {
  const user = requireUser(ctx)
  const { due, reason } = parseInput(ExtendInput, input, 'Перенос срока')
  return decide(ctx, id, {
    actor: userControlActor(user, (tx, item) => authorizeOnItem(ctx, tx, 'control.extend', item.orderId)),
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
  const user = requireUser(ctx)
  const { reason } = parseInput(RemoveInput, input, 'Снятие с контроля')
  return decide(ctx, id, {
    actor: userControlActor(user, (tx, item) => authorizeOnItem(ctx, tx, 'control.remove', item.orderId)),
    step: async (_i, _c, _tx, on) => ({ type: 'REMOVE', reason, on }),
  })
}

export const reopenControlItem = (ctx: ServiceContext, id: string, input: unknown) => {
  const user = authorize(ctx, 'control.reopen')
  const { reason, due } = parseInput(ReopenInput, input, 'Возобновление')
  return decide(ctx, id, {
    actor: userControlActor(user),
    step: async (_i, _c, _tx, on) => ({ type: 'REOPEN', reason, on, ...(due ? { due } : {}) }),
  })
}
