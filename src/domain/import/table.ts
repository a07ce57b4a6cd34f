import type { Appendix } from '../content'
import { hasCells, squash, startsLower } from './lines'
import { doubt, leave, type Line, type Notes } from './types'

/**
 * A table pasted as tab-separated rows (or read from a DOCX as such): the first row is the header; the
 * header repeated at a page break is dropped; a row whose number cell is empty continues the row above it
 * across the break (its cells joined to that row's); a row with one cell at its start is a section.
 */
type Table = NonNullable<Appendix['table']>
type Column = Table['columns'][number]
type Row = Table['rows'][number]
type Role = NonNullable<Column['role']>

const ROLES: readonly [Role, RegExp][] = [
  ['number', /^(?:№|n|номер)\s*(?:п\s*\/?\s*п\.?)?$|^п\s*\/\s*п\.?$/iu],
  ['deadline', /срок|^дата|период\s+(?:проведения|исполнения)|^когда/iu],
  ['executor', /ответствен|исполнител/iu],
  ['result', /результат|форма\s+(?:отч|заверш|представ)|^итог|показател/iu],
  ['activity', /мероприяти|направлени|содержани|наименовани|вид\p{L}*\s+работ|^действи|^задач/iu],
]

/** Column roles guessed from the headers' words, each role to the first column that names it. */
export const columnsOf = (titles: readonly string[]): Column[] => {
  const taken = new Set<Role>()
  return titles.map((title) => {
    const role = ROLES.find(([r, re]) => !taken.has(r) && re.test(title.trim()))?.[0]
    if (!role) return { title }
    taken.add(role)
    return { title, role }
  })
}

const cellsOf = (line: string): string[] => line.split('\t').map(squash)
const norm = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')

/** A row that repeats the header, maybe with a slip or two («Мероприятия/направление», «следифики»). */
const isRepeatedHeader = (cells: readonly string[], header: readonly string[]): boolean => {
  let same = 0
  header.forEach((h, i) => {
    if (h !== '' && norm(h) === norm(cells[i] ?? '')) same++
  })
  return same >= Math.max(2, Math.ceil(header.filter((h) => h !== '').length / 2))
}

const joinCell = (a: string, b: string): string => (a === '' ? b : b === '' ? a : `${a} ${b}`)

export const readTable = (lines: readonly Line[], notes: Notes, path: string): Table => {
  const header = cellsOf(lines[0]!.text)
  while (header.length > 1 && header[header.length - 1] === '') header.pop()
  const columns = columnsOf(header)
  const n = columns.length
  const numberColumn = columns.findIndex((c) => c.role === 'number')
  const rows: Row[] = []
  let joined = 0
  for (const line of lines.slice(1)) {
    if (!hasCells(line.text) && !line.text.includes('\t')) {
      rows.push({ section: squash(line.text) })
      continue
    }
    const all = cellsOf(line.text)
    if (isRepeatedHeader(all, header)) {
      leave(notes, line.text, 'шапка таблицы, повторённая после разрыва страницы')
      continue
    }
    const extra = all.slice(n).filter((c) => c !== '')
    if (extra.length) {
      leave(notes, extra.join(' '), 'ячейки правее последнего столбца шапки')
      doubt(notes, `${path}.rows.${rows.length}`, `В строке ${all.length} ячеек, а столбцов ${n}: лишние не взяты`)
    }
    const cells = all.slice(0, n)
    while (cells.length < n) cells.push('')
    const filled = cells.map((c, i) => (c === '' ? -1 : i)).filter((i) => i >= 0)
    if (filled.length === 0) continue
    const prev = rows[rows.length - 1]
    const first = cells[filled[0]!]!
    // a row without its number goes on from the row above, unless it is a section's one capitalised cell
    const continues =
      numberColumn >= 0 &&
      cells[numberColumn] === '' &&
      prev !== undefined &&
      'cells' in prev &&
      (filled[0]! > 1 || filled.length > 1 || startsLower(first))
    if (continues) {
      prev.cells = prev.cells.map((c, i) => joinCell(c, cells[i] ?? ''))
      joined++
      continue
    }
    // one cell at the start of a row of several columns: a section («Раздел 1. Организационная работа»)
    if (filled.length === 1 && n >= 3 && filled[0] !== numberColumn && filled[0]! <= (numberColumn === 0 ? 1 : 0))
      rows.push({ section: first })
    else rows.push({ cells })
  }
  if (joined)
    doubt(notes, `${path}.rows`, `Строк, продолженных после разрыва страницы и соединённых с предыдущими: ${joined}`)
  return { columns, rows }
}
