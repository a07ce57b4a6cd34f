/** Calendar helpers. Pure: "now" is always an argument. */
import { LIMITS } from './limits'

export const ORGANIZATION_TIME_ZONE = 'Europe/Moscow'

// building an Intl formatter costs far more than using one (a millisecond a signature mark): one per zone and use
const formatters = new Map<string, Intl.DateTimeFormat>()
const formatter = (key: string, locale: string, options: Intl.DateTimeFormatOptions) => {
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options)
    formatters.set(key, f)
  }
  return f
}

/** The calendar date (YYYY-MM-DD) of an instant in the organization's time zone. */
export const calendarDate = (instant: Date, timeZone = ORGANIZATION_TIME_ZONE): string =>
  formatter(`date ${timeZone}`, 'en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  )

/** The time of day (HH:MM, 24 hours) of an instant in a time zone. */
export const clockTime = (instant: Date, timeZone = ORGANIZATION_TIME_ZONE): string =>
  formatter(`time ${timeZone}`, 'ru-RU', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    instant,
  )

/** YYYY-MM-DD → DD.MM.YYYY, the form ГОСТ Р 7.0.97 prescribes. */
export const russianDate = (isoDate: string): string => {
  const [y, m, d] = isoDate.split('-')
  return `${d}.${m}.${y}`
}

/** YYYY-MM-DD of a day that exists in any year of four digits but 0000 (PostgreSQL refuses it). */
export const isCalendarDay = (s: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || s.startsWith('0000')) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

/** Whether a date (YYYY-MM-DD) falls in the years the service takes and computes (LIMITS.date). */
export const inServiceYears = (s: string): boolean => {
  const year = Number(s.slice(0, 4))
  return /^\d{4}-/.test(s) && year >= LIMITS.date.firstYear && year <= LIMITS.date.lastYear
}

/**
 * A day that exists, in the years the service works with: a date outside them would be computed on (a day
 * after 9999-12-31, Moscow's day of an instant past JavaScript's range) into something no one can print.
 */
export const isIsoDate = (s: string): boolean => isCalendarDay(s) && inServiceYears(s)
