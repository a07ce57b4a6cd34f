import { describe, expect, it } from 'vitest'
import { initialTransition, transition } from 'xstate'
import {
  AWAITING_REPORT_STATES,
  CONTROL_ITEM_STATES,
  type ControlItemEvent,
  type ControlItemInput,
  controlItemMachine,
  deriveTiming,
  OPEN_STATES,
} from '../../workflows/control-item.machine'

const run = (input: ControlItemInput, ...events: ControlItemEvent[]) => {
  let [s] = initialTransition(controlItemMachine, input)
  for (const e of events) [s] = transition(controlItemMachine, s, e)
  return s
}
/** Restores from stored JSON, as the service does, before every event. */
const restored = (input: ControlItemInput, ...events: ControlItemEvent[]) => {
  let [s] = initialTransition(controlItemMachine, input)
  for (const e of events) {
    const stored = JSON.parse(JSON.stringify({ value: s.value, context: s.context }))
    ;[s] = transition(controlItemMachine, controlItemMachine.resolveState(stored), e)
  }
  return s
}

const item = { due: '2024-10-31' }
const report: ControlItemEvent = { type: 'REPORT', text: 'Сделано', on: '2024-10-30' }
const accept: ControlItemEvent = { type: 'ACCEPT', on: '2024-11-01' }

describe('control item machine', () => {
  it('starts on control with its due date and nothing else', () => {
    const s = run(item)
    expect(s.value).toBe('on_control')
    expect(s.context).toEqual({
      due: '2024-10-31',
      until: null,
      recurring: false,
      extensions: [],
      report: null,
      occurrences: [],
      doneOn: null,
      removal: null,
    })
  })

  it('is done when a report is accepted, executed on the day of the report', () => {
    const reported = run(item, { ...report, file: 'отчёт.pdf' } as ControlItemEvent)
    expect(reported.value).toBe('reported')
    expect(reported.context.report).toEqual({ text: 'Сделано', on: '2024-10-30', file: 'отчёт.pdf' })
    expect(reported.context.doneOn).toBeNull()
    const done = run(item, report, accept)
    expect(done.value).toBe('done')
    expect(done.context.doneOn).toBe('2024-10-30')
    expect(done.context.report).toEqual({ text: 'Сделано', on: '2024-10-30' })
  })

  it('refuses a blank report and accepts nothing before a report', () => {
    expect(run(item).can({ type: 'REPORT', text: '  ', on: '2024-10-01' })).toBe(false)
    expect(run(item).can(accept)).toBe(false)
    expect(run(item).can({ type: 'RETURN', comment: 'нет', on: '2024-10-01' })).toBe(false)
  })

  it('goes back on control when a report is returned with a comment, and keeps its extended state', () => {
    expect(run(item, report).can({ type: 'RETURN', comment: ' ', on: '2024-11-01' })).toBe(false)
    const back = run(item, report, { type: 'RETURN', comment: 'Нет протокола', on: '2024-11-01' })
    expect(back.value).toBe('on_control')
    expect(back.context.report).toBeNull()
    const extended: ControlItemEvent = { type: 'EXTEND', due: '2024-12-20', reason: 'Перенос', on: '2024-10-20' }
    const backExtended = run(item, extended, report, { type: 'RETURN', comment: 'Нет', on: '2024-11-01' })
    expect(backExtended.value).toBe('extended')
    expect(backExtended.context.due).toBe('2024-12-20')
  })

  it('is extended only to a later date, with a reason, keeping every earlier due date', () => {
    expect(run(item).can({ type: 'EXTEND', due: '2024-10-31', reason: 'x', on: '2024-10-01' })).toBe(false)
    expect(run(item).can({ type: 'EXTEND', due: '2024-10-30', reason: 'x', on: '2024-10-01' })).toBe(false)
    expect(run(item).can({ type: 'EXTEND', due: '2024-11-01', reason: ' ', on: '2024-10-01' })).toBe(false)
    const s = restored(
      item,
      { type: 'EXTEND', due: '2024-11-15', reason: 'Болезнь', on: '2024-10-20' },
      { type: 'EXTEND', due: '2024-12-01', reason: 'Нет данных', on: '2024-11-10' },
    )
    expect(s.value).toBe('extended')
    expect(s.context.due).toBe('2024-12-01')
    expect(s.context.extensions).toEqual([
      { from: '2024-10-31', to: '2024-11-15', reason: 'Болезнь', on: '2024-10-20', overdue: false },
      { from: '2024-11-15', to: '2024-12-01', reason: 'Нет данных', on: '2024-11-10', overdue: false },
    ])
  })

  it('keeps in the record that an item extended after its due date had been overdue', () => {
    const s = run(item, { type: 'EXTEND', due: '2024-11-30', reason: 'Поздно', on: '2024-11-05' })
    expect(s.context.extensions).toEqual([
      { from: '2024-10-31', to: '2024-11-30', reason: 'Поздно', on: '2024-11-05', overdue: true },
    ])
  })

  it("takes an executor's extension request, one at a time, not before today, and grants or refuses it", () => {
    const ask = (due: string, on = '2024-10-20') =>
      ({ type: 'REQUEST_EXTENSION', id: 'r1', due, reason: 'Нет данных', on }) as const
    expect(run(item).can(ask('2024-10-19', '2024-10-20'))).toBe(false)
    expect(run(item).can(ask('2024-10-31'))).toBe(false)
    expect(run(item).can({ ...ask('2024-11-15'), reason: ' ' })).toBe(false)
    const asked = run(item, ask('2024-11-15'))
    expect(asked.value).toBe('on_control')
    expect(asked.context.extensionRequest).toEqual({
      id: 'r1',
      due: '2024-11-15',
      reason: 'Нет данных',
      on: '2024-10-20',
    })
    expect(asked.can(ask('2024-11-20'))).toBe(false)
    expect(run(item).can({ type: 'GRANT_EXTENSION', due: '2024-11-15', comment: '', on: '2024-10-21' })).toBe(false)
    const granted = restored(item, ask('2024-11-15'), {
      type: 'GRANT_EXTENSION',
      due: '2024-11-15',
      comment: '',
      on: '2024-10-21',
    })
    expect(granted.value).toBe('extended')
    expect(granted.context).toMatchObject({ due: '2024-11-15', extensionRequest: null })
    expect(granted.context.extensions).toEqual([
      { from: '2024-10-31', to: '2024-11-15', reason: 'Нет данных', on: '2024-10-21', overdue: false },
    ])
    expect(run(item, ask('2024-11-15')).can({ type: 'REFUSE_EXTENSION', comment: ' ', on: '2024-10-21' })).toBe(false)
    const refused = run(item, ask('2024-11-15'), {
      type: 'REFUSE_EXTENSION',
      comment: 'Нет оснований',
      on: '2024-10-21',
    })
    expect(refused.value).toBe('on_control')
    expect(refused.context).toMatchObject({ due: '2024-10-31', extensionRequest: null, extensions: [] })
  })

  it('extends an item without a due date to any date', () => {
    const s = run({ due: null }, { type: 'EXTEND', due: '2024-01-01', reason: 'Срок установлен', on: '2023-12-01' })
    expect(s.value).toBe('extended')
    expect(s.context.extensions).toEqual([
      { from: null, to: '2024-01-01', reason: 'Срок установлен', on: '2023-12-01', overdue: false },
    ])
  })

  it('is removed with a reason from every open state, never without one', () => {
    const remove: ControlItemEvent = { type: 'REMOVE', reason: 'Утратил силу', on: '2024-10-05' }
    expect(run(item).can({ ...remove, reason: '' })).toBe(false)
    for (const before of [[], [report], [{ type: 'EXTEND', due: '2025-01-01', reason: 'x', on: '2024-10-01' }]]) {
      const s = run(item, ...(before as ControlItemEvent[]), remove)
      expect(s.value).toBe('removed')
      expect(s.context.removal).toEqual({ reason: 'Утратил силу', on: '2024-10-05' })
    }
    expect(run(item, report, accept).can(remove)).toBe(false)
  })

  it('is reopened with a reason, losing its report and removal; a new due date makes it extended', () => {
    const done = run(item, report, accept)
    expect(done.can({ type: 'REOPEN', reason: '', on: '2024-11-02' })).toBe(false)
    const reopened = run(item, report, accept, { type: 'REOPEN', reason: 'Ошибка', on: '2024-11-02' })
    expect(reopened.value).toBe('on_control')
    expect(reopened.context).toMatchObject({ report: null, doneOn: null, due: '2024-10-31', extensions: [] })
    const removedThenReopened = run(
      item,
      { type: 'REMOVE', reason: 'x', on: '2024-10-02' },
      { type: 'REOPEN', reason: 'Снова', on: '2024-10-03', due: '2024-12-31' },
    )
    expect(removedThenReopened.value).toBe('extended')
    expect(removedThenReopened.context).toMatchObject({ removal: null, due: '2024-12-31' })
    expect(removedThenReopened.context.extensions).toEqual([
      { from: '2024-10-31', to: '2024-12-31', reason: 'Снова', on: '2024-10-03' },
    ])
    expect(run(item).can({ type: 'REOPEN', reason: 'x', on: '2024-10-03' })).toBe(false)
  })

  describe('a recurring item', () => {
    const monthly = { due: '2024-10-10', until: '2025-05-31', recurring: true }
    it('rolls to the next occurrence when its report is accepted, remembering the one reported', () => {
      const s = restored(monthly, report, { type: 'ACCEPT', on: '2024-11-01', nextDue: '2024-11-11' })
      expect(s.value).toBe('on_control')
      expect(s.context.due).toBe('2024-11-11')
      expect(s.context.report).toBeNull()
      expect(s.context.doneOn).toBeNull()
      expect(s.context.occurrences).toEqual([{ due: '2024-10-10', reportedOn: '2024-10-30', acceptedOn: '2024-11-01' }])
      // the end of the period is fixed at registration and stays through every occurrence
      expect(s.context.until).toBe('2025-05-31')
      expect(s.context.recurring).toBe(true)
    })
    it('rolls to a next occurrence after the end of the period: the report of its last month falls due after it', () => {
      // the domain says when the period holds no more occurrences (nextDue null); the machine does not cut it again
      const last = run({ ...monthly, due: '2025-05-12' }, report, {
        type: 'ACCEPT',
        on: '2025-05-13',
        nextDue: '2025-06-10',
      })
      expect(last.value).toBe('on_control')
      expect(last.context.due).toBe('2025-06-10')
    })
    it('is done when there is no next occurrence or it is not later', () => {
      expect(run(monthly, report, { type: 'ACCEPT', on: '2024-11-01', nextDue: null }).value).toBe('done')
      expect(run(monthly, report, { type: 'ACCEPT', on: '2024-11-01', nextDue: '2024-10-10' }).value).toBe('done')
    })
    it('does not roll when the item is not recurring', () => {
      expect(run(item, report, { type: 'ACCEPT', on: '2024-11-01', nextDue: '2024-11-30' }).value).toBe('done')
    })
  })

  it('names its states and which are open and which await a report', () => {
    expect(CONTROL_ITEM_STATES).toEqual(['on_control', 'extended', 'reported', 'done', 'removed'])
    expect(OPEN_STATES).toEqual(['on_control', 'extended', 'reported'])
    expect(AWAITING_REPORT_STATES).toEqual(['on_control', 'extended'])
  })

  it('derives overdue and due soon from the due date and today', () => {
    const t = (status: Parameters<typeof deriveTiming>[0]['status'], due: string | null) =>
      deriveTiming({ status, due }, '2024-10-10', '2024-10-13')
    expect(t('on_control', '2024-10-09')).toBe('overdue')
    expect(t('extended', '2024-10-09')).toBe('overdue')
    expect(t('on_control', '2024-10-10')).toBe('due_soon')
    expect(t('on_control', '2024-10-13')).toBe('due_soon')
    expect(t('on_control', '2024-10-14')).toBe('not_due')
    expect(t('on_control', null)).toBe('no_due_date')
    expect(t('reported', '2024-10-01')).toBe('awaiting_decision')
    expect(t('done', '2024-10-01')).toBe('settled')
    expect(t('removed', '2024-10-01')).toBe('settled')
  })
})
