import { run } from './ooxml'
import type { ViewTable } from './order-view'
import { breakableRuns, columnWidths, isWide, TEXT_WIDTH } from './typeset'

/** Table text is 11 pt, as in the PDF, so that both break a cell's lines alike. */
const TABLE_SIZE = 11

const borders = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
  .map((side) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
  .join('')

const cell = (text: string, width: number, { bold = false, span = 1, center = false } = {}) =>
  `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}</w:tcPr>` +
  `<w:p><w:pPr><w:spacing w:after="0"/>${center ? '<w:jc w:val="center"/>' : ''}</w:pPr>${run(breakableRuns(text), { bold, size: TABLE_SIZE * 2 })}</w:p></w:tc>`

/** Column widths in twips, the same as the PDF's (points × 20): from the columns' roles and content. */
export const tableGrid = (t: ViewTable): number[] =>
  columnWidths(t, isWide(t) ? TEXT_WIDTH.landscape : TEXT_WIDTH.portrait, TABLE_SIZE).map((w) => Math.floor(w * 20))

/**
 * An appendix table as OOXML for the template's raw `{@table}` tag: the header row repeats on every
 * page (<w:tblHeader/>), a section row spans every column, rows may break across pages. `after` is
 * the paragraph that follows it (Word needs one), which may close a landscape section.
 */
export const tableXml = (t: ViewTable, after = '<w:p><w:pPr><w:spacing w:after="0"/></w:pPr></w:p>'): string => {
  const widths = tableGrid(t)
  const total = widths.reduce((a, b) => a + b, 0)
  const header = `<w:tr><w:trPr><w:tblHeader/></w:trPr>${t.columns.map((c, i) => cell(c.title, widths[i]!, { bold: true, center: true })).join('')}</w:tr>`
  const rows = t.rows.map((r) =>
    'section' in r
      ? `<w:tr>${cell(r.section, total, { bold: true, span: t.columns.length, center: true })}</w:tr>`
      : `<w:tr>${r.cells.map((c, i) => cell(c, widths[i]!)).join('')}</w:tr>`,
  )
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="${total}" w:type="dxa"/><w:tblBorders>${borders}</w:tblBorders>` +
    `<w:tblLayout w:type="fixed"/>` +
    // cell margins as the PDF's padding (4.5 pt a side), so that a cell's lines break alike
    `<w:tblCellMar><w:left w:w="90" w:type="dxa"/><w:right w:w="90" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>` +
    `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>${header}${rows.join('')}</w:tbl>${after}`
  )
}
