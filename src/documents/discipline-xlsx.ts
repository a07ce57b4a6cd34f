import { russianDate } from '../domain/dates'
import { disciplineColumns, type DisciplineLine, type DisciplineReport } from '../domain/discipline'

/** The report as an Excel workbook: numbers stay numbers, the rate a percentage, the total in bold. */
export const disciplineXlsx = async (report: DisciplineReport): Promise<Uint8Array> => {
  // exceljs (0.3–0.5 s of module evaluation) loads with the first workbook, not at start (README «Start-up»)
  const { default: ExcelJS } = await import('exceljs')
  const book = new ExcelJS.Workbook()
  book.creator = 'orders-service'
  const sheet = book.addWorksheet('Дисциплина')
  sheet.addRow([
    `Исполнительская дисциплина с ${russianDate(report.from)} по ${russianDate(report.to)} на ${russianDate(report.asOf)}`,
  ])
  sheet.getRow(1).font = { bold: true }
  const header = sheet.addRow(disciplineColumns.map(([, title]) => title))
  header.font = { bold: true }
  header.alignment = { wrapText: true, vertical: 'top' }
  const add = (line: DisciplineLine) => sheet.addRow(disciplineColumns.map(([key]) => line[key] ?? null))
  for (const line of report.executors) add(line)
  add(report.total).font = { bold: true }
  sheet.getColumn(1).width = 40
  for (let i = 2; i <= disciplineColumns.length; i++) sheet.getColumn(i).width = 16
  sheet.getColumn(disciplineColumns.length).numFmt = '0.0%'
  sheet.getColumn(disciplineColumns.length - 1).numFmt = '0.0'
  return new Uint8Array(await book.xlsx.writeBuffer())
}
