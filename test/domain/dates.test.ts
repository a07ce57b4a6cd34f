import { describe, expect, it } from 'vitest'
import { calendarDate, clockTime, isIsoDate, ORGANIZATION_TIME_ZONE, russianDate } from '../../src/domain/dates'

describe('dates', () => {
  it("gives the calendar date in the organization's time zone (Moscow), or another one", () => {
    expect(ORGANIZATION_TIME_ZONE).toBe('Europe/Moscow')
    expect(calendarDate(new Date('2026-03-10T20:59:59Z'))).toBe('2026-03-10')
    expect(calendarDate(new Date('2026-03-10T21:00:00Z'))).toBe('2026-03-11')
    expect(calendarDate(new Date('2026-03-10T21:00:00Z'), 'UTC')).toBe('2026-03-10')
    expect(calendarDate(new Date('2026-03-10T21:00:00Z'), 'Asia/Vladivostok')).toBe('2026-03-11')
    // a formatter is kept per zone: the second call in another zone is not served by the first's
    expect(calendarDate(new Date('2026-01-01T03:00:00Z'), 'America/New_York')).toBe('2025-12-31')
    expect(calendarDate(new Date('2026-01-01T03:00:00Z'))).toBe('2026-01-01')
  })

  it('gives the time of day on a 24-hour clock in a zone, kept apart from the date of the same zone', () => {
    expect(clockTime(new Date('2026-11-23T21:05:00Z'))).toBe('00:05')
    expect(calendarDate(new Date('2026-11-23T21:05:00Z'))).toBe('2026-11-24')
    expect(clockTime(new Date('2026-11-24T20:59:00Z'), 'Europe/Moscow')).toBe('23:59')
    expect(clockTime(new Date('2026-11-24T20:59:00Z'), 'UTC')).toBe('20:59')
    expect(clockTime(new Date('2026-07-01T12:30:00Z'), 'Asia/Vladivostok')).toBe('22:30')
  })

  it('writes dates as DD.MM.YYYY', () => {
    expect(russianDate('2024-09-05')).toBe('05.09.2024')
  })

  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['0000-01-01', false],
    ['0001-01-01', false],
    ['1899-12-31', false],
    ['1900-01-01', true],
    ['2199-12-31', true],
    ['2200-01-01', false],
    ['9999-12-31', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['x2026-01-01', false],
    ['2026-01-01x', false],
    ['26-01-01', false],
    ['', false],
  ])('%s is an ISO date: %s', (s, ok) => {
    expect(isIsoDate(s)).toBe(ok)
  })
})
