import type { TDocumentDefinitions } from 'pdfmake/interfaces'
import { closingLine, journalCells, journalColumns, type JournalRecord } from '../domain/journal-record'
import { formulaSafe } from './csv'
import { PDF_FONT } from './fonts'
import { layOutPdf } from './pdf'

const heading = (r: JournalRecord) => `Журнал регистрации «${r.journal.name}» за ${r.year} год`

/**
 * The journal as an Excel workbook: a row per line, the closing line last. Every text cell goes through the
 * CSV file's formula rule (a title «=HYPERLINK(…)» stays text, whoever saves the sheet as CSV later).
 */
export const journalXlsx = async (record: JournalRecord): Promise<Uint8Array> => {
  // exceljs loads with the first workbook, not at start (README «Start-up»)
  const { default: ExcelJS } = await import('exceljs')
  const book = new ExcelJS.Workbook()
  book.creator = 'orders-service'
  const sheet = book.addWorksheet(String(record.year))
  sheet.addRow([heading(record)]).font = { bold: true }
  const header = sheet.addRow([...journalColumns])
  header.font = { bold: true }
  for (const line of record.lines) {
    const row = sheet.addRow(journalCells(line).map(formulaSafe))
    if (line.type === 'missing') row.font = { italic: true }
    row.alignment = { wrapText: true, vertical: 'top' }
  }
  sheet.addRow([])
  sheet.addRow([formulaSafe(closingLine(record))]).font = { bold: true }
  for (const [i, width] of [14, 12, 14, 60, 24, 24].entries()) sheet.getColumn(i + 1).width = width
  return new Uint8Array(await book.xlsx.writeBuffer())
}

export const journalDocDefinition = (record: JournalRecord): TDocumentDefinitions => ({
  pageSize: 'A4',
  pageOrientation: 'landscape',
  pageMargins: [40, 40, 30, 40],
  defaultStyle: { font: PDF_FONT, fontSize: 9 },
  info: { title: heading(record) },
  footer: (page: number, pages: number) => ({ text: `${page} из ${pages}`, alignment: 'center', fontSize: 8 }),
  content: [
    { text: heading(record), fontSize: 14, bold: true, alignment: 'center', margin: [0, 0, 0, 10] },
    {
      table: {
        headerRows: 1,
        widths: [60, 55, 70, '*', 110, 90],
        body: [
          journalColumns.map((title) => ({ text: title, bold: true })),
          ...record.lines.map((line) => journalCells(line).map((text) => ({ text, italics: line.type === 'missing' }))),
        ],
      },
    },
    { text: closingLine(record), bold: true, margin: [0, 10, 0, 0] },
  ],
})

/** The journal as a PDF: the table with its header repeated on every page, the closing line after it. */
export const journalPdf = async (record: JournalRecord): Promise<Uint8Array> =>
  new Uint8Array(await layOutPdf(journalDocDefinition(record)))
