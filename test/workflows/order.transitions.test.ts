import { describe, expect, it } from 'vitest'
import { initialTransition, transition } from 'xstate'
import {
  ORDER_STATES,
  orderMachine,
  PROJECT_STATES,
  type OrderEvent,
  type OrderState,
} from '../../workflows/order.machine'

const run = (...events: OrderEvent[]) => {
  let [s] = initialTransition(orderMachine)
  for (const e of events) [s] = transition(orderMachine, s, e)
  return s
}

const submit: OrderEvent = { type: 'SUBMIT', steps: [['a'], [], ['b']], signer: 's' }
const toSignature: OrderEvent = { type: 'SUBMIT', steps: [[]], signer: 's' }
const reach: Record<OrderState, OrderEvent[]> = {
  draft: [],
  approval: [submit],
  signature: [toSignature],
  signed: [toSignature, { type: 'SIGN', approval: 's' }],
  registered: [toSignature, { type: 'SIGN', approval: 's' }, { type: 'REGISTER' }],
  closed: [toSignature, { type: 'SIGN', approval: 's' }, { type: 'REGISTER' }, { type: 'CLOSE' }],
  cancelled: [{ type: 'CANCEL', reason: 'ошибка' }],
}

const events: Record<string, OrderEvent> = {
  edit: { type: 'EDIT' },
  submit,
  approve: { type: 'APPROVE', approval: 'a' },
  return: { type: 'RETURN', approval: 'a', comment: 'исправить' },
  signerReturn: { type: 'RETURN', approval: 's', comment: 'исправить' },
  sign: { type: 'SIGN', approval: 's' },
  register: { type: 'REGISTER' },
  close: { type: 'CLOSE' },
  cancel: { type: 'CANCEL', reason: 'ошибка' },
}

// where each event leads from each state; absent: refused
const table: Record<OrderState, Partial<Record<keyof typeof events, OrderState>>> = {
  draft: { edit: 'draft', submit: 'approval', cancel: 'cancelled' },
  approval: { approve: 'approval', return: 'draft', cancel: 'cancelled' },
  signature: { sign: 'signed', signerReturn: 'draft', cancel: 'cancelled' },
  signed: { register: 'registered', cancel: 'cancelled' },
  registered: { close: 'closed' },
  closed: {},
  cancelled: {},
}

describe('order machine transitions', () => {
  it('names its states in one list, and tags the ones whose document is still a project', () => {
    expect(ORDER_STATES).toEqual(['draft', 'approval', 'signature', 'signed', 'registered', 'closed', 'cancelled'])
    expect(PROJECT_STATES).toEqual(['draft', 'approval', 'signature', 'cancelled'])
    for (const state of ORDER_STATES) expect(run(...reach[state]).value).toBe(state)
  })

  for (const state of Object.keys(table) as OrderState[]) {
    for (const [name, event] of Object.entries(events)) {
      const target = table[state][name]
      it(`${state} + ${name} → ${target ?? 'refused'}`, () => {
        const s = run(...reach[state])
        expect(s.can(event)).toBe(target !== undefined)
        if (target) expect(transition(orderMachine, s, event)[0].value).toBe(target)
        else expect(transition(orderMachine, s, event)[0].value).toBe(state)
      })
    }
  }

  it('ends in closed and cancelled, and only there', () => {
    for (const state of ORDER_STATES)
      expect(run(...reach[state]).status, state).toBe(state === 'closed' || state === 'cancelled' ? 'done' : 'active')
  })

  it('starts a round: empty steps dropped, nobody approved yet, the signer kept, the round counted', () => {
    const s = run(submit)
    expect(s.context).toEqual({ steps: [['a'], ['b']], step: 0, approved: [], signer: 's', round: 1 })
    const again = run(
      submit,
      { type: 'APPROVE', approval: 'a' },
      { type: 'RETURN', approval: 'b', comment: 'x' },
      submit,
    )
    expect(again.context).toEqual({ steps: [['a'], ['b']], step: 0, approved: [], signer: 's', round: 2 })
  })

  it('counts a step done only when all of its approvers approved, then moves to the next', () => {
    const two: OrderEvent = { type: 'SUBMIT', steps: [['a', 'b'], ['c']], signer: 's' }
    const one = run(two, { type: 'APPROVE', approval: 'a' })
    expect(one.context).toMatchObject({ step: 0, approved: ['a'] })
    expect(one.can({ type: 'APPROVE', approval: 'a' })).toBe(false)
    expect(one.can({ type: 'APPROVE', approval: 'c' })).toBe(false)
    const both = run(two, { type: 'APPROVE', approval: 'a' }, { type: 'APPROVE', approval: 'b' })
    expect(both.value).toBe('approval')
    expect(both.context).toMatchObject({ step: 1, approved: ['a', 'b'] })
    expect(both.can({ type: 'RETURN', approval: 'a', comment: 'поздно' })).toBe(false)
    expect(both.can({ type: 'RETURN', approval: 'c', comment: 'исправить' })).toBe(true)
    const last = transition(orderMachine, both, { type: 'APPROVE', approval: 'c' })[0]
    expect(last.value).toBe('signature')
    expect(last.context).toMatchObject({ step: 2, approved: ['a', 'b', 'c'] })
  })

  it('completes the last step only when every approver of it approved', () => {
    const one: OrderEvent = { type: 'SUBMIT', steps: [['a', 'b']], signer: 's' }
    expect(run(one, { type: 'APPROVE', approval: 'a' }).value).toBe('approval')
    expect(run(one, { type: 'APPROVE', approval: 'b' }).value).toBe('approval')
    expect(run(one, { type: 'APPROVE', approval: 'b' }, { type: 'APPROVE', approval: 'a' }).value).toBe('signature')
  })

  it('lets only the named signer sign, and refuses blank reasons and comments', () => {
    const s = run(toSignature)
    expect(s.can({ type: 'SIGN', approval: 'a' })).toBe(false)
    expect(s.can({ type: 'CANCEL', reason: ' \n ' })).toBe(false)
    expect(run(submit).can({ type: 'RETURN', approval: 'a', comment: '\t' })).toBe(false)
    expect(run(submit).can({ type: 'RETURN', approval: 'b', comment: 'не мой шаг' })).toBe(false)
    expect(run(submit).can({ type: 'APPROVE', approval: 's' })).toBe(false)
  })

  it('sends a submit whose every step is empty straight to signature', () => {
    expect(run({ type: 'SUBMIT', steps: [[], []], signer: 's' }).value).toBe('signature')
    expect(run({ type: 'SUBMIT', steps: [[], ['x']], signer: 's' }).value).toBe('approval')
  })
})
