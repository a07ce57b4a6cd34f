import { assign, setup } from 'xstate'

/**
 * The life of one control item (DESIGN.md, "Lifecycle"): on control until a report is accepted
 * (done) or it is taken off control (removed). An extension keeps it on control with a new due
 * date and remembers every earlier one. Pure: dates come in the events (`on`, YYYY-MM-DD), and
 * the next occurrence of a recurring item is computed by the service and passed with ACCEPT.
 *
 * `overdue` and `due soon` are not states: they follow from the due date and today (`deriveTiming`).
 */
export const CONTROL_ITEM_MACHINE_VERSION = 1

/** How many days ahead an item counts as due soon, unless DUE_SOON_DAYS says otherwise. */
export const DEFAULT_DUE_SOON_DAYS = 3

/** `overdue`: the old due date had passed when the new one was given: the record keeps that it was missed. */
export type Extension = { from: string | null; to: string; reason: string; on: string; overdue?: boolean }
/** An executor's request for more time, awaiting the controller's decision (its id is the stored request's). */
export type ExtensionRequest = { id: string; due: string; reason: string; on: string }
export type Report = { text: string; on: string; file?: string }

export type ControlItemContext = {
  due: string | null
  /** the end of the period a recurring item recurs in (its deadline's, else the order's), fixed at registration; null: no bound */
  until: string | null
  recurring: boolean
  extensions: Extension[]
  /** the report awaiting a decision, or the accepted one once done */
  report: Report | null
  /** occurrences of a recurring item already reported and accepted */
  occurrences: { due: string | null; reportedOn: string; acceptedOn: string }[]
  /** the day the accepted report was submitted: the day the item was executed */
  doneOn: string | null
  removal: { reason: string; on: string } | null
  /** absent in snapshots from before issue 27: read as null */
  extensionRequest?: ExtensionRequest | null
}

export type ControlItemInput = { due: string | null; until?: string | null; recurring?: boolean }

export type ControlItemEvent =
  | { type: 'REPORT'; text: string; on: string; file?: string }
  | { type: 'ACCEPT'; on: string; nextDue?: string | null }
  | { type: 'RETURN'; comment: string; on: string }
  | { type: 'EXTEND'; due: string; reason: string; on: string }
  | { type: 'REMOVE'; reason: string; on: string }
  | { type: 'REOPEN'; reason: string; on: string; due?: string }
  | { type: 'REQUEST_EXTENSION'; id: string; due: string; reason: string; on: string }
  | { type: 'GRANT_EXTENSION'; due: string; comment: string; on: string }
  | { type: 'REFUSE_EXTENSION'; comment: string; on: string }

const hasText = (s: string) => s.trim().length > 0

const extensionOf = (context: ControlItemContext, to: string, reason: string, on: string): Extension => ({
  from: context.due,
  to,
  reason,
  on,
  overdue: context.due !== null && context.due < on,
})

/**
 * A recurring item rolls over when there is a next occurrence later than the current one. Whether the
 * period (`until`) still holds one is the domain's to say (`nextControlDueDate` answers null once it has
 * ended): a monthly report on the last month of the period falls due after the period's last day.
 */
const rollsOver = (ctx: ControlItemContext, nextDue: string | null | undefined): nextDue is string =>
  ctx.recurring && typeof nextDue === 'string' && (ctx.due === null || nextDue > ctx.due)

export const controlItemMachine = setup({
  types: {
    context: {} as ControlItemContext,
    events: {} as ControlItemEvent,
    input: {} as ControlItemInput,
  },
  guards: {
    reportHasText: ({ event }) => event.type === 'REPORT' && hasText(event.text),
    rollsOver: ({ context, event }) => event.type === 'ACCEPT' && rollsOver(context, event.nextDue),
    returnHasComment: ({ event }) => event.type === 'RETURN' && hasText(event.comment),
    wasExtended: ({ context }) => context.extensions.length > 0,
    returnToExtended: ({ context, event }) =>
      event.type === 'RETURN' && hasText(event.comment) && context.extensions.length > 0,
    extendsLater: ({ context, event }) =>
      event.type === 'EXTEND' && hasText(event.reason) && (context.due === null || event.due > context.due),
    removalHasReason: ({ event }) => event.type === 'REMOVE' && hasText(event.reason),
    reopenHasReason: ({ event }) => event.type === 'REOPEN' && hasText(event.reason),
    // a request for a date not after the current due date, or before the day it is asked, asks for nothing
    requestExtendsLater: ({ context, event }) =>
      event.type === 'REQUEST_EXTENSION' &&
      !context.extensionRequest &&
      hasText(event.reason) &&
      event.due >= event.on &&
      (context.due === null || event.due > context.due),
    grantExtendsLater: ({ context, event }) =>
      event.type === 'GRANT_EXTENSION' &&
      !!context.extensionRequest &&
      (context.due === null || event.due > context.due),
    refuseHasComment: ({ context, event }) =>
      event.type === 'REFUSE_EXTENSION' && !!context.extensionRequest && hasText(event.comment),
    reopenToExtended: ({ context, event }) =>
      event.type === 'REOPEN' && hasText(event.reason) && (context.extensions.length > 0 || event.due !== undefined),
  },
  actions: {
    recordReport: assign(({ event }) => {
      if (event.type !== 'REPORT') return {}
      return { report: { text: event.text, on: event.on, ...(event.file ? { file: event.file } : {}) } }
    }),
    acceptReport: assign(({ context }) => ({ doneOn: context.report?.on ?? null, extensionRequest: null })),
    rollOver: assign(({ context, event }) => {
      if (event.type !== 'ACCEPT' || !context.report) return {}
      return {
        occurrences: [
          ...context.occurrences,
          { due: context.due, reportedOn: context.report.on, acceptedOn: event.on },
        ],
        due: event.nextDue ?? context.due,
        report: null,
      }
    }),
    dropReport: assign({ report: null }),
    extend: assign(({ context, event }) => {
      if (event.type !== 'EXTEND') return {}
      return {
        extensions: [...context.extensions, extensionOf(context, event.due, event.reason, event.on)],
        due: event.due,
      }
    }),
    recordExtensionRequest: assign(({ event }) =>
      event.type === 'REQUEST_EXTENSION'
        ? { extensionRequest: { id: event.id, due: event.due, reason: event.reason, on: event.on } }
        : {},
    ),
    grantExtension: assign(({ context, event }) => {
      if (event.type !== 'GRANT_EXTENSION' || !context.extensionRequest) return {}
      const reason = context.extensionRequest.reason
      return {
        extensions: [...context.extensions, extensionOf(context, event.due, reason, event.on)],
        due: event.due,
        extensionRequest: null,
      }
    }),
    dropExtensionRequest: assign({ extensionRequest: null }),
    remove: assign(({ event }) => (event.type === 'REMOVE' ? { removal: { reason: event.reason, on: event.on } } : {})),
    reopen: assign(({ context, event }) => {
      if (event.type !== 'REOPEN') return {}
      const extensions =
        event.due === undefined
          ? context.extensions
          : [...context.extensions, { from: context.due, to: event.due, reason: event.reason, on: event.on }]
      return { report: null, doneOn: null, removal: null, extensions, due: event.due ?? context.due }
    }),
  },
}).createMachine({
  id: 'controlItem',
  initial: 'on_control',
  context: ({ input }) => ({
    due: input.due,
    until: input.until ?? null,
    recurring: input.recurring ?? false,
    extensions: [],
    report: null,
    occurrences: [],
    doneOn: null,
    removal: null,
  }),
  states: {
    on_control: {
      tags: ['open', 'awaiting_report'],
      on: {
        REPORT: { guard: 'reportHasText', target: 'reported', actions: 'recordReport' },
        EXTEND: { guard: 'extendsLater', target: 'extended', actions: 'extend' },
        REMOVE: { guard: 'removalHasReason', target: 'removed', actions: ['remove', 'dropExtensionRequest'] },
        REQUEST_EXTENSION: { guard: 'requestExtendsLater', actions: 'recordExtensionRequest' },
        GRANT_EXTENSION: { guard: 'grantExtendsLater', target: 'extended', actions: 'grantExtension' },
        REFUSE_EXTENSION: { guard: 'refuseHasComment', actions: 'dropExtensionRequest' },
      },
    },
    extended: {
      tags: ['open', 'awaiting_report'],
      on: {
        REPORT: { guard: 'reportHasText', target: 'reported', actions: 'recordReport' },
        EXTEND: { guard: 'extendsLater', target: 'extended', actions: 'extend' },
        REMOVE: { guard: 'removalHasReason', target: 'removed', actions: ['remove', 'dropExtensionRequest'] },
        REQUEST_EXTENSION: { guard: 'requestExtendsLater', actions: 'recordExtensionRequest' },
        GRANT_EXTENSION: { guard: 'grantExtendsLater', target: 'extended', actions: 'grantExtension' },
        REFUSE_EXTENSION: { guard: 'refuseHasComment', actions: 'dropExtensionRequest' },
      },
    },
    reported: {
      tags: ['open'],
      on: {
        ACCEPT: [
          { guard: 'rollsOver', target: 'on_control', actions: 'rollOver' },
          { target: 'done', actions: 'acceptReport' },
        ],
        RETURN: [
          { guard: 'returnToExtended', target: 'extended', actions: 'dropReport' },
          { guard: 'returnHasComment', target: 'on_control', actions: 'dropReport' },
        ],
        REMOVE: { guard: 'removalHasReason', target: 'removed', actions: ['remove', 'dropExtensionRequest'] },
        // a request asked before the report: decided still; granted, the report awaits its decision under the new date
        GRANT_EXTENSION: { guard: 'grantExtendsLater', actions: 'grantExtension' },
        REFUSE_EXTENSION: { guard: 'refuseHasComment', actions: 'dropExtensionRequest' },
      },
    },
    done: {
      tags: ['settled'],
      on: {
        REOPEN: [
          { guard: 'reopenToExtended', target: 'extended', actions: 'reopen' },
          { guard: 'reopenHasReason', target: 'on_control', actions: 'reopen' },
        ],
      },
    },
    removed: {
      tags: ['settled'],
      on: {
        REOPEN: [
          { guard: 'reopenToExtended', target: 'extended', actions: 'reopen' },
          { guard: 'reopenHasReason', target: 'on_control', actions: 'reopen' },
        ],
      },
    },
  },
})

export type ControlItemState = 'on_control' | 'extended' | 'reported' | 'done' | 'removed'

const statesTagged = (tag: string) =>
  Object.entries(controlItemMachine.config.states ?? {})
    .filter(([, s]) => ([] as string[]).concat(s.tags ?? []).includes(tag))
    .map(([name]) => name as ControlItemState)

/** Every state, as the schema constrains the status column. */
export const CONTROL_ITEM_STATES = Object.keys(controlItemMachine.config.states ?? {}) as ControlItemState[]
/** Still on control: not done, not removed. */
export const OPEN_STATES = statesTagged('open')
/** Waiting for the executor's report: these, and only these, can be overdue or due soon. */
export const AWAITING_REPORT_STATES = statesTagged('awaiting_report')

export type ControlTiming = 'overdue' | 'due_soon' | 'not_due' | 'no_due_date' | 'settled' | 'awaiting_decision'

/** Overdue and due soon follow from the due date and today; nothing of it is stored. */
export const deriveTiming = (
  item: { status: ControlItemState; due: string | null },
  today: string,
  dueSoonLimit: string,
): ControlTiming => {
  if (!AWAITING_REPORT_STATES.includes(item.status))
    return OPEN_STATES.includes(item.status) ? 'awaiting_decision' : 'settled'
  if (item.due === null) return 'no_due_date'
  if (item.due < today) return 'overdue'
  if (item.due <= dueSoonLimit) return 'due_soon'
  return 'not_due'
}
