import type { ParseOptions, ParsedDeadline } from '../deadline-words'
import { readDeadline } from '../deadline-phrases'

/**
 * The deadline inside a point's sentence: «…разработать планы не позднее 30.11.2023.», «…провести (до 5
 * сентября) …», «…ежемесячно до 5 числа…». Candidates start where a deadline may start (a preposition of
 * time, a date, a month, a word of frequency) and are read longest first; a date after «от» or «№» cites a
 * document and is no deadline. Two different deadlines in one sentence are reported, not chosen between.
 */
const MONTH = '(?:январ|феврал|март|апрел|ма[йяюе]|июн|июл|август|сентябр|октябр|ноябр|декабр)\\p{L}*'
const ANCHOR = new RegExp(
  [
    'в\\s+срок',
    'до\\s',
    'не\\s+позднее',
    'не\\s+позже',
    'к\\s+\\d',
    'с\\s+\\d',
    'в\\s+течение',
    'в\\s+период',
    'в\\s+(?:I{1,3}|IV|\\d)\\s*(?:кв|полуг)',
    'ежемесячн',
    'ежеквартальн',
    'ежегодн',
    'еженедельн',
    'ежедневн',
    'постоянно',
    'срочно',
    'незамедлительно',
    'своевременно',
    'по\\s+мере',
    'в\\s+установленн',
    'согласно\\s+график',
    '\\d{1,2}\\.\\d{1,2}\\.\\d{2,4}',
    `\\d{1,2}\\s*[-–—]\\s*\\d{1,2}\\s+${MONTH}`,
    `\\d{1,2}\\s+${MONTH}`,
    `(?:в|во)\\s+${MONTH}`,
    `${MONTH}\\s*[-–—]`,
  ].join('|'),
  'giu',
)
/** what a deadline may end with; other word ends are not tried */
const END_WORD = new RegExp(
  `(?:\\d|г\\.?|год\\p{L}*|квартал\\p{L}*|кв\\.|полугоди\\p{L}*|месяц\\p{L}*|недел\\p{L}*|дн\\p{L}*|числ\\p{L}*|${MONTH}|ежемесячно|ежеквартально|ежегодно|еженедельно|ежедневно|постоянно|срочно|незамедлительно|своевременно|необходимости|график\\p{L}*|каникул\\p{L}*|ч|час\\p{L}*|сроки|срок|порядке|\\*)$`,
  'iu',
)
/** a sentence ends at «;», «:», a line break, or a full stop before a capital */
const BREAK = /[;:!?\n]|\.\s+(?=\p{Lu})/u
const MAX_WORDS = 12
/** readings tried for one text at most: a sentence of many dates costs a bounded time, and says no deadline */
const MAX_TRIES = 80

export type FoundDeadline = { phrase: string; parsed: ParsedDeadline } | { ambiguous: string[] }

/** The punctuation a sentence puts after a deadline, and a bracket it did not open: «(до 20 января).» */
const tidyEnd = (s: string): string => {
  // the full stop of an abbreviation stays: «т.г.», «2024 г.», «10.00 ч.»
  const strip = (x: string) => (/(?:^|[\s.])(?:г|гг|т\.г|с\.г|ч|час|кв)\.$/u.test(x) ? x : x.replace(/[.,;»"]+$/u, ''))
  let t = strip(s)
  while (t.endsWith(')') && (t.match(/\(/g)?.length ?? 0) < (t.match(/\)/g)?.length ?? 0)) t = strip(t.slice(0, -1))
  return t
}

const candidatesAt = (text: string, at: number): string[] => {
  const rest = text.slice(at, at + 240)
  const stop = BREAK.exec(rest)
  const span = stop ? rest.slice(0, stop.index) : rest
  const ends: string[] = []
  let words = 0
  for (const m of span.matchAll(/\S+/g)) {
    if (++words > MAX_WORDS) break
    const candidate = tidyEnd(span.slice(0, m.index + m[0].length))
    const last = candidate.split(/\s+/).pop() ?? ''
    if (END_WORD.test(last.replace(/[.,;)»"]+$/u, '')) || /\)$/.test(m[0])) ends.push(candidate)
  }
  return ends.reverse()
}

export const findDeadline = (
  text: string,
  reference: string,
  options: ParseOptions = {},
): FoundDeadline | undefined => {
  const found: { phrase: string; parsed: ParsedDeadline; end: number }[] = []
  let covered = 0
  let tries = 0
  for (const m of text.matchAll(ANCHOR)) {
    if (tries >= MAX_TRIES) break
    const at = m.index
    if (at < covered) continue
    if (at > 0 && /[\p{L}\d]/u.test(text[at - 1] ?? '')) continue
    // «от 03.10.2023», «№ 5 от …»: the date of a document cited
    if (/(?:\sот|^от|№)\s*$/u.test(text.slice(Math.max(0, at - 4), at))) continue
    for (const candidate of candidatesAt(text, at)) {
      if (++tries > MAX_TRIES) break
      const parsed = readDeadline(candidate, reference, options)
      if (parsed.kind === 'unknown') continue
      found.push({ phrase: candidate.trim(), parsed, end: at + candidate.length })
      covered = at + candidate.length
      break
    }
  }
  if (found.length === 0) return undefined
  const distinct = [...new Set(found.map((f) => f.phrase))]
  if (distinct.length > 1 && new Set(found.map((f) => f.parsed.due ?? f.parsed.kind)).size > 1)
    return { ambiguous: distinct }
  const first = found[0]!
  return { phrase: first.phrase, parsed: first.parsed }
}

/**
 * A deadline as a clerk or a table cell writes it, read in the wild: strictly when it can be, else with the
 * brackets, footnotes, times and words around it set aside (deadline-phrases.ts).
 */
export const readWrittenDeadline = (text: string, reference: string, options: ParseOptions = {}): ParsedDeadline =>
  readDeadline(text, reference, options, (s) => {
    const found = findDeadline(s, reference, options)
    return found && 'phrase' in found ? found.phrase : undefined
  })
