import { disciplineColumns, type DisciplineReport, formatDisciplineValue } from '../domain/discipline'

const cell = (s: string) => (/[";\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s)

/** The report as CSV for a spreadsheet: UTF-8 with a BOM (so Excel reads Cyrillic), semicolons, CRLF. */
export const disciplineCsv = (report: DisciplineReport): Uint8Array => {
  const lines = [
    disciplineColumns.map(([, title]) => title),
    ...[...report.executors, report.total].map((line) =>
      disciplineColumns.map(([key]) => formatDisciplineValue(key, line[key])),
    ),
  ]
  return new TextEncoder().encode(`\uFEFF${lines.map((l) => l.map(cell).join(';')).join('\r\n')}\r\n`)
}
