import { describe, expect, it } from 'vitest'
import { controlToday } from '../../src/services/control-view'

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
