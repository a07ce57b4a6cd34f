import { describe, expect, it } from 'vitest'
import { allowedControlActions, controlToday } from '../../src/services/control-view'

const at = (iso: string) => ({ now: () => new Date(iso) })

describe('control view', () => {
  it('counts today in Moscow and, unless DUE_SOON_DAYS says otherwise, three days ahead as due soon', () => {
    // 22:30 UTC on 1 March is already 2 March in Moscow (UTC+3)
    expect(controlToday({ clock: at('2026-03-01T22:30:00Z') })).toEqual({
      today: '2026-03-02',
      dueSoonLimit: '2026-03-05',
    })
    expect(controlToday({ clock: at('2026-03-01T20:30:00Z') }).today).toBe('2026-03-01')
    // the organization's own setting wins, zero included (only what is due today is due soon)
    expect(controlToday({ clock: at('2026-03-02T09:00:00Z'), dueSoonDays: 7 }).dueSoonLimit).toBe('2026-03-09')
    expect(controlToday({ clock: at('2026-03-02T09:00:00Z'), dueSoonDays: 0 }).dueSoonLimit).toBe('2026-03-02')
  })
})

describe('the control board’s buttons', () => {
  const controller = { role: 'controller', organizationId: 'A' } as const
  const director = { role: 'director', organizationId: 'A' } as const
  const clerk = { role: 'clerk', organizationId: 'A' } as const

  it('offers what the machine takes in the item’s state, and nothing in another', () => {
    expect(allowedControlActions(controller, 'on_control', {}).sort()).toEqual(['extend', 'remove', 'report'])
    expect(allowedControlActions(controller, 'extended', {}).sort()).toEqual(['extend', 'remove', 'report'])
    // a reported item waits for a decision on its report: no new due date under it
    expect(allowedControlActions(controller, 'reported', {}).sort()).toEqual(['accept', 'remove', 'return'])
    expect(allowedControlActions(controller, 'done', {})).toEqual(['reopen'])
    expect(allowedControlActions(controller, 'removed', {})).toEqual(['reopen'])
  })

  it('shows a director only what the service lets them do: extend and remove on the orders they signed', () => {
    expect(allowedControlActions(director, 'on_control', { signedTheOrder: false })).toEqual([])
    expect(allowedControlActions(director, 'on_control', { signedTheOrder: true }).sort()).toEqual(['extend', 'remove'])
    expect(allowedControlActions(director, 'reported', { signedTheOrder: true })).toEqual(['remove'])
    expect(allowedControlActions(clerk, 'on_control', { signedTheOrder: true })).toEqual([])
  })
})
