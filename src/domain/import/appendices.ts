import type { Appendix } from '../content'
import { dateNumberOf } from './heading'
import { hasCells, squash, startsLower } from './lines'
import { readTable } from './table'
import { doubt, leave, type Line, type Notes, type Registration } from './types'

/**
 * Appendices: each opens with its mark («Приложение № 1 | к приказу от 05.09.2024 № 226/1-г», or
 * «УТВЕРЖДЕНО приказом …»), which the system writes itself from the registration and is left out; then
 * the title, then text or a table. A mark citing another number or another order is a doubt.
 */
const START = /^(?:Приложение|ПРИЛОЖЕНИЕ)(?:\s*(?:№|N)?\s*(\d{1,2}))?(?:\s+(?:к|К)\s.*)?$/u
const APPROVED = /^(?:УТВЕРЖДЕН[АОЫ]?|Утвержден[аоы]?)(?:\s+(?:приказом|распоряжением|постановлением)\b.*)?$/u
const MARK_LINE =
  /^(?:к\s+(?:приказу|распоряжению|постановлению|решению)|от\s+[\d«_]|№\s*\S|(?:приказом|распоряжением|постановлением)\b|УТВЕРЖДЕН)/iu

export const isAppendixStart = (text: string): boolean => {
  if (text.length > 300) return false
  const s = squash(text)
  return !s.includes(':') && (START.test(s) || APPROVED.test(s))
}

const isCaps = (text: string): boolean => !/\p{Ll}/u.test(text)

const readOne = (
  lines: readonly Line[],
  index: number,
  registration: Registration | undefined,
  notes: Notes,
): Appendix => {
  const path = `appendices.${index}`
  let i = 0
  const mark: string[] = []
  while (i < lines.length && (i === 0 || MARK_LINE.test(squash(lines[i]!.text)) || isAppendixStart(lines[i]!.text)))
    mark.push(squash(lines[i++]!.text))
  const markText = mark.join(' ')
  leave(notes, markText, 'отметка приложения: система ставит её сама по регистрации')
  const n = /(?:№|N)\s*(\d{1,2})|Приложение\s+(\d{1,2})/iu.exec(markText)
  const cited = n ? Number(n[1] ?? n[2]) : undefined
  if (cited !== undefined && cited !== index + 1)
    doubt(notes, path, `В отметке «Приложение № ${cited}», а по порядку это приложение № ${index + 1}`)
  const of = /от\s+(.+)$/iu.exec(markText)
  const dn = of ? dateNumberOf(`от ${of[1]}`) : undefined
  if (dn && registration) {
    if (dn.number !== undefined && dn.number.replace(/\s/g, '') !== registration.number.replace(/\s/g, ''))
      doubt(notes, path, `В отметке приложения номер «${dn.number}», а у приказа «${registration.number}»`)
    if (dn.date !== undefined && dn.date !== registration.date)
      doubt(notes, path, `В отметке приложения дата ${dn.date}, а у приказа ${registration.date}`)
  }

  const titleParts: string[] = []
  while (i < lines.length && !hasCells(lines[i]!.text)) {
    const t = squash(lines[i]!.text)
    const prev = titleParts[titleParts.length - 1]
    if (prev !== undefined && !(startsLower(t) || (isCaps(prev) && prev.length <= 60 && !isCaps(t)))) break
    titleParts.push(t)
    i++
  }
  const title = titleParts.join(' ')
  if (title === '') doubt(notes, `${path}.title`, 'У приложения нет заголовка: впишите его')
  const text: string[] = []
  const tableLines: Line[] = []
  let lastTab = -1
  for (let j = i; j < lines.length; j++) if (hasCells(lines[j]!.text)) lastTab = j
  for (let j = i; j < lines.length; j++) {
    const line = lines[j]!
    const inTable = tableLines.length > 0 && j <= lastTab
    if (hasCells(line.text) || inTable) tableLines.push(line)
    else text.push(squash(line.text))
  }
  if (tableLines.length && lastTab < lines.length - 1)
    doubt(notes, `${path}.text`, 'Текст после таблицы помещён в текст приложения, перед таблицей')
  return {
    title,
    ...(text.length ? { text: text.join('\n') } : {}),
    ...(tableLines.length ? { table: readTable(tableLines, notes, `${path}.table`) } : {}),
  }
}

export const readAppendices = (
  lines: readonly Line[],
  registration: Registration | undefined,
  notes: Notes,
): Appendix[] => {
  const starts: number[] = []
  lines.forEach((l, i) => {
    // a mark's own second line («к приказу …», «УТВЕРЖДЕНО» under «Приложение») opens nothing
    if (isAppendixStart(l.text) && !(i > 0 && starts.includes(i - 1) && !START.test(squash(l.text)))) starts.push(i)
  })
  return starts.map((s, k) => readOne(lines.slice(s, starts[k + 1] ?? lines.length), k, registration, notes))
}
