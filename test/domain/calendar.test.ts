import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addDays,
  addMonths,
  dayOfWeek,
  isWorkingDay,
  type ProductionCalendar,
  previousWorkingDay,
  russianCalendar,
} from '../../src/domain/calendar'

const weekendsOnly: ProductionCalendar = { holidays: new Set(), workdays: new Set() }

describe('date arithmetic', () => {
  it.each([
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2026-03-29', 1, '2026-03-30'],
    ['2026-10-25', 1, '2026-10-26'],
    ['2026-01-10', 0, '2026-01-10'],
    ['2026-01-10', 365, '2027-01-10'],
    ['0999-12-31', 1, '1000-01-01'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected)
  })

  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2025-03-31', 1, '2025-04-30'],
    ['2024-12-15', 1, '2025-01-15'],
    ['2025-01-15', -1, '2024-12-15'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-11-30', 3, '2025-02-28'],
    ['2026-05-10', 0, '2026-05-10'],
    ['2026-05-10', -13, '2025-04-10'],
    ['0500-01-31', 1, '0500-02-28'],
  ])('%s + %i months = %s (clamped to the month end)', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected)
  })

  it.each([
    ['2026-11-23', 1],
    ['2026-11-27', 5],
    ['2026-11-28', 6],
    ['2026-11-29', 7],
  ])('%s is ISO weekday %i', (date, day) => {
    expect(dayOfWeek(date)).toBe(day)
  })

  it('adding then subtracting days returns the date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: -1000, max: 1000 }), (offset, days) => {
        const date = addDays('1990-01-01', offset)
        expect(addDays(addDays(date, days), -days)).toBe(date)
      }),
    )
  })
})

describe('the Russian production calendar 2026–2027', () => {
  it.each([
    // the New Year holidays of 2026 and the day off transferred from Saturday 3 January to Friday 9 January
    ['2026-01-01', false],
    ['2026-01-02', false],
    ['2026-01-05', false],
    ['2026-01-08', false],
    ['2026-01-09', false],
    ['2026-01-12', true],
    ['2026-02-23', false],
    ['2026-02-24', true],
    // 8 March 2026 is a Sunday: the day off moves to Monday 9 March (Labour Code art. 112)
    ['2026-03-09', false],
    ['2026-03-10', true],
    ['2026-05-01', false],
    ['2026-05-04', true],
    ['2026-05-11', false],
    ['2026-06-12', false],
    ['2026-11-04', false],
    ['2026-11-05', true],
    // the day off transferred from Sunday 4 January to Thursday 31 December
    ['2026-12-31', false],
    ['2026-12-30', true],
    ['2027-01-08', false],
    ['2027-01-11', true],
    ['2027-02-23', false],
    ['2027-03-08', false],
    ['2027-05-03', false],
    ['2027-05-10', false],
    ['2027-06-14', false],
    ['2027-11-04', false],
    ['2027-11-05', true],
    // an ordinary Saturday and Sunday
    ['2026-11-28', false],
    ['2026-11-29', false],
    ['2026-11-27', true],
  ])('%s working: %s', (date, working) => {
    expect(isWorkingDay(date, russianCalendar)).toBe(working)
  })

  it('holds exactly the non-working weekdays of 2025–2027 and the one working Saturday', () => {
    expect(russianCalendar.holidays.size).toBe(15 + 14 + 12)
    for (const d of russianCalendar.holidays) expect(dayOfWeek(d)).toBeLessThanOrEqual(5)
    expect([...russianCalendar.workdays]).toEqual(['2025-11-01'])
    expect(isWorkingDay('2025-11-01', russianCalendar)).toBe(true)
  })

  it('a working Saturday (a transfer) is a working day', () => {
    const cal: ProductionCalendar = { holidays: new Set(['2027-11-05']), workdays: new Set(['2027-11-13']) }
    expect(isWorkingDay('2027-11-13', cal)).toBe(true)
    expect(isWorkingDay('2027-11-05', cal)).toBe(false)
    expect(previousWorkingDay('2027-11-14', cal)).toBe('2027-11-13')
    expect(previousWorkingDay('2027-11-07', cal)).toBe('2027-11-04')
  })
})

describe('previous working day', () => {
  it.each([
    // a Saturday and a Sunday move to Friday
    ['2026-11-28', '2026-11-27'],
    ['2026-11-29', '2026-11-27'],
    // a working day stays
    ['2026-11-27', '2026-11-27'],
    ['2026-11-23', '2026-11-23'],
    // 31 December 2026 is a day off (a transfer): Wednesday 30 December
    ['2026-12-31', '2026-12-30'],
    // the New Year holidays: back to the last working day of 2025
    ['2026-01-11', '2025-12-30'],
    ['2026-01-09', '2025-12-30'],
    // 2025: Saturday 1 November is a working day (its day off moved to Monday 3 November)
    ['2025-11-04', '2025-11-01'],
    ['2025-11-02', '2025-11-01'],
    ['2025-05-11', '2025-05-07'],
    // a transferred holiday: Monday 11 May 2026 (9 May was a Saturday) → Friday 8 May
    ['2026-05-11', '2026-05-08'],
    ['2026-03-09', '2026-03-06'],
    ['2026-06-14', '2026-06-11'],
  ])('%s → %s', (date, expected) => {
    expect(previousWorkingDay(date, russianCalendar)).toBe(expected)
  })

  it('gives up a year back on a calendar without a working day', () => {
    const days = Array.from({ length: 800 }, (_, i) => addDays('2025-01-01', i))
    const none: ProductionCalendar = { holidays: new Set(days), workdays: new Set() }
    expect(previousWorkingDay('2026-12-31', none)).toBe('2025-12-30')
  })

  it.each([
    // Постановление Правительства РФ от 04.10.2024 № 1335
    '2025-01-01',
    '2025-01-02',
    '2025-01-03',
    '2025-01-06',
    '2025-01-07',
    '2025-01-08',
    '2025-05-01',
    '2025-05-02',
    '2025-05-08',
    '2025-05-09',
    '2025-06-12',
    '2025-06-13',
    '2025-11-03',
    '2025-11-04',
    '2025-12-31',
  ])('%s is a day off in 2025', (date) => {
    expect(isWorkingDay(date, russianCalendar)).toBe(false)
  })

  it('outside the calendar only weekends are days off', () => {
    expect(previousWorkingDay('2030-01-01', weekendsOnly)).toBe('2030-01-01')
    expect(previousWorkingDay('2030-01-06', weekendsOnly)).toBe('2030-01-04')
  })

  it('is a working day, not after the date, with no working day between', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 730 }), (offset) => {
        const date = addDays('2026-01-01', offset)
        const p = previousWorkingDay(date, russianCalendar)
        expect(isWorkingDay(p, russianCalendar)).toBe(true)
        expect(p <= date).toBe(true)
        for (let d = addDays(p, 1); d <= date; d = addDays(d, 1)) expect(isWorkingDay(d, russianCalendar)).toBe(false)
      }),
    )
  })
})
