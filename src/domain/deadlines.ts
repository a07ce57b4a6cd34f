/**
 * Deadlines as users write them in orders and their roadmaps («до 15.06.2022 г.», «сентябрь-октябрь 2024»,
 * «2 квартал 2025», «ежемесячно», «в течение года», «по мере необходимости»…), parsed into dates.
 *
 * Pure: the reference date (the order's registration date) is an argument. The dates are those the text
 * names; record-keeping practice (working days, the 10th of the next month for monthly reports…) is applied
 * later by `controlDueDate`. What the parser does not recognise is kind `unknown` with a problem: it never
 * guesses. Year-less dates («до 1 сентября») are read as the first such date on or after the reference date.
 */
import { addDays, addMonths, dateParts, dayOfWeek, isoDate, lastDayOfMonth } from './calendar'
import { inServiceYears } from './dates'
import { LIMITS } from './limits'

export type DeadlineKind =
  | 'date'
  | 'month'
  | 'range'
  | 'quarter'
  | 'period'
  | 'dates'
  | 'recurring'
  | 'year'
  | 'continuous'
  | 'on_demand'
  | 'urgent'
  | 'operative'
  | 'unknown'

/**
 * A repeating deadline. Without `day`, each occurrence is the last day of its period (Sunday of the week,
 * the month's last day, the quarter's, 30 June / 31 December, 31 December or the `month`'s last day).
 * With `day`: for 'week' the ISO weekday (1 Monday … 7 Sunday); for 'month' the day of every month; for
 * 'quarter' and 'halfyear' the day of the month after each period (reports on the period just ended); for
 * 'year' the day of `month`.
 */
export type Recurrence = { every: 'week' | 'month' | 'quarter' | 'halfyear' | 'year'; day?: number; month?: number }

export type DeadlineProblem = {
  code: 'unknown_deadline' | 'reversed_range' | 'invalid_date' | 'ambiguous_deadline'
  message: string
}

export type ParsedDeadline = {
  /** as written */
  text: string
  kind: DeadlineKind
  /** ISO dates as written: a date → [d]; range, month, quarter, period, year → [start, end]; dates → each due */
  dates: string[]
  /**
   * The due date the text names, before any working-day shift. null: no due date — on_demand, continuous,
   * unknown, a problem (reversed range, invalid date), a recurring rule past its end, and urgent/operative,
   * whose number of days is the organization's practice (`controlDueDate`).
   */
  due: string | null
  recurrence?: Recurrence
  /** end of the period a recurring, continuous or yearly deadline runs in, when known */
  until?: string
  /** what follows the deadline proper: «(по необходимости)», «в соответствии с графиком мероприятий» */
  qualifier?: string
  problems: DeadlineProblem[]
}

export type ParseOptions = { schoolYear?: { start: number } }

// ---------------------------------------------------------------------------------------------------------
// words

const MONTHS: readonly RegExp[] = [
  /^январ[ьяюе]м?$/,
  /^феврал[ьяюе]м?$/,
  /^март(?:а|у|е|ом)?$/,
  /^апрел[ьяюе]м?$/,
  /^ма(?:й|я|ю|е|ем)$/,
  /^июн[ьяюе]м?$/,
  /^июл[ьяюе]м?$/,
  /^август(?:а|у|е|ом)?$/,
  /^сентябр[ьяюе]м?$/,
  /^октябр[ьяюе]м?$/,
  /^ноябр[ьяюе]м?$/,
  /^декабр[ьяюе]м?$/,
]
/** a month's name in any case (checked by `monthNumber`) */
const MONTH = '(?:январ|феврал|март|апрел|ма[йяюе]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*'

const monthNumber = (word: string | undefined): number | undefined => {
  if (word === undefined) return undefined
  const i = MONTHS.findIndex((re) => re.test(word))
  return i < 0 ? undefined : i + 1
}

/** «1», «1-й», «i», «первый», «первого» → 1 … up to `max` */
const ORDINAL = '(?:\\d{1,2}(?:-?(?:й|го|м|ом|ый|е|я|ая))?|[ivx]+|перв[а-я]*|втор[а-я]*|трет[а-я]*|четв[её]рт[а-я]*)'
const ordinalNumber = (word: string | undefined, max: number): number | undefined => {
  if (word === undefined) return undefined
  const w = word.replace(/-.*$/, '')
  let n: number | undefined
  if (/^\d/.test(w)) n = Number.parseInt(w, 10)
  else if (/^[ivx]+$/.test(w)) n = { i: 1, ii: 2, iii: 3, iv: 4 }[w]
  else if (w.startsWith('перв')) n = 1
  else if (w.startsWith('втор')) n = 2
  else if (w.startsWith('трет')) n = 3
  else if (w.startsWith('четв')) n = 4
  return n !== undefined && n >= 1 && n <= max ? n : undefined
}

const NOT_LETTER_BEFORE = '(?<![а-яa-z])'
const NOT_LETTER_AFTER = '(?![а-яa-z])'

/**
 * Lower case, one kind of dash and space, «г.»/«гг.»/«года» after a year dropped, a school year
 * («2023/2024 учебный год», «2024-2025 уч. г.») turned into the token `уг2023`.
 */
const normalize = (text: string): string =>
  text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\u00a0\u2009\u202f\s]+/g, ' ')
    .replace(/[\u2010-\u2015\u2212\u2043]/g, '-')
    .replace(/(\d{4}) ?[/-] ?(\d{4})(?: ?(?:учебн[а-я]*|уч\.?) ?(?:год[а-я]*|гг?\.?)?)/g, (whole, a, b) =>
      Number(b) === Number(a) + 1 ? ` уг${a} ` : whole,
    )
    .replace(new RegExp(`(\\d{4}) ?(?:гг?\\.?|год[а-я]*)${NOT_LETTER_AFTER}`, 'g'), '$1')
    .replace(/ ?- ?/g, '-')
    .replace(/ +/g, ' ')
    .replace(/^[\s.,;:]+|[\s.,;:]+$/g, '')

// ---------------------------------------------------------------------------------------------------------
// results

type Context = { reference: string; schoolYear?: { start: number }; text: string; qualifier?: string }

const result = (
  ctx: Context,
  kind: DeadlineKind,
  dates: string[],
  due: string | null,
  extra: Partial<ParsedDeadline> = {},
): ParsedDeadline => ({
  text: ctx.text,
  kind,
  dates,
  due,
  ...(ctx.qualifier ? { qualifier: ctx.qualifier } : {}),
  ...extra,
  problems: extra.problems ?? [],
})

const unknown = (text: string): ParsedDeadline => ({
  text,
  kind: 'unknown',
  dates: [],
  due: null,
  problems: [
    { code: 'unknown_deadline', message: `Срок «${text}» не распознан: укажите дату, месяц, квартал или период` },
  ],
})

const schoolYearEnd = (start: number): string => isoDate(start + 1, 8, 31)
const schoolYearStart = (start: number): string => isoDate(start, 9, 1)
/** the school year a date falls in: it begins on 1 September */
const schoolYearAt = (date: string): number => {
  const [y, m] = dateParts(date)
  return m >= 9 ? y : y - 1
}
const yearOf = (date: string): number => Number(date.slice(0, 4))
const monthEnd = (year: number, month: number): string => isoDate(year, month, lastDayOfMonth(year, month))

// ---------------------------------------------------------------------------------------------------------
// fixed words

const URGENT = /^(?:срочно|незамедлительно|немедленно|в срочном порядке|в кратчайшие сроки)$/
const OPERATIVE = /^(?:оперативно|в оперативном порядке)$/
const CONTINUOUS =
  /^(?:постоянно|на постоянной основе|в постоянном режиме|систематически|ежедневно|весь период|в течение всего периода)$/
/** «по графику», «по мере необходимости»: they may also follow a deadline as its qualifier */
const ON_DEMAND =
  '(?:по мере (?:необходимости|поступления|готовности)[а-я ]*|по необходимости|при необходимости|по запросу[а-я ]*|по требованию[а-я ]*|в установленные сроки|в сроки,? (?:установленные|определенные|утвержденные|указанные) [а-я ]+|(?:в соответствии|согласно) (?:с )?(?:графику?|планом?|расписанию?|сроками|срокам)[^()]*|по (?:установленному |утвержденному |отдельному |единому |своему )?(?:графику|плану|расписанию)[^()]*)'
const ON_DEMAND_WHOLE = new RegExp(`^\\(?${ON_DEMAND}\\)?$`)
const QUALIFIED = new RegExp(`^(.*?)[ ,;-]*(\\(${ON_DEMAND}\\)|${NOT_LETTER_BEFORE}${ON_DEMAND})$`)

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
const parseItems = (main: string, ctx: Context): ParsedDeadline | undefined => {
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
const parseQuarter = (s: string, ctx: Context): ParsedDeadline | undefined => {
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

const parseHalfYear = (s: string, ctx: Context): ParsedDeadline | undefined => {
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

const parseSeason = (s: string, ctx: Context): ParsedDeadline | undefined => {
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

const parseDecade = (s: string, ctx: Context): ParsedDeadline | undefined => {
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
const parseWithin = (s: string, ctx: Context): ParsedDeadline | undefined => {
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
const parseUntilEnd = (s: string, ctx: Context): ParsedDeadline | undefined => {
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
const parseYear = (s: string, ctx: Context): ParsedDeadline | undefined => {
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
const parseYears = (s: string, ctx: Context): ParsedDeadline | undefined => {
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

// ---------------------------------------------------------------------------------------------------------
// recurring

const FREQUENCY: readonly [RegExp, Recurrence['every']][] = [
  [/еженедельн[а-я]*|(?:не реже )?(?:1 |одного |один )?раз[а]? в неделю|каждую неделю/, 'week'],
  // «по пятницам» alone: weekly on that day (the weekday stays in the rest of the phrase)
  [/по(?= (?:понедельникам|вторникам|средам|четвергам|пятницам|субботам|воскресеньям)$)/, 'week'],
  [/ежемесячн[а-я]*|(?:не реже )?(?:1 |одного |один )?раз[а]? в месяц|каждый месяц|каждого месяца|помесячно/, 'month'],
  [/ежеквартальн[а-я]*|(?:не реже )?(?:1 |одного |один )?раз[а]? в квартал|каждый квартал|поквартально/, 'quarter'],
  [/(?:не реже )?(?:1 |одного |один )?раз[а]? в полугодие|каждое полугодие|(?:2|два) раза в год/, 'halfyear'],
  [/ежегодн[а-я]*|(?:не реже )?(?:1 |одного |один )?раз[а]? в год|каждый год/, 'year'],
]

const WEEKDAYS: readonly RegExp[] = [
  /^понедельник/,
  /^вторник/,
  /^сред/,
  /^четверг/,
  /^пятниц/,
  /^суббот/,
  /^воскресень/,
]

/** The rest of a recurring phrase: «до 5 числа», «до 31 мая», «в сентябре», «по пятницам», «в течение года». */
const parseRecurrenceRest = (
  rest: string,
  every: Recurrence['every'],
  ctx: Context,
): { recurrence: Recurrence; until?: string } | undefined => {
  const recurrence: Recurrence = { every }
  let until: string | undefined
  let s = rest
  // a period it runs in
  const during = /(?:^| )(?:в течение|на протяжении) (?:всего )?(?:(года|учебного года)|(\d{4})|(уг\d{4}))$/.exec(s)
  if (during) {
    if (during[2]) until = isoDate(Number(during[2]), 12, 31)
    else if (during[3]) until = schoolYearEnd(Number(during[3].slice(2)))
    else if (during[1] === 'учебного года' || ctx.schoolYear)
      until = schoolYearEnd(ctx.schoolYear?.start ?? schoolYearAt(ctx.reference))
    else until = isoDate(yearOf(ctx.reference), 12, 31)
    s = s.slice(0, during.index).trim()
  }
  s = s
    .replace(/[()]/g, ' ')
    .replace(/ +/g, ' ')
    .replace(/^[ ,;-]+|[ ,;-]+$/g, '')
  if (s === '') return { recurrence, until }
  if (every === 'week') {
    const m = /^(?:(?:по|в|во|каждый|каждую|каждое) )?([а-я]+)$/.exec(s)
    const day = m ? WEEKDAYS.findIndex((re) => re.test(m[1] ?? '')) : -1
    if (day < 0) return undefined
    return { recurrence: { every, day: day + 1 }, until }
  }
  if (every === 'year') {
    // «ежегодно до 20 января года, следующего за отчетным»: the date of the year after the one reported on
    s = s.replace(/,? ?(?:года,? )?следующего за (?:отчетным|истекшим)(?: годом)?$/, '')
    let m = new RegExp(`^(?:(?:в срок )?(?:до|не позднее|к) )?(\\d{1,2}) (${MONTH})$`).exec(s)
    if (m) {
      const month = monthNumber(m[2])
      const day = Number(m[1])
      // 29 February recurs only in leap years: refuse it rather than pick another day
      if (!month || day < 1 || day > lastDayOfMonth(2023, month)) return undefined
      return { recurrence: { every, month, day }, until }
    }
    m = /^(?:(?:в срок )?(?:до|не позднее|к) )?(\d{1,2})\.(\d{1,2})$/.exec(s)
    if (m) {
      const month = Number(m[2])
      const day = Number(m[1])
      if (month < 1 || month > 12 || day < 1 || day > lastDayOfMonth(2023, month)) return undefined
      return { recurrence: { every, month, day }, until }
    }
    m = new RegExp(`^(?:в|во|до конца) (${MONTH})$`).exec(s)
    if (m) {
      const month = monthNumber(m[1])
      return month ? { recurrence: { every, month }, until } : undefined
    }
    return undefined
  }
  // «до 5 числа», «к 25 числу», «5 числа каждого месяца», «до 10 числа месяца, следующего за отчетным»
  const m =
    /^(?:(?:в срок )?(?:до|не позднее|к) )?(\d{1,2})(?:-?(?:го|е))? ?(?:числа|числу|число)?(?: (?:каждого |следующего )?месяца)?(?:,? следующего за (?:отчетным|истекшим)(?: (?:месяцем|кварталом|периодом|полугодием))?)?$/.exec(
      s,
    )
  if (!m) return undefined
  const day = Number(m[1])
  if (day < 1 || day > 31) return undefined
  return { recurrence: { every, day }, until }
}

const recurring = (ctx: Context, parsed: { recurrence: Recurrence; until?: string }): ParsedDeadline => {
  const until = parsed.until ?? (ctx.schoolYear ? schoolYearEnd(ctx.schoolYear.start) : undefined)
  const deadline = result(ctx, 'recurring', [], null, {
    recurrence: parsed.recurrence,
    ...(until ? { until } : {}),
  })
  return { ...deadline, due: nextOccurrence(deadline, ctx.reference) }
}

const parseRecurring = (s: string, ctx: Context): ParsedDeadline | undefined => {
  for (const [re, every] of FREQUENCY) {
    const m = new RegExp(`${NOT_LETTER_BEFORE}(?:${re.source})${NOT_LETTER_AFTER}`).exec(s)
    if (!m) continue
    const rest = `${s.slice(0, m.index)} ${s.slice(m.index + m[0].length)}`.replace(/ +/g, ' ').trim()
    const parsed = parseRecurrenceRest(rest, every, ctx)
    return parsed ? recurring(ctx, parsed) : undefined
  }
  // «до 20 числа месяца, следующего за отчетным»: a periodic report without the word «ежемесячно»
  const report = /следующего за (?:отчетным|истекшим)(?: (месяцем|кварталом|периодом|полугодием))?$/.exec(s)
  if (!report) return undefined
  const every = report[1] === 'кварталом' ? 'quarter' : report[1] === 'полугодием' ? 'halfyear' : 'month'
  const parsed = parseRecurrenceRest(s, every, ctx)
  return parsed ? recurring(ctx, parsed) : undefined
}

/** The occurrence of a recurrence in the period that contains `date` (it may lie before `date`). */
const occurrenceOf = (r: Recurrence, date: string): string => {
  const [y, m] = dateParts(date)
  switch (r.every) {
    case 'week':
      return addDays(date, (r.day ?? 7) - dayOfWeek(date))
    case 'month':
      return isoDate(y, m, Math.min(r.day ?? 31, lastDayOfMonth(y, m)))
    case 'quarter':
    case 'halfyear': {
      const length = r.every === 'quarter' ? 3 : 6
      const last = Math.ceil(m / length) * length
      if (r.day === undefined) return monthEnd(y, last)
      const after = addMonths(isoDate(y, last, 1), 1)
      const [ay, am] = dateParts(after)
      return isoDate(ay, am, Math.min(r.day, lastDayOfMonth(ay, am)))
    }
    case 'year': {
      const month = r.month ?? 12
      return isoDate(y, month, Math.min(r.day ?? 31, lastDayOfMonth(y, month)))
    }
  }
}

const periodStep = (r: Recurrence): { days?: number; months?: number } =>
  r.every === 'week'
    ? { days: 7 }
    : { months: r.every === 'month' ? 1 : r.every === 'quarter' ? 3 : r.every === 'halfyear' ? 6 : 12 }

/**
 * The next due date of a recurring deadline strictly after `after`; null when it is past `until`, or the
 * deadline is not recurring.
 */
export const nextOccurrence = (deadline: ParsedDeadline, after: string): string | null => {
  const r = deadline.recurrence
  if (deadline.kind !== 'recurring' || !r) return null
  const step = periodStep(r)
  // the period containing `after` and the next two: a report on a period may fall in the period after it
  let probe = step.days
    ? addDays(after, -step.days)
    : addMonths(after.slice(0, 8).concat('01'), -(step.months as number))
  for (let i = 0; i < 4; i++) {
    const occurrence = occurrenceOf(r, probe)
    if (occurrence > after) return deadline.until !== undefined && occurrence > deadline.until ? null : occurrence
    probe = step.days ? addDays(probe, step.days) : addMonths(probe, step.months as number)
  }
  return null
}

// ---------------------------------------------------------------------------------------------------------

/** «2023/2024 учебный год», «в 2024-2025 учебном году» → {start: 2023}; the first one named. */
export const schoolYearOf = (text: string): { start: number } | undefined => {
  const m = /(\d{4}) ?[/\-\u2010-\u2015\u2212] ?(\d{4}) ?(?:учебн|уч\.)/i.exec(text.replace(/[\u00a0\s]+/g, ' '))
  if (!m || Number(m[2]) !== Number(m[1]) + 1) return undefined
  return { start: Number(m[1]) }
}

/**
 * The last day of an order's period, which bounds its recurring and continuous duties: the school year it
 * names, else the calendar year of its registration (as «в течение года» reads).
 */
export const orderPeriodEnd = (schoolYear: { start: number } | undefined, registered: string): string =>
  schoolYear ? schoolYearEnd(schoolYear.start) : isoDate(yearOf(registered), 12, 31)

const PARSERS: readonly ((s: string, ctx: Context) => ParsedDeadline | undefined)[] = [
  parseYear,
  parseYears,
  parseUntilEnd,
  parseQuarter,
  parseHalfYear,
  parseSeason,
  parseDecade,
  parseWithin,
  parseRecurring,
  parseItems,
]

/** A continuous duty runs to the end of the school year the order names, when it names one. */
const continuous = (ctx: Context): ParsedDeadline =>
  result(ctx, 'continuous', [], null, ctx.schoolYear ? { until: schoolYearEnd(ctx.schoolYear.start) } : {})

const parseAsWritten = (text: string, reference: string, options: ParseOptions): ParsedDeadline => {
  const s = normalize(text)
  if (s === '') return unknown(text)
  const ctx: Context = { reference, text, schoolYear: options.schoolYear }
  if (URGENT.test(s)) return result(ctx, 'urgent', [], null)
  if (OPERATIVE.test(s)) return result(ctx, 'operative', [], null)
  if (CONTINUOUS.test(s)) return continuous(ctx)
  if (ON_DEMAND_WHOLE.test(s)) return result(ctx, 'on_demand', [], null)
  // «в течение года (по необходимости)», «в течение года-в соответствии с графиком»: the deadline, then a qualifier
  const q = QUALIFIED.exec(s)
  let main = s
  if (q && q[1] !== '') {
    main = (q[1] ?? '').replace(/[ ,;-]+$/, '')
    ctx.qualifier = (q[2] ?? '').replace(/^\(|\)$/g, '')
  }
  if (CONTINUOUS.test(main)) return continuous(ctx)
  for (const parse of PARSERS) {
    const parsed = parse(main, ctx)
    if (parsed) return parsed
  }
  return unknown(text)
}

/**
 * A deadline parsed, its dates inside the years the service works with: «до 31.12.9999» is not a date anyone
 * means, and a working day after it could not be printed (README «Limits»).
 */
export const parseDeadline = (text: string, reference: string, options: ParseOptions = {}): ParsedDeadline => {
  const parsed = parseAsWritten(text, reference, options)
  const dates = [...parsed.dates, parsed.due, parsed.until].filter((d): d is string => typeof d === 'string')
  if (dates.every(inServiceYears)) return parsed
  return {
    text,
    kind: 'unknown',
    dates: [],
    due: null,
    problems: [
      {
        code: 'invalid_date',
        message: `Срок «${text}» выходит за ${LIMITS.date.firstYear}–${LIMITS.date.lastYear} годы`,
      },
    ],
  }
}
