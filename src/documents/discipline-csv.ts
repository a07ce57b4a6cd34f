import { disciplineColumns, type DisciplineReport, formatDisciplineValue } from '../domain/discipline'
import { csvFile } from './csv'

/** The report as CSV (see `csv.ts`): a row per executor and the total. */
export const disciplineCsv = (report: DisciplineReport): Uint8Array =>
  csvFile([
    disciplineColumns.map(([, title]) => title),
    ...[...report.executors, report.total].map((line) =>
      disciplineColumns.map(([key]) => formatDisciplineValue(key, line[key])),
    ),
  ])
