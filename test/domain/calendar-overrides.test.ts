import { describe, expect, it } from 'vitest'
import { isWorkingDay, russianCalendar } from '../../src/domain/calendar'
import { withOverrides } from '../../src/domain/calendar-overrides'

describe('an organization’s production calendar', () => {
  it('is the built-in one when the organization changed nothing', () => {
    expect(withOverrides(russianCalendar, [])).toBe(russianCalendar)
  })

  it('makes a weekday a holiday and a holiday or a weekend a working day, leaving the base alone', () => {
    const cal = withOverrides(russianCalendar, [
      { day: '2026-05-29', working: false }, // a Friday
      { day: '2026-05-30', working: true }, // a Saturday
      { day: '2026-12-31', working: true }, // a transferred day off
    ])
    expect(isWorkingDay('2026-05-29', cal)).toBe(false)
    expect(isWorkingDay('2026-05-30', cal)).toBe(true)
    expect(isWorkingDay('2026-12-31', cal)).toBe(true)
    expect(isWorkingDay('2026-05-28', cal)).toBe(true)
    expect(isWorkingDay('2026-05-29', russianCalendar)).toBe(true)
    expect(isWorkingDay('2026-12-31', russianCalendar)).toBe(false)
  })

  it('lets a later change undo an earlier one', () => {
    const cal = withOverrides(russianCalendar, [
      { day: '2026-05-29', working: false },
      { day: '2026-05-29', working: true },
    ])
    expect(isWorkingDay('2026-05-29', cal)).toBe(true)
  })
})
