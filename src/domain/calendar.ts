/**
 * The production calendar: which days are working days. Pure date arithmetic on ISO dates (YYYY-MM-DD),
 * computed in UTC so that no time zone or clock enters.
 */
export type ProductionCalendar = {
  /** non-working weekdays: public holidays and the days off they were transferred to */
  holidays: ReadonlySet<string>
  /** working Saturdays and Sundays (a day off transferred away from them) */
  workdays: ReadonlySet<string>
}

/**
 * Russia, 2025 to 2027.
 *
 * The public holidays are those of the Labour Code, art. 112 part 1: 1–6 and 8 January (New Year holidays),
 * 7 January, 23 February, 8 March, 1 May, 9 May, 12 June, 4 November. When one of them falls on a Saturday or
 * Sunday, the day off moves to the next working day (art. 112 part 2), except for the January holidays, which
 * the Government transfers by a yearly decree.
 *
 * 2025 — Постановление Правительства РФ от 04.10.2024 № 1335 «О переносе выходных дней в 2025 году» (kept for
 * orders registered in 2025 still on control): the days off of Saturday 4 January → Friday 2 May, Sunday
 * 5 January → Wednesday 31 December, Sunday 23 February → Thursday 8 May, Saturday 8 March → Friday 13 June,
 * Saturday 1 November → Monday 3 November, so Saturday 1 November 2025 is a working day.
 *
 * 2026 — Постановление Правительства РФ от 24.09.2025 № 1466 «О переносе выходных дней в 2026 году»:
 * the day off of Saturday 3 January moves to Friday 9 January, that of Sunday 4 January to Thursday
 * 31 December; 8 March (Sunday) gives Monday 9 March and 9 May (Saturday) Monday 11 May by art. 112.
 * No working Saturday.
 *
 * 2027 — no decree on transfers for 2027 had been published in the sources available when this was written
 * (the Ministry of Labour's draft was under discussion). This table holds what the Labour Code itself fixes:
 * the holidays on weekdays and the art. 112 moves (1 May, Saturday → Monday 3 May; 9 May, Sunday → Monday
 * 10 May; 12 June, Saturday → Monday 14 June). The decree's transfer of 2 and 3 January (a Saturday and a
 * Sunday) must be added by the administrator once published; the calendar is editable per organization.
 */
export const russianCalendar: ProductionCalendar = {
  holidays: new Set([
    // 2025
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
    // 2026
    '2026-01-01',
    '2026-01-02',
    '2026-01-05',
    '2026-01-06',
    '2026-01-07',
    '2026-01-08',
    '2026-01-09',
    '2026-02-23',
    '2026-03-09',
    '2026-05-01',
    '2026-05-11',
    '2026-06-12',
    '2026-11-04',
    '2026-12-31',
    // 2027
    '2027-01-01',
    '2027-01-04',
    '2027-01-05',
    '2027-01-06',
    '2027-01-07',
    '2027-01-08',
    '2027-02-23',
    '2027-03-08',
    '2027-05-03',
    '2027-05-10',
    '2027-06-14',
    '2027-11-04',
  ]),
  workdays: new Set(['2025-11-01']),
}

const MS_PER_DAY = 86_400_000

/** Year, month (1–12) and day of an ISO date. */
export const dateParts = (date: string): [number, number, number] => [
  Number(date.slice(0, 4)),
  Number(date.slice(5, 7)),
  Number(date.slice(8, 10)),
]

const toUtc = (date: string): number => {
  const [y, m, d] = dateParts(date)
  return Date.UTC(y, m - 1, d)
}

const fromUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

/** The ISO day of the week: 1 Monday … 7 Sunday. */
export const dayOfWeek = (date: string): number => {
  const d = new Date(toUtc(date)).getUTCDay()
  return d === 0 ? 7 : d
}

export const isWorkingDay = (date: string, cal: ProductionCalendar): boolean => {
  if (cal.workdays.has(date)) return true
  if (cal.holidays.has(date)) return false
  return dayOfWeek(date) <= 5
}

/** The date itself when it is a working day, else the closest working day before it. */
export const previousWorkingDay = (date: string, cal: ProductionCalendar): string => {
  let d = date
  // a calendar always has working days: the loop ends within a few weeks even for a hand-edited one
  for (let i = 0; i < 366 && !isWorkingDay(d, cal); i++) d = addDays(d, -1)
  return d
}

export const addDays = (date: string, days: number): string => fromUtc(toUtc(date) + days * MS_PER_DAY)

export const lastDayOfMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate()

/** The same day `months` later; a day the target month lacks becomes its last day (31 Jan + 1 → 28/29 Feb). */
export const addMonths = (date: string, months: number): string => {
  const [y, m, d] = dateParts(date)
  const index = y * 12 + (m - 1) + months
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  return isoDate(year, month, Math.min(d, lastDayOfMonth(year, month)))
}

export const isoDate = (year: number, month: number, day: number): string =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
