/** Calendar helpers. Pure: "now" is always an argument. */
export const ORGANIZATION_TIME_ZONE = 'Europe/Moscow'

/** The calendar date (YYYY-MM-DD) of an instant in the organization's time zone. */
const formatters = new Map<string, Intl.DateTimeFormat>()

export const calendarDate = (instant: Date, timeZone = ORGANIZATION_TIME_ZONE): string => {
  // building an Intl formatter costs far more than using one
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    formatters.set(timeZone, f)
  }
  return f.format(instant)
}

/** YYYY-MM-DD → DD.MM.YYYY, the form ГОСТ Р 7.0.97 prescribes. */
export const russianDate = (isoDate: string): string => {
  const [y, m, d] = isoDate.split('-')
  return `${d}.${m}.${y}`
}

export const isIsoDate = (s: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}
