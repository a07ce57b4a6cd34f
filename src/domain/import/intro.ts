import type { OrderKind } from '../content'
import { squash, startsLower } from './lines'
import { markerOf } from './points'
import { doubt, leave, type Line, type Notes } from './types'

/**
 * The title («Об утверждении …», over as many lines as it takes), the preamble («Руководствуясь …»,
 * «В соответствии с …») and the directive word, in any of its spellings: «п р и к а з ы в а ю:»,
 * «ПРИКАЗЫВАЮ:», at the end of the preamble's own line, or absent.
 */
const DIRECTIVES = [
  'приказываю',
  'приказываем',
  'постановляю',
  'постановляет',
  'решил',
  'решила',
  'решено',
  'обязываю',
  'предлагаю',
  'распоряжаюсь',
]
const spaced = (word: string): string => [...word].join('\\s*')
const DIRECTIVE = DIRECTIVES.map(spaced).join('|')
const DIRECTIVE_LINE = new RegExp(`^(?:${DIRECTIVE})\\s*[:.]?$`, 'iu')
/** at the end of a line: in capitals, letter-spaced or with its colon, so that a plain verb in a sentence is not taken */
const DIRECTIVE_END = new RegExp(`[\\s,]((?:${DIRECTIVE})\\s*:?)$`, 'iu')

export const PREAMBLE_START =
  /^(?:В\s+соответствии|Руководствуясь|На\s+основании|В\s+целях|С\s+целью|Во\s+исполнение|В\s+связи|Согласно|Рассмотрев|В\s+рамках|Учитывая|В\s+силу|Заслушав|По\s+результатам|По\s+итогам|С\s+учет|С\s+учёт|В\s+порядке|Для\s+)/u
const TITLE_START = /^(?:О|Об|Обо|По|Про)\s/u

/** The directive word of a line: the whole line, or its end («…, ПРИКАЗЫВАЮ:»); undefined when none. */
export const directiveOf = (text: string): { before: string; word: string } | undefined => {
  const s = text.trim()
  if (DIRECTIVE_LINE.test(s)) return { before: '', word: s }
  // the word is at the end: only the line's tail is searched, however long the line
  const m = DIRECTIVE_END.exec(s.slice(-60))
  if (!m) return undefined
  const word = m[1] ?? ''
  const spacedOut = /\p{L}\s+\p{L}\s+\p{L}/u.test(word)
  if (!(word === word.toUpperCase() || spacedOut || word.endsWith(':'))) return undefined
  return { before: s.slice(0, s.length - m[0].length + 1).trim(), word }
}

/** The standard word of the kind is the template's to write; another one («ОБЯЗЫВАЮ:») is kept. */
const isStandard = (word: string, kind: OrderKind): boolean => {
  const letters = word.toLowerCase().replace(/[^\p{L}]/gu, '')
  return kind === 'prikaz' && (letters === 'приказываю' || letters === 'приказываем')
}

const ends = (text: string) => /[.;:!?]$/.test(text)

/** A title goes on while its next line starts in lower case, with a quote or a bracket, or the line above breaks off after a short word. */
const continuesTitle = (prev: string, next: string): boolean =>
  !markerOf(next) &&
  !directiveOf(next) &&
  !PREAMBLE_START.test(next) &&
  (startsLower(next) || /^[«"„(]/.test(next) || (!ends(prev) && /(?:^|\s)[а-яё]{1,3}$/u.test(prev)))

export type Intro = { title: string; preamble: string; directive?: string; next: number }

/**
 * Reads lines[from, to) up to the first point: `to` is where the points may begin at the latest (the first
 * numbered line, or the signer). Without a directive or numbers, the preamble is the first paragraph that
 * opens like one.
 */
export const readIntro = (lines: readonly Line[], from: number, to: number, kind: OrderKind, notes: Notes): Intro => {
  let i = from
  const text = (j: number) => squash(lines[j]!.text)
  let title = ''
  if (i < to && !PREAMBLE_START.test(text(i)) && !markerOf(text(i)) && !directiveOf(text(i))) {
    const parts = [text(i)]
    i++
    while (i < to && continuesTitle(parts[parts.length - 1]!, text(i))) parts.push(text(i++))
    title = parts.join(' ')
    if (!TITLE_START.test(title))
      doubt(notes, 'title', 'Заголовок обычно начинается с «О …», «Об …»: проверьте, что это заголовок')
  } else doubt(notes, 'title', 'Заголовок приказа («Об …») в тексте не найден')

  // the directive, if there is one before the first numbered point
  let d = -1
  for (let j = i; j < to; j++) {
    if (markerOf(text(j))) break
    if (directiveOf(text(j))) {
      d = j
      break
    }
  }
  const preambleLines: string[] = []
  let directive: string | undefined
  let next: number
  if (d >= 0) {
    for (let j = i; j < d; j++) preambleLines.push(text(j))
    const found = directiveOf(text(d))!
    if (found.before) preambleLines.push(found.before)
    if (isStandard(found.word, kind)) leave(notes, found.word, 'слово «приказываю»: шаблон ставит его сам')
    else directive = found.word
    next = d + 1
  } else {
    let j = i
    // no directive: the preamble runs to the first numbered point, or is the one paragraph that opens like one
    const numbered = lines.slice(i, to).findIndex((l) => markerOf(squash(l.text)))
    if (numbered >= 0) j = i + numbered
    else if (i < to && PREAMBLE_START.test(text(i))) {
      j = i + 1
      while (j < to && !lines[j]!.blankBefore && startsLower(text(j))) j++
    }
    for (let k = i; k < j; k++) preambleLines.push(text(k))
    next = j
  }
  let preamble = ''
  for (const line of preambleLines)
    preamble = preamble === '' ? line : `${preamble}${startsLower(line) && !ends(preamble) ? ' ' : '\n'}${line}`
  return { title, preamble, ...(directive ? { directive } : {}), next }
}
