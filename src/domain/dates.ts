/** Calendar helpers. Pure: "now" is always an argument. */
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

/**
 * YYYY-MM-DD of a day that exists, year 0001 to 9999: there is no year 0000 (PostgreSQL refuses it, and
 * a query or a row holding it would fail in the database instead of being refused as input).
 */
export const isIsoDate = (s: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || s.startsWith('0000')) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}
