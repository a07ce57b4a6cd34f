import { assign, setup, type StateValueFrom } from 'xstate'

/**
 * The lifecycle of an order (DESIGN.md, "Lifecycle"). Pure: no I/O, no clock. Services restore the
 * stored snapshot, step it with `transition()`, store the next one and carry out the effects.
 *
 * Approval runs in steps: approvers of one step decide in parallel, steps follow each other.
 * Context holds approval ids (rows in `approvals`), so the machine can tell whose turn it is.
 */
export const ORDER_MACHINE_VERSION = 1

export type OrderMachineContext = {
  /** approval ids, grouped by step; empty when there is no approval */
  steps: string[][]
  step: number
  approved: string[]
  signer: string | null
  round: number
}

export type OrderEvent =
  | { type: 'EDIT' }
  | { type: 'SUBMIT'; steps: string[][]; signer: string }
  | { type: 'APPROVE'; approval: string }
  | { type: 'RETURN'; approval: string; comment: string }
  | { type: 'SIGN'; approval: string }
  | { type: 'REGISTER' }
  | { type: 'CLOSE' }
  | { type: 'CANCEL'; reason: string }
  /** new links for whoever the order waits on; the old ones of those persons are revoked */
  | { type: 'REISSUE_LINKS' }
  /** an order from the department's archive, stored as registered with the number and date it was given */
  | { type: 'IMPORT_REGISTERED' }
  /** a new route before anyone decided (a person replaced): the round starts over with these people */
  | { type: 'CHANGE_ROUTE'; steps: string[][]; signer: string }

const inCurrentStep = (ctx: OrderMachineContext, approval: string) =>
  (ctx.steps[ctx.step] ?? []).includes(approval) && !ctx.approved.includes(approval)

const completesApproval = (ctx: OrderMachineContext, approval: string) => {
  if (!inCurrentStep(ctx, approval) || ctx.step !== ctx.steps.length - 1) return false
  return (ctx.steps[ctx.step] ?? []).every((a) => a === approval || ctx.approved.includes(a))
}

/** Whose decision the order waits for: the undecided approvers of the current step, or the signer. */
export const awaitedApprovals = (state: OrderState, ctx: OrderMachineContext): string[] => {
  if (state === 'approval') return (ctx.steps[ctx.step] ?? []).filter((a) => !ctx.approved.includes(a))
  if (state === 'signature' && ctx.signer) return [ctx.signer]
  return []
}

const hasText = (s: string) => s.trim().length > 0

export const orderMachine = setup({
  types: {
    context: {} as OrderMachineContext,
    events: {} as OrderEvent,
    // 'project': the document is still a draft (printed with the «ПРОЕКТ» mark, no number)
    tags: {} as 'project',
  },
  guards: {
    hasApprovers: ({ event }) => event.type === 'SUBMIT' && event.steps.some((s) => s.length > 0),
    // a route changes only while nobody has decided: a visa given (or a return, which ends the round) is on the
    // file to sign, and changing the people under it would mean returning the order
    undecidedWithApprovers: ({ context, event }) =>
      event.type === 'CHANGE_ROUTE' && context.approved.length === 0 && event.steps.some((s) => s.length > 0),
    undecided: ({ context, event }) => event.type === 'CHANGE_ROUTE' && context.approved.length === 0,
    completesApproval: ({ context, event }) => event.type === 'APPROVE' && completesApproval(context, event.approval),
    isCurrentApprover: ({ context, event }) =>
      (event.type === 'APPROVE' || event.type === 'RETURN') && inCurrentStep(context, event.approval),
    returnHasComment: ({ context, event }) =>
      event.type === 'RETURN' && inCurrentStep(context, event.approval) && hasText(event.comment),
    isSigner: ({ context, event }) => event.type === 'SIGN' && context.signer === event.approval,
    // the director may return the order instead of signing it, as an approver may (DESIGN, Lifecycle)
    signerReturnsWithComment: ({ context, event }) =>
      event.type === 'RETURN' && context.signer === event.approval && hasText(event.comment),
    hasReason: ({ event }) => event.type === 'CANCEL' && hasText(event.reason),
  },
  actions: {
    startRound: assign(({ context, event }) => {
      if (event.type !== 'SUBMIT' && event.type !== 'CHANGE_ROUTE') return {}
      return {
        steps: event.steps.filter((s) => s.length > 0),
        step: 0,
        approved: [],
        signer: event.signer,
        round: context.round + 1,
      }
    }),
    recordApproval: assign(({ context, event }) => {
      if (event.type !== 'APPROVE') return {}
      const approved = [...context.approved, event.approval]
      const stepDone = (context.steps[context.step] ?? []).every((a) => approved.includes(a))
      return { approved, step: stepDone ? context.step + 1 : context.step }
    }),
  },
}).createMachine({
  id: 'order',
  initial: 'draft',
  context: { steps: [], step: 0, approved: [], signer: null, round: 0 },
  states: {
    draft: {
      tags: ['project'],
      on: {
        EDIT: { target: 'draft' },
        IMPORT_REGISTERED: { target: 'registered' },
        SUBMIT: [
          { guard: 'hasApprovers', target: 'approval', actions: 'startRound' },
          { target: 'signature', actions: 'startRound' },
        ],
        CANCEL: { guard: 'hasReason', target: 'cancelled' },
      },
    },
    approval: {
      tags: ['project'],
      on: {
        APPROVE: [
          { guard: 'completesApproval', target: 'signature', actions: 'recordApproval' },
          { guard: 'isCurrentApprover', actions: 'recordApproval' },
        ],
        RETURN: { guard: 'returnHasComment', target: 'draft' },
        CANCEL: { guard: 'hasReason', target: 'cancelled' },
        REISSUE_LINKS: { target: 'approval' },
        CHANGE_ROUTE: [
          { guard: 'undecidedWithApprovers', target: 'approval', actions: 'startRound' },
          { guard: 'undecided', target: 'signature', actions: 'startRound' },
        ],
      },
    },
    signature: {
      tags: ['project'],
      on: {
        SIGN: { guard: 'isSigner', target: 'signed' },
        RETURN: { guard: 'signerReturnsWithComment', target: 'draft' },
        CANCEL: { guard: 'hasReason', target: 'cancelled' },
        REISSUE_LINKS: { target: 'signature' },
        CHANGE_ROUTE: [
          { guard: 'undecidedWithApprovers', target: 'approval', actions: 'startRound' },
          { guard: 'undecided', target: 'signature', actions: 'startRound' },
        ],
      },
    },
    signed: {
      on: {
        REGISTER: { target: 'registered' },
        CANCEL: { guard: 'hasReason', target: 'cancelled' },
      },
    },
    registered: {
      on: { CLOSE: { target: 'closed' } },
    },
    closed: { type: 'final' },
    cancelled: { type: 'final', tags: ['project'] },
  },
})

/** The states of an order, as the machine names them: the one list the column, the API and the services use. */
export type OrderState = Extract<StateValueFrom<typeof orderMachine>, string>

export const ORDER_STATES = Object.keys(orderMachine.config.states ?? {}) as [OrderState, ...OrderState[]]

/** The states whose document is still a project (the machine's 'project' tag). */
export const PROJECT_STATES: readonly OrderState[] = ORDER_STATES.filter((state) =>
  orderMachine
    .resolveState({ value: state, context: orderMachine.config.context as OrderMachineContext })
    .hasTag('project'),
)
