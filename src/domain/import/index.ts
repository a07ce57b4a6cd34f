import type { Point } from '../content'
import { schoolYearOf } from '../deadlines'
import { LIMITS } from '../limits'
import { isAppendixStart, readAppendices } from './appendices'
import { findDeadline } from './deadline-in-sentence'
import { findExecutors } from './executors'
import { readHeading } from './heading'
import { readIntro } from './intro'
import { squash, toLines } from './lines'
import { markerOf, readPoints } from './points'
import { endsWithSigner, findSigner } from './signer'
import { doubt, type ImportOptions, type ImportResult, leave, type Line, type Notes } from './types'

export type { ImportResult } from './types'
export { wordBalance } from './words'

/**
 * The text of an order — typed, pasted from Word or from a site, or read from a DOCX — as the order's
 * content, with what the importer was unsure about (`doubts`, each at its field) and every piece of text it
 * did not place in a text field (`leftOut`, with why). Nothing is «fixed»: the slips of the text (a «2.1.»
 * under «3.», an appendix cited by another number) stay as written and are named in the doubts.
 *
 * Linear in the text: each line is looked at a bounded number of times.
 */
export const importOrder = (text: string, options: ImportOptions = {}): ImportResult => {
  const notes: Notes = { doubts: [], leftOut: [] }
  const { lines, markup } = toLines(text)
  const result = readLines(lines, notes, options)
  if (markup.length) leave(notes, markup.join(' '), 'разметка HTML, вставленная с сайта')
  return result
}

/** The first appendix: a mark line with a signer above it, so that a point citing «Приложение» opens none. */
const appendixStart = (lines: readonly Line[], from: number): number => {
  let signed = false
  for (let i = from; i < lines.length; i++) {
    if (signed && isAppendixStart(lines[i]!.text)) return i
    signed ||= endsWithSigner(lines[i]!.text)
  }
  return lines.length
}

const readLines = (lines: readonly Line[], notes: Notes, options: ImportOptions): ImportResult => {
  const heading = readHeading(lines, notes)
  const end = appendixStart(lines, heading.next)
  const hasMarker = lines.slice(heading.next, end).some((l) => markerOf(squash(l.text)))
  if (heading.next === 0 && !hasMarker) return wholeText(lines, notes)

  const signer = findSigner(lines, heading.next, end)
  const bodyEnd = signer ? signer.first : end
  const intro = readIntro(lines, heading.next, bodyEnd, heading.kind, notes)
  if (intro.preamble === '') doubt(notes, 'preamble', 'Преамбула («В соответствии с …», «Руководствуясь …») не найдена')
  const { points, control, markers } = readPoints(lines.slice(intro.next, bodyEnd), notes)
  if (markers.length) leave(notes, markers.join(' '), 'номера пунктов: система нумерует пункты сама')
  if (points.length === 0) doubt(notes, 'points', 'Пунктов приказа не найдено')
  if (signer) {
    if (signer.position === '') doubt(notes, 'signer.position', 'Должность подписывающего не найдена')
    const trailer = lines.slice(signer.last + 1, end).map((l) => l.text)
    if (trailer.length) leave(notes, trailer.join('\n'), 'текст после подписи: не часть приказа')
  } else doubt(notes, 'signer', 'Подписывающий (должность и фамилия с инициалами) не найден')

  const registration = heading.registration
  const appendices = readAppendices(lines.slice(end), registration, notes)
  const reference = registration?.date ?? options.today ?? new Date().toISOString().slice(0, 10)
  const schoolYear = schoolYearOf(`${intro.title}\n${intro.preamble}`)
  annotate(points, 'points', notes, options, reference, schoolYear ? { schoolYear } : {})
  return {
    content: {
      kind: heading.kind,
      ...(heading.organization ? { organization: heading.organization } : {}),
      title: intro.title,
      preamble: intro.preamble,
      ...(intro.directive ? { directive: intro.directive } : {}),
      points,
      ...(control ? { control } : {}),
      signer: { position: signer?.position ?? '', name: signer?.name ?? '' },
      ...(appendices.length ? { appendices } : {}),
      ...(registration ? { registration } : {}),
    },
    ...notes,
  }
}

/** Executors and the deadline of every point, found in its own sentence. */
const annotate = (
  points: Point[],
  path: string,
  notes: Notes,
  options: ImportOptions,
  reference: string,
  parse: { schoolYear?: { start: number } },
): void => {
  const stack = points.map((p, i) => ({ p, path: `${path}.${i}` }))
  while (stack.length) {
    const { p, path: at } = stack.pop()!
    const { executors, unknown } = findExecutors(p.text, options.directory ?? [])
    if (executors.length) p.executors = executors.slice(0, LIMITS.order.executorsPerPoint)
    for (const u of unknown)
      doubt(notes, `${at}.executors`, `«${u}» нет в справочнике исполнителей: добавьте его или укажите исполнителя`)
    // a long paragraph is no sentence to look through, and its deadline would be a guess
    const found = p.text.length <= LIMITS.order.pointText ? findDeadline(p.text, reference, parse) : undefined
    if (found && 'ambiguous' in found)
      doubt(
        notes,
        `${at}.deadline`,
        `В пункте несколько сроков: ${found.ambiguous.map((a) => `«${a}»`).join(', ')} — укажите один`,
      )
    else if (found) {
      p.deadline = found.phrase
      if (found.parsed.problems.length) doubt(notes, `${at}.deadline`, found.parsed.problems[0]!.message)
    }
    p.points?.forEach((c, i) => {
      stack.push({ p: c, path: `${at}.points.${i}` })
    })
  }
}

/** Nothing an order is made of: the whole text as one point, to be laid out by hand. */
const wholeText = (lines: readonly Line[], notes: Notes): ImportResult => {
  notes.doubts = [
    {
      path: 'points.0',
      message: 'Приказ в тексте не распознан (нет вида документа, заголовка, пунктов): весь текст помещён в один пункт',
    },
  ]
  return {
    content: {
      kind: 'prikaz',
      title: '',
      preamble: '',
      points: [{ text: lines.map((l) => squash(l.text)).join('\n') }],
      signer: { position: '', name: '' },
    },
    ...notes,
  }
}
