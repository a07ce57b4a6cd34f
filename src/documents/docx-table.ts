import { run, twips } from './ooxml'
import type { ViewTable } from './order-view'

const TEXT_WIDTH = twips(180) // A4 less 20 mm and 10 mm margins

const borders = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
  .map((side) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
  .join('')

const columnWeight = (role?: string) => (role === 'number' ? 0.5 : role === 'deadline' || role === 'executor' ? 1.2 : 2)

const cell = (text: string, width: number, { bold = false, span = 1, center = false } = {}) =>
  `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}</w:tcPr>` +
  `<w:p><w:pPr><w:spacing w:after="0"/>${center ? '<w:jc w:val="center"/>' : ''}</w:pPr>${run(text, { bold })}</w:p></w:tc>`

/**
 * An appendix table as OOXML for the template's raw `{@table}` tag: the header row repeats on every
 * page (<w:tblHeader/>), a section row spans every column, rows may break across pages.
 */
export const tableXml = (t: ViewTable): string => {
  const weights = t.columns.map((c) => columnWeight(c.role))
  const sum = weights.reduce((a, b) => a + b, 0)
  const widths = weights.map((w) => Math.floor((TEXT_WIDTH * w) / sum))
  const total = widths.reduce((a, b) => a + b, 0)
  const header = `<w:tr><w:trPr><w:tblHeader/></w:trPr>${t.columns.map((c, i) => cell(c.title, widths[i]!, { bold: true, center: true })).join('')}</w:tr>`
  const rows = t.rows.map((r) =>
    'section' in r
      ? `<w:tr>${cell(r.section, total, { bold: true, span: t.columns.length, center: true })}</w:tr>`
      : `<w:tr>${r.cells.map((c, i) => cell(c, widths[i]!)).join('')}</w:tr>`,
  )
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="${total}" w:type="dxa"/><w:tblBorders>${borders}</w:tblBorders>` +
    `<w:tblLayout w:type="fixed"/><w:tblLook w:val="0000"/></w:tblPr>` +
    `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>${header}${rows.join('')}</w:tbl>` +
    // Word needs a paragraph between a table and what follows it in the loop
    '<w:p><w:pPr><w:spacing w:after="0"/></w:pPr></w:p>'
  )
}
