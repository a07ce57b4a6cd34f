import {
  type ControlItemEvent,
  type ControlItemState,
  controlItemMachine,
  DEFAULT_DUE_SOON_DAYS,
  deriveTiming,
} from '../../workflows/control-item.machine'
import type { ControlItemRow } from '../db/control-items'
import { addDays } from '../domain/calendar'
import { calendarDate } from '../domain/dates'
import { type Action, type Caller, type Facts, may } from '../domain/policy'
import type { ServiceContext } from './context'

/** Today in the organization's time zone and the last day that still counts as «due soon». */
export const controlToday = (ctx: Pick<ServiceContext, 'clock' | 'dueSoonDays'>) => {
  const today = calendarDate(ctx.clock.now())
  return { today, dueSoonLimit: addDays(today, ctx.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS) }
}

/** A control item as the API shows it: overdue and due soon derived here, never read from storage. */
export const controlItemView = (row: ControlItemRow, { today, dueSoonLimit }: ReturnType<typeof controlToday>) => {
  const context = row.snapshot.context
  return {
    id: row.id,
    orderId: row.orderId,
    source: row.source,
    label: row.sourceLabel,
    text: row.text,
    deadline: row.deadlineText,
    parsedDeadline: row.deadline ? { kind: row.deadline.kind, problems: row.deadline.problems } : null,
    due: row.dueDate,
    status: row.status,
    timing: deriveTiming({ status: row.status as ControlItemState, due: row.dueDate }, today, dueSoonLimit),
    responsible: row.responsible === null ? null : { written: row.responsible, executorId: row.responsibleId },
    coExecutors: row.coExecutors,
    report: context.report,
    extensions: context.extensions,
    occurrences: context.occurrences,
    doneOn: row.doneOn,
    removal: context.removal,
  }
}

type ControlDecision = Lowercase<ControlItemEvent['type']>

/**
 * The policy's action for each decision the board offers as a button of the item. An executor's extension request
 * is not one, nor are the decisions on it (granted or refused on the request itself, with its id).
 */
const boardActions: Partial<Record<ControlDecision, Action>> = {
  report: 'control.report',
  accept: 'control.accept',
  return: 'control.return',
  extend: 'control.extend',
  remove: 'control.remove',
  reopen: 'control.reopen',
}

/**
 * What the caller may do with an item now: the decisions its machine takes in this state (whatever their
 * guards ask of the input), of which the policy lets the caller take. The board shows these buttons only.
 */
export const allowedControlActions = (caller: Caller, status: string, facts: Facts): ControlDecision[] => {
  const on: Record<string, unknown> =
    (controlItemMachine.config.states as Record<string, { on?: Record<string, unknown> }>)[status]?.on ?? {}
  return (Object.keys(on) as ControlItemEvent['type'][])
    .map((event) => event.toLowerCase() as ControlDecision)
    .filter((action) => {
      const rule = boardActions[action]
      return rule !== undefined && may(caller, rule, facts)
    })
}
