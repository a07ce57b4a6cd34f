/**
 * Deadlines that name dates and periods: «до 15.06.2022 г.», «сентябрь-октябрь 2024», «2 квартал 2025»,
 * «весна 2025», «в течение 10 дней», «до конца учебного года», «2024-2025 гг.». Year-less dates («до 1
 * сентября») are read as the first such date on or after the reference date.
 */
import { addDays, addMonths, dateParts, isoDate, lastDayOfMonth } from './calendar'
import {
  type Context,
  MONTH,
  monthEnd,
  monthNumber,
  ORDINAL,
  type ParsedDeadline,
  ordinalNumber,
  result,
  schoolYearAt,
  schoolYearEnd,
  schoolYearStart,
  yearOf,
} from './deadline-words'

// ---------------------------------------------------------------------------------------------------------
// dates and months

type Point = { day?: number; month: number; year?: number }
type Item = { from: Point; to?: Point }

const PREFIX =
  /^(?:до конца|до окончания|к концу|к окончанию|в конце|конец|(?:в срок |срок )?(?:до|не позднее|не позже|к)|в течение|(?:в|на) период|на|в|во|по)\s+/

const parsePoint = (s: string): Point | undefined => {
  let m = /^(\d{1,2})\.(\d{1,2})(?:\.(\d{4}|\d{2}))?$/.exec(s)
  if (m) {
    const year = m[3] === undefined ? undefined : m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3])
    return { day: Number(m[1]), month: Number(m[2]), year }
  }
  // «03.2025»: a month written in figures
  m = /^(\d{1,2})\.(\d{4})$/.exec(s)
  if (m) return { month: Number(m[1]), year: Number(m[2]) }
  m = new RegExp(`^(\\d{1,2})(?:-?(?:го|е))? (${MONTH})(?: (\\d{4}))?$`).exec(s)
  if (m) {
    const month = monthNumber(m[2])
    return month ? { day: Number(m[1]), month, year: m[3] ? Number(m[3]) : undefined } : undefined
  }
  m = new RegExp(`^(${MONTH})(?: (\\d{4}))?$`).exec(s)
  if (m) {
    const month = monthNumber(m[1])
    return month ? { month, year: m[2] ? Number(m[2]) : undefined } : undefined
  }
  return undefined
}

const stripPrefix = (s: string): string => {
  let t = s
  for (let i = 0; i < 3; i++) {
    const next = t.replace(PREFIX, '')
    if (next === t) break
    t = next
  }
  return t
}

const parseItem = (raw: string): Item | undefined => {
  const s = stripPrefix(raw)
  const single = parsePoint(s)
  if (single) return { from: single }
  // «с 01.09.2024 по 31.05.2025», «с 1 по 15 сентября»
  let m = /^с (.+?) (?:по|до) (.+)$/.exec(s)
  // «сентябрь-октябрь 2024», «01.09.2024-31.05.2025», «1-15 сентября»
  if (!m) m = /^(.+?)-(.+)$/.exec(s)
  if (!m) return undefined
  const to = parsePoint(stripPrefix(m[2] ?? ''))
  if (!to) return undefined
  const fromText = stripPrefix(m[1] ?? '')
  // «1-15 сентября»: the first day borrows the month of the second
  const from =
    /^\d{1,2}$/.test(fromText) && to.day !== undefined
      ? { day: Number(fromText), month: to.month }
      : parsePoint(fromText)
  if (!from) return undefined
  if ((from.day === undefined) !== (to.day === undefined)) return undefined
  return { from, to }
}

/** The first and last day a point covers, or undefined when the day does not exist in its month. */
const span = (p: Point & { year: number }): [string, string] | undefined => {
  // there is no year 0000: «до 01.01.0000» is a date that does not exist, not a due date the database refuses
  if (p.year < 1 || p.month < 1 || p.month > 12) return undefined
  if (p.day === undefined) return [isoDate(p.year, p.month, 1), monthEnd(p.year, p.month)]
  if (p.day < 1 || p.day > lastDayOfMonth(p.year, p.month)) return undefined
  const d = isoDate(p.year, p.month, p.day)
  return [d, d]
}

const pointEnd = (p: Point, year: number): string =>
  p.day === undefined ? monthEnd(year, p.month) : isoDate(year, p.month, Math.min(p.day, 31))

/** The first year in which the point ends on or after `notBefore`. */
const yearOnOrAfter = (p: Point, notBefore: string): number => {
  const y = yearOf(notBefore)
  return pointEnd(p, y) >= notBefore ? y : y + 1
}

const invalid = (ctx: Context, what: string): ParsedDeadline =>
  result(ctx, 'date', [], null, {
    problems: [{ code: 'invalid_date', message: `Дата «${what}» не существует` }],
  })

const pointText = (p: Point & { year: number }): string => {
  const mm = `${String(p.month).padStart(2, '0')}.${String(p.year).padStart(4, '0')}`
  return p.day === undefined ? mm : `${String(p.day).padStart(2, '0')}.${mm}`
}

/** One or several dates, months or ranges; a year written once applies to those written before it. */
export const parseItems = (main: string, ctx: Context): ParsedDeadline | undefined => {
  const parts = main.split(/ ?[,;] ?| и /).filter((p) => p !== '')
  if (parts.length === 0) return undefined
  const items: Item[] = []
  for (const part of parts) {
    const item = parseItem(part)
    if (!item) return undefined
    items.push(item)
  }
  // a year written once applies to every point before it («сентябрь-октябрь 2024», «март, июнь 2025»)
  const points = items.flatMap((i) => (i.to ? [i.from, i.to] : [i.from]))
  let carried: number | undefined
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i] as Point
    if (p.year !== undefined) carried = p.year
    else if (carried !== undefined) p.year = carried
  }
  // no year at all: the first such on or after the reference date (a range: the first that ends then)
  for (const item of items) {
    if (item.to && item.to.year === undefined) {
      item.to.year = yearOnOrAfter(item.to, ctx.reference)
      item.from.year =
        pointEnd(item.from, item.to.year) <= pointEnd(item.to, item.to.year) ? item.to.year : item.to.year - 1
    } else if (item.from.year === undefined) item.from.year = yearOnOrAfter(item.from, ctx.reference)
  }

  const spans: [string, string][] = []
  for (const item of items) {
    for (const p of item.to ? [item.from, item.to] : [item.from]) {
      if (!span(p as Point & { year: number })) return invalid(ctx, pointText(p as Point & { year: number }))
    }
    const a = span(item.from as Point & { year: number }) as [string, string]
    const b = item.to ? (span(item.to as Point & { year: number }) as [string, string]) : a
    spans.push([a[0], b[1]])
  }

  if (items.length === 1) {
    const [start, end] = spans[0] as [string, string]
    const item = items[0]
    if (item?.to) {
      if (start > end)
        return result(ctx, 'range', [start, end], null, {
          problems: [{ code: 'reversed_range', message: `Начало срока «${ctx.text}» позже его конца` }],
        })
      return result(ctx, 'range', [start, end], end)
    }
    if (item?.from.day === undefined) return result(ctx, 'month', [start, end], end)
    return result(ctx, 'date', [start], start)
  }
  const dues = spans.map(([, end]) => end)
  for (const [start, end] of spans)
    if (start > end)
      return result(ctx, 'dates', dues, null, {
        problems: [{ code: 'reversed_range', message: `Начало срока «${ctx.text}» позже его конца` }],
      })
  // the earliest still ahead; when all have passed, the latest (overdue)
  const ahead = dues.filter((d) => d >= ctx.reference).sort()
  const next = ahead[0] ?? [...dues].sort()[dues.length - 1]
  return result(ctx, 'dates', dues, next ?? null)
}

// ---------------------------------------------------------------------------------------------------------
// quarters, half-years, seasons, decades and other periods

const QUARTER_WORD = '(?:квартал[а-я]*|кв\\.?)'
const QUARTER = new RegExp(
  `^(?:(?:в течение|в|во|до конца|до окончания|к концу|в конце|на|за|с) )?(${ORDINAL})(?: ?${QUARTER_WORD})?(?: (\\d{4}))?(?:-| по | - )(?:(?:до|по) )?(${ORDINAL}) ?${QUARTER_WORD}(?: (\\d{4}))?$|^(?:(?:в течение|в|во|до конца|до окончания|к концу|в конце|на|за) )?(${ORDINAL}) ?${QUARTER_WORD}(?: (\\d{4}))?$`,
)
const HALF_YEAR = new RegExp(
  `^(?:(?:в течение|в|во|до конца|до окончания|к концу|в конце|на|за) )?(${ORDINAL}) ?(?:полугоди[а-я]*)(?: (\\d{4}))?$`,
)

/** A span of months [first, last] of a year; without a written year, the first one ending on or after the reference. */
const monthSpan = (ctx: Context, first: number, last: number, year: number | undefined): [string, string] => {
  const y =
    year ?? (monthEnd(yearOf(ctx.reference), last) >= ctx.reference ? yearOf(ctx.reference) : yearOf(ctx.reference) + 1)
  return [isoDate(y, first, 1), monthEnd(y, last)]
}

/** «2 квартал 2025», «II кв.», «I-II квартал 2025», «3 квартал 2024 - 1 квартал 2025» */
export const parseQuarter = (s: string, ctx: Context): ParsedDeadline | undefined => {
  const m = QUARTER.exec(s)
  if (!m) return undefined
  const single = m[5] !== undefined
  const a = ordinalNumber(single ? m[5] : m[1], 4)
  const b = single ? a : ordinalNumber(m[3], 4)
  if (a === undefined || b === undefined) return undefined
  const toYear = single ? m[6] : m[4]
  // a year written once applies to both ends
  const fromYear = single ? toYear : (m[2] ?? toYear)
  const [, end] = monthSpan(ctx, b * 3 - 2, b * 3, toYear ? Number(toYear) : undefined)
  const [start] = fromYear
    ? monthSpan(ctx, a * 3 - 2, a * 3, Number(fromYear))
    : // no year at all: the range ends on or after the reference and starts before its end
      monthSpan(ctx, a * 3 - 2, a * 3, a <= b ? yearOf(end) : yearOf(end) - 1)
  if (single) return result(ctx, 'quarter', [start, end], end)
  if (start > end)
    return result(ctx, 'range', [start, end], null, {
      problems: [{ code: 'reversed_range', message: `Начало срока «${ctx.text}» позже его конца` }],
    })
  return result(ctx, 'range', [start, end], end)
}

export const parseHalfYear = (s: string, ctx: Context): ParsedDeadline | undefined => {
  const m = HALF_YEAR.exec(s)
  if (!m) return undefined
  const h = ordinalNumber(m[1], 2)
  if (h === undefined) return undefined
  const [start, end] = monthSpan(ctx, h * 6 - 5, h * 6, m[2] ? Number(m[2]) : undefined)
  return result(ctx, 'period', [start, end], end)
}

const SEASONS: readonly [RegExp, number, number][] = [
  [/^(?:весн[а-я]*|весенн[а-я]* период[а-я]*)$/, 3, 5],
  [/^(?:лет[оа]м?|летн[а-я]* (?:период[а-я]*|каникул[а-я]*|месяц[а-я]*)|период летних каникул)$/, 6, 8],
  [/^(?:осень[юи]?|осенн[а-я]* период[а-я]*)$/, 9, 11],
]

export const parseSeason = (s: string, ctx: Context): ParsedDeadline | undefined => {
  const m = /^(?:(?:в течение|в|во|на|за) )?(.+?)(?: (\d{4}))?$/.exec(s)
  if (!m) return undefined
  for (const [re, first, last] of SEASONS) {
    if (!re.test(m[1] ?? '')) continue
    const [start, end] = monthSpan(ctx, first, last, m[2] ? Number(m[2]) : undefined)
    return result(ctx, 'period', [start, end], end)
  }
  return undefined
}

const DECADE = new RegExp(
  `^(?:(?:в течение|в|во|до конца|до окончания) )?(${ORDINAL}) декад[а-я]* (${MONTH})(?: (\\d{4}))?$`,
)

export const parseDecade = (s: string, ctx: Context): ParsedDeadline | undefined => {
  const m = DECADE.exec(s)
  if (!m) return undefined
  const n = ordinalNumber(m[1], 3)
  const month = monthNumber(m[2])
  if (n === undefined || month === undefined) return undefined
  const year = m[3] ? Number(m[3]) : yearOnOrAfter({ month, day: n * 10 }, ctx.reference)
  const start = isoDate(year, month, n * 10 - 9)
  const end = n === 3 ? monthEnd(year, month) : isoDate(year, month, n * 10)
  return result(ctx, 'period', [start, end], end)
}

const NUMBER_WORDS: Record<string, number> = {
  одно: 1,
  одного: 1,
  двух: 2,
  трех: 3,
  четырех: 4,
  пяти: 5,
  шести: 6,
  семи: 7,
  десяти: 10,
  пятнадцати: 15,
  тридцати: 30,
}

/** «в течение 10 дней», «в 3-дневный срок», «в течение месяца», «в двухнедельный срок»: from the reference date */
export const parseWithin = (s: string, ctx: Context): ParsedDeadline | undefined => {
  let days: number | undefined
  let months: number | undefined
  const words = Object.keys(NUMBER_WORDS).join('|')
  let m = new RegExp(
    `^в течение (?:(?:(\\d{1,3})(?:-?(?:х|ти|и|ми))?|(${words})) )?(?:календарных )?(дн[а-я]*|недел[а-я]*|месяц[а-я]*)$`,
  ).exec(s)
  if (m) {
    const unit = m[3] ?? ''
    // «в течение дней» names no number
    if (m[1] === undefined && m[2] === undefined && unit.startsWith('дн')) return undefined
    const n = m[1] !== undefined ? Number(m[1]) : m[2] !== undefined ? (NUMBER_WORDS[m[2]] ?? 0) : 1
    if (n < 1) return undefined
    if (unit.startsWith('дн')) days = n
    else if (unit.startsWith('недел')) days = n * 7
    else months = n
  } else {
    m = /^в (\d{1,3}-?(?:х|ти|и|ми)?|[а-я]+?)(?:-| )?(дневный|недельный|месячный) срок$/.exec(s)
    if (!m) m = /^в (\d{1,3}|)(дневный|недельный|месячный) срок$/.exec(s)
    if (!m) return undefined
    const word = m[1] ?? ''
    // «в недельный срок», «в месячный срок»: one; «в дневный срок» names no number
    if (word === '' && m[2] === 'дневный') return undefined
    const n = word === '' ? 1 : /^\d/.test(word) ? Number.parseInt(word, 10) : NUMBER_WORDS[word]
    if (n === undefined || !(n >= 1)) return undefined
    if (m[2] === 'дневный') days = n
    else if (m[2] === 'недельный') days = n * 7
    else months = n
  }
  const due = days !== undefined ? addDays(ctx.reference, days) : addMonths(ctx.reference, months as number)
  return result(ctx, 'period', [ctx.reference, due], due)
}

/** «до конца года», «до конца 2025», «до конца учебного года», «до конца месяца», «до конца квартала» */
export const parseUntilEnd = (s: string, ctx: Context): ParsedDeadline | undefined => {
  const m =
    /^(?:до конца|до окончания|к концу|к окончанию|в конце) (?:(?:текущего|календарного|этого) )?(года|\d{4}|учебного года|уг\d{4}|месяца|квартала|полугодия)$/.exec(
      s,
    )
  if (!m) return undefined
  const ref = ctx.reference
  const [y, mo] = dateParts(ref)
  if (m[1] === 'года') return result(ctx, 'period', [isoDate(y, 1, 1), isoDate(y, 12, 31)], isoDate(y, 12, 31))
  if (/^\d{4}$/.test(m[1] ?? '')) {
    const year = Number(m[1])
    return result(ctx, 'period', [isoDate(year, 1, 1), isoDate(year, 12, 31)], isoDate(year, 12, 31))
  }
  if (m[1] === 'месяца') return result(ctx, 'period', [isoDate(y, mo, 1), monthEnd(y, mo)], monthEnd(y, mo))
  if (m[1] === 'квартала') {
    const q = Math.ceil(mo / 3)
    return result(ctx, 'period', [isoDate(y, q * 3 - 2, 1), monthEnd(y, q * 3)], monthEnd(y, q * 3))
  }
  if (m[1] === 'полугодия') {
    const h = mo <= 6 ? 1 : 2
    return result(ctx, 'period', [isoDate(y, h * 6 - 5, 1), monthEnd(y, h * 6)], monthEnd(y, h * 6))
  }
  const start = m[1]?.startsWith('уг') ? Number(m[1].slice(2)) : (ctx.schoolYear?.start ?? schoolYearAt(ref))
  return result(ctx, 'period', [schoolYearStart(start), schoolYearEnd(start)], schoolYearEnd(start))
}

/**
 * The year: «в течение года» is the school year when the order names one, else the calendar year of the
 * reference date; «в течение 2025 года» is 2025; «в течение учебного года», «2024/2025 учебный год».
 */
export const parseYear = (s: string, ctx: Context): ParsedDeadline | undefined => {
  const m =
    /^(?:(?:в течение|на протяжении|в|на) )?(?:(?:всего|целого|весь) )?(?:(текущего|календарного|этого) )?(года|год|\d{4}|учебного года|учебный год|уг\d{4})$/.exec(
      s,
    )
  if (!m) return undefined
  // «текущего/календарного года» is the calendar year even when the order names a school year
  const calendarYear = m[1] !== undefined
  const word = m[2] ?? ''
  let start: number
  if (/^\d{4}$/.test(word)) {
    const y = Number(word)
    const end = isoDate(y, 12, 31)
    return result(ctx, 'year', [isoDate(y, 1, 1), end], end, { until: end })
  }
  if (word.startsWith('уг')) start = Number(word.slice(2))
  else if (word.startsWith('учебн')) start = ctx.schoolYear?.start ?? schoolYearAt(ctx.reference)
  else if (ctx.schoolYear && !calendarYear) start = ctx.schoolYear.start
  else {
    const y = yearOf(ctx.reference)
    const end = isoDate(y, 12, 31)
    return result(ctx, 'year', [isoDate(y, 1, 1), end], end, { until: end })
  }
  const end = schoolYearEnd(start)
  return result(ctx, 'year', [schoolYearStart(start), end], end, { until: end })
}

/** «2024-2025 гг.», «в течение 2024-2025 годов»: calendar years from the first to the last */
export const parseYears = (s: string, ctx: Context): ParsedDeadline | undefined => {
  const m = /^(?:(?:в течение|на протяжении|в|на) )?(\d{4})-(\d{4})$/.exec(s)
  if (!m) return undefined
  const start = isoDate(Number(m[1]), 1, 1)
  const end = isoDate(Number(m[2]), 12, 31)
  if (start > end)
    return result(ctx, 'range', [start, end], null, {
      problems: [{ code: 'reversed_range', message: `Начало срока «${ctx.text}» позже его конца` }],
    })
  return result(ctx, 'range', [start, end], end)
}
