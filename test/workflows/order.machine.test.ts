import { describe, expect, it } from 'vitest'
import { getNextTransitions, initialTransition, transition } from 'xstate'
import { awaitedApprovals, orderMachine, type OrderEvent } from '../../workflows/order.machine'

const run = (...events: OrderEvent[]) => {
  let [s] = initialTransition(orderMachine)
  for (const e of events) [s] = transition(orderMachine, s, e)
  return s
}
const submit: OrderEvent = { type: 'SUBMIT', steps: [['a', 'b'], ['c']], signer: 's' }

describe('order machine', () => {
  it('starts as a draft that can be edited, submitted or cancelled (or, as it is created, stored from the archive)', () => {
    const s = run()
    expect(s.value).toBe('draft')
    expect(getNextTransitions(s).map((t) => t.eventType)).toEqual([
      'EDIT',
      'IMPORT_REGISTERED',
      'SUBMIT',
      'SUBMIT',
      'CANCEL',
    ])
  })

  it('takes an order of the archive from draft straight to registered, with no round and no signer', () => {
    const s = run({ type: 'IMPORT_REGISTERED' })
    expect([s.value, s.context]).toEqual(['registered', { steps: [], step: 0, approved: [], signer: null, round: 0 }])
    expect(run(submit).can({ type: 'IMPORT_REGISTERED' })).toBe(false)
    expect(s.can({ type: 'CLOSE' })).toBe(true)
  })

  it('decides in parallel within a step and in order across steps', () => {
    expect(run(submit).can({ type: 'APPROVE', approval: 'c' })).toBe(false)
    expect(run(submit, { type: 'APPROVE', approval: 'b' }).value).toBe('approval')
    const afterStep1 = run(submit, { type: 'APPROVE', approval: 'b' }, { type: 'APPROVE', approval: 'a' })
    expect(afterStep1.context.step).toBe(1)
    expect(afterStep1.can({ type: 'APPROVE', approval: 'a' })).toBe(false)
    expect(afterStep1.can({ type: 'SIGN', approval: 's' })).toBe(false)
    const done = run(
      submit,
      { type: 'APPROVE', approval: 'b' },
      { type: 'APPROVE', approval: 'a' },
      { type: 'APPROVE', approval: 'c' },
    )
    expect(done.value).toBe('signature')
    expect(done.can({ type: 'SIGN', approval: 'x' })).toBe(false)
    expect(
      run(
        submit,
        { type: 'APPROVE', approval: 'b' },
        { type: 'APPROVE', approval: 'a' },
        { type: 'APPROVE', approval: 'c' },
        { type: 'SIGN', approval: 's' },
      ).value,
    ).toBe('signed')
  })

  it('goes straight to signature when nobody approves', () => {
    expect(run({ type: 'SUBMIT', steps: [], signer: 's' }).value).toBe('signature')
  })

  it('returns to draft only with a comment, from an approver of the current step', () => {
    expect(run(submit).can({ type: 'RETURN', approval: 'a', comment: '  ' })).toBe(false)
    expect(run(submit).can({ type: 'RETURN', approval: 'c', comment: 'нет' })).toBe(false)
    const back = run(submit, { type: 'RETURN', approval: 'a', comment: 'исправить' })
    expect(back.value).toBe('draft')
    expect(run(submit, { type: 'RETURN', approval: 'a', comment: 'x' }, submit).context.round).toBe(2)
  })

  it('changes the route only before anyone decided: a new round with the new people', () => {
    const change: OrderEvent = { type: 'CHANGE_ROUTE', steps: [['d']], signer: 't' }
    const changed = run(submit, change)
    expect([changed.value, changed.context]).toEqual([
      'approval',
      { steps: [['d']], step: 0, approved: [], signer: 't', round: 2 },
    ])
    // with nobody to approve any more, straight to signature; and back to approval from there
    const toSignature = run(submit, { type: 'CHANGE_ROUTE', steps: [[]], signer: 't' })
    expect([toSignature.value, toSignature.context.signer]).toEqual(['signature', 't'])
    expect(run({ type: 'SUBMIT', steps: [], signer: 's' }, change).value).toBe('approval')
    // one visa given (even in a parallel step) or the round returned: no route change
    expect(run(submit, { type: 'APPROVE', approval: 'b' }).can(change)).toBe(false)
    const approvedAll = run(
      submit,
      { type: 'APPROVE', approval: 'a' },
      { type: 'APPROVE', approval: 'b' },
      { type: 'APPROVE', approval: 'c' },
    )
    expect([approvedAll.value, approvedAll.can(change)]).toEqual(['signature', false])
    expect(run(submit, { type: 'RETURN', approval: 'a', comment: 'x' }).can(change)).toBe(false)
    expect(run().can(change)).toBe(false)
    expect(run({ type: 'SUBMIT', steps: [], signer: 's' }, { type: 'SIGN', approval: 's' }).can(change)).toBe(false)
  })

  it("returns to draft from signature on the signer's return, with a comment, never on another's", () => {
    const signing = run({ type: 'SUBMIT', steps: [['a']], signer: 's' }, { type: 'APPROVE', approval: 'a' })
    expect(signing.value).toBe('signature')
    expect(signing.can({ type: 'RETURN', approval: 's', comment: ' ' })).toBe(false)
    expect(signing.can({ type: 'RETURN', approval: 'a', comment: 'нет' })).toBe(false)
    // during approval the signer's turn has not come
    expect(run(submit).can({ type: 'RETURN', approval: 's', comment: 'нет' })).toBe(false)
    const back = transition(orderMachine, signing, { type: 'RETURN', approval: 's', comment: 'Уточните срок' })[0]
    expect(back.value).toBe('draft')
    const again = transition(orderMachine, back, { type: 'SUBMIT', steps: [['a']], signer: 's2' })[0]
    expect(again.context).toMatchObject({ round: 2, step: 0, approved: [], signer: 's2' })
  })

  it('cancels with a reason before registration, never after', () => {
    expect(run().can({ type: 'CANCEL', reason: '' })).toBe(false)
    expect(run({ type: 'CANCEL', reason: 'ошибка' }).value).toBe('cancelled')
    const registered = run(
      { type: 'SUBMIT', steps: [], signer: 's' },
      { type: 'SIGN', approval: 's' },
      { type: 'REGISTER' },
    )
    // a signed order not yet registered may still be cancelled, but only with a reason as well
    const signed = run({ type: 'SUBMIT', steps: [], signer: 's' }, { type: 'SIGN', approval: 's' })
    expect(signed.can({ type: 'CANCEL', reason: ' ' })).toBe(false)
    expect(signed.can({ type: 'CANCEL', reason: 'ошибка' })).toBe(true)
    expect(registered.value).toBe('registered')
    expect(registered.can({ type: 'CANCEL', reason: 'поздно' })).toBe(false)
    expect(transition(orderMachine, registered, { type: 'CLOSE' })[0].value).toBe('closed')
  })

  it('waits on the undecided approvers of the current step, then on the signer, then on nobody', () => {
    const waiting = (s: ReturnType<typeof run>) => awaitedApprovals(s.value as never, s.context)
    expect(waiting(run())).toEqual([])
    expect(waiting(run(submit))).toEqual(['a', 'b'])
    // the one who approved gets no new link when links are reissued: only the other one of the step
    expect(waiting(run(submit, { type: 'APPROVE', approval: 'a' }))).toEqual(['b'])
    expect(waiting(run(submit, { type: 'APPROVE', approval: 'a' }, { type: 'APPROVE', approval: 'b' }))).toEqual(['c'])
    const signature = run({ type: 'SUBMIT', steps: [], signer: 's' })
    expect(waiting(signature)).toEqual(['s'])
    expect(waiting(transition(orderMachine, signature, { type: 'SIGN', approval: 's' })[0])).toEqual([])
  })

  it('restores from a stored JSON snapshot and goes on where it stopped', () => {
    const stored = JSON.parse(
      JSON.stringify({
        value: run(submit, { type: 'APPROVE', approval: 'a' }).value,
        context: run(submit, { type: 'APPROVE', approval: 'a' }).context,
      }),
    )
    const restored = orderMachine.resolveState(stored)
    expect(restored.can({ type: 'APPROVE', approval: 'a' })).toBe(false)
    const [next] = transition(orderMachine, restored, { type: 'APPROVE', approval: 'b' })
    expect(next.context.step).toBe(1)
  })
})
