import { OrderError } from '../domain/errors'
import { checkZipArchive, readZipEntry } from './zip-archive'

/**
 * The text of a DOCX as the importer reads text: one line per paragraph, a table row as its cells joined by
 * tabs (a cell's paragraphs joined by spaces, a table inside a cell flattened into it), tabs and breaks as
 * written. The archive is judged before anything is unpacked (zip-archive.ts: a ZIP bomb is refused by its
 * declared sizes); the XML is read in one pass with its nesting bounded, never built into a tree.
 */
const MAX_DEPTH = 200
const MAX_TABLE_DEPTH = 8

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }
const decode = (s: string): string =>
  s.includes('&')
    ? s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, e: string) => {
        if (e.startsWith('#x')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16) || 0xfffd)
        if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)) || 0xfffd)
        return ENTITY[e] ?? whole
      })
    : s

const unreadable = (message: string) =>
  new OrderError('invalid_input', 'Файл DOCX не читается', [{ path: 'file', message, code: 'unreadable' }])

type Cell = { paragraphs: string[] }
type Table = { rows: Cell[][] }

export const docxText = (bytes: Uint8Array): string => {
  const problems = checkZipArchive(bytes)
  if (problems.length) {
    const size = problems.some((p) => p.code === 'too_large')
    throw new OrderError(
      size ? 'too_large' : 'invalid_input',
      size ? 'Файл DOCX распаковывается в слишком большой объём' : 'Файл не DOCX или повреждён',
      problems,
    )
  }
  const part = readZipEntry(bytes, 'word/document.xml')
  if (!part) throw unreadable('в архиве нет word/document.xml: это не документ Word')
  let xml: string
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(part)
  } catch {
    throw unreadable('word/document.xml не в кодировке UTF-8')
  }
  return readDocument(xml)
}

/** The body's paragraphs and tables, in one pass over the tags. */
const readDocument = (xml: string): string => {
  const out: string[] = []
  const tables: Table[] = []
  let paragraph = ''
  let depth = 0
  let inText = false
  // text of deleted runs, field codes and the fallback copy of drawings is not what the reader sees
  let hidden = 0
  const TOKEN = /<(\/?)([A-Za-z_][\w.-]*:?[\w.-]*)([^>]*?)(\/?)>|([^<]+)/g
  for (const m of xml.matchAll(TOKEN)) {
    if (m[5] !== undefined) {
      if (inText && hidden === 0) paragraph += decode(m[5])
      continue
    }
    const closing = m[1] === '/'
    const selfClosing = m[4] === '/' || (m[3] ?? '').endsWith('/')
    const name = m[2] ?? ''
    if (name.startsWith('?') || name.startsWith('!')) continue
    if (!closing && !selfClosing && ++depth > MAX_DEPTH)
      throw unreadable(`элементы XML вложены глубже ${MAX_DEPTH} уровней`)
    if (closing) depth--
    const hides = name === 'w:delText' || name === 'w:instrText' || name === 'mc:Fallback'
    if (hides && !selfClosing) hidden += closing ? -1 : 1
    if (name === 'w:t' && !selfClosing) inText = !closing
    else if (selfClosing && name === 'w:tab' && hidden === 0) paragraph += '\t'
    else if (selfClosing && (name === 'w:br' || name === 'w:cr') && hidden === 0)
      paragraph += tables.length ? ' ' : '\n'
    else if (name === 'w:p' && closing) {
      const table = tables[tables.length - 1]
      if (table)
        table.rows[table.rows.length - 1]?.[table.rows[table.rows.length - 1]!.length - 1]?.paragraphs.push(paragraph)
      else out.push(paragraph)
      paragraph = ''
    } else if (name === 'w:tbl' && !closing) {
      if (tables.length >= MAX_TABLE_DEPTH) throw unreadable(`таблицы вложены глубже ${MAX_TABLE_DEPTH} уровней`)
      tables.push({ rows: [] })
    } else if (name === 'w:tr' && !closing) tables[tables.length - 1]?.rows.push([])
    else if (name === 'w:tc' && !closing) {
      const row = tables[tables.length - 1]?.rows.at(-1)
      row?.push({ paragraphs: [] })
    } else if (name === 'w:tbl' && closing) {
      const table = tables.pop()
      if (!table) continue
      const lines = table.rows.map((row) =>
        row
          .map((c) =>
            c.paragraphs
              .join(' ')
              .replace(/[\t\n]+/g, ' ')
              .trim(),
          )
          .join('\t'),
      )
      const outer = tables[tables.length - 1]
      // a table inside a cell: its rows become text of that cell
      if (outer) outer.rows.at(-1)?.at(-1)?.paragraphs.push(lines.join(' '))
      else out.push('', ...lines, '')
    }
  }
  return out.join('\n')
}
