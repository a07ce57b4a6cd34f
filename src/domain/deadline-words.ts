/**
 * The words of deadline phrases as users write them in orders and their roadmaps («до 15.06.2022 г.»,
 * «сентябрь-октябрь 2024», «2 квартал 2025», «ежемесячно»…), and the parsed deadline they become: its kinds,
 * its problems, the months, ordinals and school years every parser reads, and the builders of its results.
 */
import { dateParts, isoDate, lastDayOfMonth } from './calendar'

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
export const MONTH = '(?:январ|феврал|март|апрел|ма[йяюе]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*'

export const monthNumber = (word: string | undefined): number | undefined => {
  if (word === undefined) return undefined
  const i = MONTHS.findIndex((re) => re.test(word))
  return i < 0 ? undefined : i + 1
}

/** «1», «1-й», «i», «первый», «первого» → 1 … up to `max` */
export const ORDINAL =
  '(?:\\d{1,2}(?:-?(?:й|го|м|ом|ый|е|я|ая))?|[ivx]+|перв[а-я]*|втор[а-я]*|трет[а-я]*|четв[её]рт[а-я]*)'
export const ordinalNumber = (word: string | undefined, max: number): number | undefined => {
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

export const NOT_LETTER_BEFORE = '(?<![а-яa-z])'
export const NOT_LETTER_AFTER = '(?![а-яa-z])'

/**
 * Lower case, one kind of dash and space, «г.»/«гг.»/«года» after a year dropped, a school year
 * («2023/2024 учебный год», «2024-2025 уч. г.») turned into the token `уг2023`.
 */
export const normalize = (text: string): string =>
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

export type Context = { reference: string; schoolYear?: { start: number }; text: string; qualifier?: string }

export const result = (
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

export const unknown = (text: string): ParsedDeadline => ({
  text,
  kind: 'unknown',
  dates: [],
  due: null,
  problems: [
    { code: 'unknown_deadline', message: `Срок «${text}» не распознан: укажите дату, месяц, квартал или период` },
  ],
})

export const schoolYearEnd = (start: number): string => isoDate(start + 1, 8, 31)
export const schoolYearStart = (start: number): string => isoDate(start, 9, 1)
/** the school year a date falls in: it begins on 1 September */
export const schoolYearAt = (date: string): number => {
  const [y, m] = dateParts(date)
  return m >= 9 ? y : y - 1
}
export const yearOf = (date: string): number => Number(date.slice(0, 4))
export const monthEnd = (year: number, month: number): string => isoDate(year, month, lastDayOfMonth(year, month))
