/**
 * Deadlines in the wild: what real orders put around a deadline that `parseDeadline` reads strictly — a
 * bracket «(до 5 сентября)», a footnote «25 августа 2019 года*», a time «22 июня 10.00 ч.», «т.г.» for the
 * current year, «Ежегодно (июнь)», a comma before the year «июль-август, 2021 г.», and words around it
 * («в период осенних каникул с 5 по 11 ноября 2007 года»). The text stays as written; what was set aside to
 * read it is said in `qualifier`. Where the text can be read two ways the answer is `unknown` with an
 * `ambiguous_deadline` problem naming both, never a guess.
 */
import type { ParseOptions, ParsedDeadline } from './deadline-words'
import { parseDeadline } from './deadlines'

const MONTH = '(?:январ|феврал|март|апрел|ма[йяюе]|июн|июл|август|сентябр|октябр|ноябр|декабр)\\p{L}*'

/** «своевременно», «в установленном порядке»: duties with no date, shown to the controller as «без срока» */
const NO_DATE =
  /^(?:своевременно|в установленном порядке|в установленный срок|по мере (?:необходимости|поступления)|согласно графику|по графику)$/iu

type Step = { re: RegExp; to: string | ((year: number) => string); note?: string }

/** Each step rewrites what `parseDeadline` does not read into what it does; `note` names what was set aside. */
const STEPS: readonly Step[] = [
  // a footnote mark or a superscript after a word or a figure
  { re: /(?<=[\p{L}\d.)])(?:\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)/gu, to: '', note: 'сноска' },
  // a time range of the day: «с 14 до 18 часов», «с 10.00 до 12.00», «14:00–18:00»
  {
    re: /,?\s*(?:с\s+)?\d{1,2}(?:[.:]\d{2})?\s*(?:ч\.?\s*)?(?:до|[-–—])\s*\d{1,2}(?:[.:]\d{2})?\s*(?:ч\.|час\p{L}*|ч(?=\s|$))/giu,
    to: '',
    note: 'время',
  },
  {
    re: /,?\s*(?:с\s+)?(?<![\d.])(?:\d{1,2}:\d{2}\s*(?:до|[-–—])\s*\d{1,2}:\d{2}|\d{1,2}\.(?:00|1[3-9]|[2-5]\d)\s*(?:до|[-–—])\s*\d{1,2}\.(?:00|1[3-9]|[2-5]\d))(?![\d.])/gu,
    to: '',
    note: 'время',
  },
  // a time: «10.00 ч.», «в 10:00», «10 час.», «в 15.30» (minutes past 12 cannot be a month)
  {
    re: /,?\s*(?:в\s+)?(?<![\d.])(?:\d{1,2}[.:]\d{2}\s*(?:ч\.|час\p{L}*\.?|ч(?=\s|$))|\d{1,2}:\d{2}|\d{1,2}\.(?:00|1[3-9]|[2-5]\d)(?![\d.])|\d{1,2}\s*(?:ч\.|час\p{L}*\.?))/giu,
    to: '',
    note: 'время',
  },
  // «т.г.», «с.г.», «текущего года», «сего года»: the year of the reference date
  { re: /\s*(?:т\.\s?г\.?|с\.\s?г\.?|(?:текущего|сего|этого)\s+года)(?=\s|$|[,;.)])/giu, to: (y) => ` ${y}` },
  // «Ежегодно (июнь)»: the month of a yearly duty in brackets
  { re: new RegExp(`\\(\\s*(${MONTH})\\s*\\)`, 'giu'), to: 'в $1' },
  // «июль-август, 2021 г.»: a comma before the year
  { re: new RegExp(`(${MONTH}|\\d)\\s*,\\s*(\\d{4})(?!\\d)`, 'giu'), to: '$1 $2' },
]
/** what can be a date among the words around a deadline: then the text says two things */
const DATE_WORD = new RegExp(`\\d|${MONTH}|квартал|полугоди|ежемесячн|ежегодн|ежеквартальн|еженедельн`, 'iu')

const known = (p: ParsedDeadline): boolean => p.kind !== 'unknown'

/** What brackets add agrees with the deadline outside them when it names no date, or the same one. */
const DATED: ReadonlySet<string> = new Set([
  'date',
  'month',
  'range',
  'quarter',
  'period',
  'dates',
  'recurring',
  'year',
])
const agrees = (inside: ParsedDeadline, outside: ParsedDeadline): boolean =>
  !DATED.has(inside.kind) ||
  (inside.kind === 'recurring'
    ? outside.kind === 'recurring' && inside.recurrence?.every === outside.recurrence?.every
    : inside.kind === outside.kind && inside.due === outside.due)

/** «с 14 до 18» right after a date with no unit: hours of that day, or the days of its month? */
const ambiguousHours = (text: string): string | undefined => {
  const m = new RegExp(
    `(\\d{1,2}\\s+${MONTH}(?:\\s+\\d{4}\\s*(?:г\\.?|года)?)?)\\s*,?\\s+с\\s+(\\d{1,2})\\s+(?:до|по)\\s+(\\d{1,2})$`,
    'iu',
  ).exec(text.trim())
  if (!m || Number(m[2]) > 24 || Number(m[3]) > 24) return undefined
  return `«${text.trim()}» читается двояко: ${m[1]} с ${m[2]} до ${m[3]} часов, или с ${m[2]} по ${m[3]} число: уточните срок`
}

const ambiguous = (text: string, message: string): ParsedDeadline => ({
  text,
  kind: 'unknown',
  dates: [],
  due: null,
  problems: [{ code: 'ambiguous_deadline', message }],
})

/** The words of `text` outside its part `core`, for the qualifier: «в период осенних каникул». */
const around = (text: string, core: string): string => {
  const at = text.indexOf(core)
  if (at < 0) return ''
  return `${text.slice(0, at)} ${text.slice(at + core.length)}`
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;.-]+|[\s,;.-]+$/g, '')
}

/**
 * The deadline a text names, read like `parseDeadline` and, when that does not read it, with what real
 * orders put around it set aside. `inner` finds a deadline among other words (the importer's sentence
 * finder); without it, words around are not looked through.
 */
export const readDeadline = (
  text: string,
  reference: string,
  options: ParseOptions = {},
  inner?: (text: string) => string | undefined,
): ParsedDeadline => {
  const direct = parseDeadline(text, reference, options)
  // a reading with a problem («14.00-16.00» read as dates that do not exist) may read cleanly once rewritten
  if (known(direct) && direct.problems.length === 0) return direct
  const doubtful = ambiguousHours(text)
  if (doubtful) return ambiguous(text, doubtful)
  if (NO_DATE.test(text.trim().replace(/[.;,]+$/, ''))) return { ...direct, kind: 'on_demand', problems: [] }
  let s = text
  const notes = new Set<string>()
  const year = Number(reference.slice(0, 4))
  for (const step of STEPS) {
    const to = step.to
    const next = typeof to === 'string' ? s.replace(step.re, to) : s.replace(step.re, () => to(year))
    if (next !== s && step.note) notes.add(step.note)
    s = next
  }
  const qualifier = (extra: string[]) => {
    const q = [...extra, ...notes].filter(Boolean).join('; ')
    return q ? { qualifier: q } : {}
  }
  // brackets around the whole or a part: «(до 5 сентября)»; then without what the brackets hold, said apart
  const unbracketed = s.replace(/[()]/g, ' ')
  const rewritten = parseDeadline(unbracketed, reference, options)
  if (known(rewritten)) return { ...rewritten, text, ...qualifier([]) }
  const aside = [...s.matchAll(/\(([^()]*)\)/g)].map((m) => m[1]!.trim())
  if (aside.length) {
    const outer = parseDeadline(s.replace(/\([^()]*\)/g, ' '), reference, options)
    const other = aside.find((a) => !agrees(parseDeadline(a, reference, options), outer))
    if (known(outer) && other !== undefined)
      return ambiguous(
        text,
        `«${text.trim()}»: срок «${outer.text.replace(/\s+/g, ' ').trim()}», а в скобках «${other}» — уточните срок`,
      )
    if (known(outer)) return { ...outer, text, ...qualifier(aside) }
  }
  // words around: the deadline proper among them, unless those words name a date of their own
  const core = inner?.(unbracketed)
  if (core && core.trim() !== unbracketed.trim()) {
    const found = parseDeadline(core, reference, options)
    const rest = around(unbracketed, core)
    if (known(found) && DATE_WORD.test(rest))
      return ambiguous(text, `«${text.trim()}»: срок «${core.trim()}», но рядом ещё «${rest}» — уточните срок`)
    if (known(found)) return { ...found, text, ...qualifier([rest]) }
  }
  return direct
}
