/**
 * Deadlines as users write them in orders and their roadmaps («до 15.06.2022 г.», «сентябрь-октябрь 2024»,
 * «2 квартал 2025», «ежемесячно», «в течение года», «по мере необходимости»…), parsed into dates.
 *
 * Pure: the reference date (the order's registration date) is an argument. The dates are those the text
 * names; record-keeping practice (working days, the 10th of the next month for monthly reports…) is applied
 * later by `controlDueDate`. What the parser does not recognise is kind `unknown` with a problem: it never
 * guesses. The words and results live in `deadline-words`, dates and periods in `deadline-periods`, recurring
 * rules in `recurrence`; this file tries them in order.
 */
import { isoDate } from './calendar'
import { inServiceYears } from './dates'
import {
  type Context,
  NOT_LETTER_BEFORE,
  normalize,
  type ParsedDeadline,
  type ParseOptions,
  result,
  schoolYearEnd,
  unknown,
  yearOf,
} from './deadline-words'
import {
  parseDecade,
  parseHalfYear,
  parseItems,
  parseQuarter,
  parseSeason,
  parseUntilEnd,
  parseWithin,
  parseYear,
  parseYears,
} from './deadline-periods'
import { LIMITS } from './limits'
import { parseRecurring } from './recurrence'

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
