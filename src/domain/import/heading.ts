import type { OrderKind } from '../content'
import { isoDate, lastDayOfMonth } from '../calendar'
import { lettersOf, squash } from './lines'
import { doubt, leave, type Line, type Notes, type Registration } from './types'

/**
 * The heading of an act: the authority's lines, the kind («П Р И К А З», «РАСПОРЯЖЕНИЕ», also with a letter
 * lost), the date and number of an archived act, the place. Written the way ГОСТ Р 7.0.97 lays them out,
 * or pasted from a site that runs them together («от 23.10.2023 № 558»).
 */
export type Heading = {
  kind: OrderKind
  organization?: { parent?: string[]; name: string[]; place?: string }
  registration?: Registration
  /** the first line after the heading */
  next: number
}

const KINDS: readonly { word: string; kind: OrderKind; other?: string }[] = [
  { word: 'приказ', kind: 'prikaz' },
  { word: 'распоряжение', kind: 'rasporyazhenie' },
  { word: 'постановление', kind: 'prikaz', other: 'постановление' },
  { word: 'решение', kind: 'prikaz', other: 'решение' },
]

/** The word itself, or the word with one letter lost («П Р И К З», «РАСПОРЯЖЕНЕ»). */
const nearly = (written: string, word: string): boolean => {
  if (written === word) return true
  if (written.length !== word.length - 1 || word.length < 6) return false
  for (let i = 0; i < word.length; i++) if (word.slice(0, i) + word.slice(i + 1) === written) return true
  return false
}

/** A kind line: the kind word alone, maybe letter-spaced, maybe followed by the date and number. */
export const kindOfLine = (text: string): { kind: (typeof KINDS)[number]; word: string; rest: string } | undefined => {
  const s = text.trim()
  // a kind line is short; a long one is text, and no pattern need run over all of it
  if (s.length > 200) return undefined
  const plain = /^(\p{L}+)(?:\s+(.*))?$/u.exec(s)
  if (plain) {
    const kind = KINDS.find((k) => nearly(lettersOf(plain[1] ?? ''), k.word))
    const rest = (plain[2] ?? '').trim()
    // «Приказ Министерства …» in running text is no kind line: what follows must be a date or a number
    if (kind && (rest === '' || /^(?:от|№|N|\d|«)/iu.test(rest))) return { kind, word: plain[1] ?? '', rest }
  }
  // letter-spaced: «П Р И К А З», «Р А С П ОР Я Ж Е Н И Е»
  if (s.length > 40 || !/^[\p{L}\s]+$/u.test(s)) return undefined
  const kind = KINDS.find((k) => nearly(lettersOf(s), k.word))
  return kind ? { kind, word: s, rest: '' } : undefined
}

const MONTHS = [
  'январ',
  'феврал',
  'март',
  'апрел',
  'ма',
  'июн',
  'июл',
  'август',
  'сентябр',
  'октябр',
  'ноябр',
  'декабр',
]
const monthOf = (word: string): number | undefined => {
  const w = word.toLowerCase()
  const i = MONTHS.findIndex((m) => (m === 'ма' ? /^ма[йяе]$/.test(w) : w.startsWith(m)))
  return i < 0 ? undefined : i + 1
}

const DATE = String.raw`(?:«?\s*(\d{1,2})\s*»?\s+([а-яё]+)\s+(\d{4})|(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2}))(?:\s*(?:г\.?|года))?`
const NUMBER = String.raw`(?:№|N)\s*([^\s].*?)`
const DATE_NUMBER = new RegExp(`^(?:от\\s*)?${DATE}(?:\\s*${NUMBER})?\\s*$`, 'iu')
const NUMBER_DATE = new RegExp(`^${NUMBER}\\s+от\\s*${DATE}\\s*$`, 'iu')
const NUMBER_ONLY = new RegExp(`^${NUMBER}\\s*$`, 'iu')
/** «от «___» ________ 20__ г. № ____»: the blanks of a draft */
const BLANKS = /^(?:от\s*)?[«"]?\s*_+\s*[»"]?\s*_*\s*(?:20_*\s*г?\.?)?\s*(?:№\s*_*)?\s*$|^№\s*_+\s*$/iu

const dateFrom = (m: RegExpExecArray, at: number): string | undefined => {
  const day = Number(m[at] ?? m[at + 3])
  const month = m[at] !== undefined ? monthOf(m[at + 1] ?? '') : Number(m[at + 4])
  const y = m[at] !== undefined ? Number(m[at + 2]) : Number(m[at + 5])
  const year = y < 100 ? 2000 + y : y
  if (!month || month > 12 || day < 1 || day > lastDayOfMonth(year, month)) return undefined
  return isoDate(year, month, day)
}

/** The date and number a line names: «от 23.10.2023», «№ 558», «23.10.2023 № 558», «№ 12 от 5 мая 2024 г.» */
export const dateNumberOf = (text: string): { date?: string; number?: string } | undefined => {
  if (text.length > 200) return undefined
  const s = squash(text)
  let m = DATE_NUMBER.exec(s)
  if (m) return { date: dateFrom(m, 1), number: m[7]?.trim() }
  m = NUMBER_DATE.exec(s)
  if (m) return { number: m[1]?.trim(), date: dateFrom(m, 2) }
  m = NUMBER_ONLY.exec(s)
  if (m) return { number: m[1]?.trim() }
  return undefined
}

const PLACE = /^(?:(?:г\.|гор\.|город|пос\.|п\.|с\.|д\.|ст-ца|пгт)\s*)?[А-ЯЁ][а-яёА-ЯЁ-]+(?:[ -][А-ЯЁ][а-яёА-ЯЁ-]+)?$/u
const isPlace = (text: string): boolean => text.length <= 40 && PLACE.test(text.trim()) && !/^Об?\s/u.test(text)

const isCaps = (text: string): boolean => !/\p{Ll}/u.test(text)

/** The authority's lines: blocks apart by an empty line or by a change from capitals; the first of several is the parent. */
const organizationOf = (lines: readonly Line[]): { parent?: string[]; name: string[] } | undefined => {
  if (lines.length === 0) return undefined
  const blocks: string[][] = []
  lines.forEach((l, i) => {
    const prev = lines[i - 1]
    if (!prev || l.blankBefore || isCaps(prev.text) !== isCaps(l.text)) blocks.push([])
    blocks[blocks.length - 1]!.push(squash(l.text))
  })
  // a line in the genitive («АДМИНИСТРАЦИИ ГОРОДА …») continues the name above it
  if (blocks.length === 1 || lines.length === 1) return { name: blocks.flat() }
  return { parent: blocks[0]!, name: blocks.slice(1).flat() }
}

/** Up to this many lines may precede the kind: an authority's name runs to four or five. */
const HEADING_LINES = 12

export const readHeading = (lines: readonly Line[], notes: Notes): Heading => {
  let k = -1
  let found: ReturnType<typeof kindOfLine>
  for (let i = 0; i < Math.min(lines.length, HEADING_LINES); i++) {
    found = kindOfLine(lines[i]!.text)
    if (found) {
      k = i
      break
    }
  }
  if (!found || k < 0) {
    doubt(notes, 'kind', 'Вид документа (приказ, распоряжение) в тексте не найден: принят «приказ»')
    return { kind: 'prikaz', next: 0 }
  }
  leave(notes, found.word, 'вид документа: шаблон пишет его сам')
  if (found.kind.other)
    doubt(
      notes,
      'kind',
      `Документ назван «${found.kind.other}»: такого вида нет, принят ближайший — приказ; проверьте вид`,
    )
  const registration: Partial<Registration> = {}
  const authority: Line[] = []
  const take = (text: string): boolean => {
    const dn = dateNumberOf(text)
    if (dn) {
      if (dn.date) registration.date ??= dn.date
      if (dn.number) registration.number ??= dn.number
      leave(notes, text, 'дата и номер регистрации: перенесены в поле регистрации')
      return true
    }
    if (BLANKS.test(squash(text))) {
      leave(notes, text, 'пустые поля даты и номера: их заполняет регистрация')
      return true
    }
    return false
  }
  for (const line of lines.slice(0, k)) if (!take(line.text)) authority.push(line)
  if (found.rest !== '' && !take(found.rest)) leave(notes, found.rest, 'после вида документа: не распознано')
  let place: string | undefined
  let i = k + 1
  for (; i < lines.length; i++) {
    const text = lines[i]!.text
    if (take(text)) continue
    if (place === undefined && isPlace(text)) {
      place = squash(text)
      continue
    }
    break
  }
  const organization = organizationOf(authority)
  if (place && !organization)
    leave(notes, place, 'место издания без названия организации: его даст профиль организации')
  if (Boolean(registration.date) !== Boolean(registration.number))
    doubt(
      notes,
      'registration',
      registration.date ? 'В тексте есть дата, но нет номера приказа' : 'В тексте есть номер, но нет даты приказа',
    )
  return {
    kind: found.kind.kind,
    ...(organization ? { organization: { ...organization, ...(place ? { place } : {}) } } : {}),
    ...(registration.date && registration.number
      ? { registration: { date: registration.date, number: registration.number } }
      : {}),
    next: i,
  }
}
