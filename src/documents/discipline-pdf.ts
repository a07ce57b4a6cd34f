import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import { russianDate } from '../domain/dates'
import {
  disciplineColumns,
  type DisciplineLine,
  type DisciplineReport,
  formatDisciplineValue,
} from '../domain/discipline'
import { PDF_FONT } from './fonts'
import { layOutPdf } from './pdf'

/** The classes of the bar, in the order they are stacked, with their colours and legend. */
const segments = [
  ['onTime', '#2e7d32', 'в срок'],
  ['late', '#f9a825', 'с нарушением срока'],
  ['overdue', '#c62828', 'просрочено'],
  ['open', '#90a4ae', 'срок не наступил'],
  ['removed', '#d7ccc8', 'снято'],
] as const

const BAR_WIDTH = 420
const BAR_HEIGHT = 10

/** One stacked bar: the executor's items split into their classes, scaled to the largest executor. */
const barRects = (line: DisciplineLine, most: number) => {
  let x = 0
  const rects = segments.flatMap(([key, color]) => {
    const w = most ? (line[key] / most) * BAR_WIDTH : 0
    const rect = w > 0 ? [{ type: 'rect' as const, x, y: 0, w, h: BAR_HEIGHT, color }] : []
    x += w
    return rect
  })
  return rects.length ? rects : [{ type: 'line' as const, x1: 0, y1: 0, x2: 0, y2: BAR_HEIGHT, lineWidth: 0.5 }]
}

const legend: Content = {
  columns: segments.map(([, color, label]) => ({
    width: 'auto',
    columns: [
      { width: 10, canvas: [{ type: 'rect', x: 0, y: 1, w: 8, h: 8, color }] },
      { width: 'auto', text: label, fontSize: 8, margin: [2, 0, 12, 0] },
    ],
  })),
  margin: [0, 4, 0, 8],
}

export const disciplineDocDefinition = (report: DisciplineReport): TDocumentDefinitions => {
  const lines = [...report.executors, report.total]
  const most = Math.max(0, ...report.executors.map((l) => l.items))
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [40, 40, 30, 40],
    defaultStyle: { font: PDF_FONT, fontSize: 9 },
    info: { title: 'Исполнительская дисциплина' },
    content: [
      { text: 'Отчёт об исполнительской дисциплине', fontSize: 14, bold: true, alignment: 'center' },
      {
        text: `за период с ${russianDate(report.from)} по ${russianDate(report.to)}, по состоянию на ${russianDate(report.asOf)}`,
        alignment: 'center',
        margin: [0, 2, 0, 10],
      },
      {
        table: {
          headerRows: 1,
          widths: ['*', ...disciplineColumns.slice(1).map(([key]) => (key === 'rate' ? 84 : 60))],
          body: [
            disciplineColumns.map(([, title]) => ({ text: title, bold: true })),
            ...lines.map((line) =>
              disciplineColumns.map(([key], i) => ({
                text: formatDisciplineValue(key, line[key]),
                alignment: i === 0 ? ('left' as const) : ('right' as const),
                bold: line === report.total,
              })),
            ),
          ],
        },
      },
      { text: 'Поручения по исполнителям', bold: true, margin: [0, 14, 0, 2] },
      legend,
      ...report.executors.map(
        (line): Content => ({
          columns: [
            { width: 200, text: line.executor, fontSize: 8 },
            { width: BAR_WIDTH, canvas: barRects(line, most) },
            { width: 'auto', text: String(line.items), fontSize: 8, margin: [4, 0, 0, 0] },
          ],
          margin: [0, 2, 0, 2],
          unbreakable: true,
        }),
      ),
    ],
  }
}

/** The report as a PDF: the table of every figure, then a stacked bar per executor. */
export const disciplinePdf = async (report: DisciplineReport): Promise<Uint8Array> =>
  new Uint8Array(await layOutPdf(disciplineDocDefinition(report)))
