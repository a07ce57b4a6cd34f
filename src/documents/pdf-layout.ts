import type { Content, ContentTable, TDocumentDefinitions } from 'pdfmake/interfaces'
import type { OrderView, ViewAppendix, ViewPoint, ViewTable } from './order-view'

const mm = (n: number) => n * 2.834645669

/** ГОСТ Р 7.0.97-2016: A4; margins 20 mm left, 10 mm right, 20 mm top and bottom. */
export const PAGE_MARGINS: [number, number, number, number] = [mm(20), mm(20), mm(10), mm(20)]

const LONG_RUN = /^[^\s-]{25,}$/
const HYPHENATED = /^\S+-\S+$/
const TOKENS = /([^\s-]{25,}|\S+-\S+)/

/**
 * Text with its unbroken runs (URLs, codes, a word of 25 letters and more) allowed to break
 * anywhere, so that they wrap inside a cell instead of widening it, and its hyphenated words
 * ("53-й", "861-ОД") kept whole: justified, a break after their hyphen opens a gap inside the word.
 */
export const wrappable = (text: string, { justified = false } = {}) => {
  if (!TOKENS.test(text)) return text
  return text
    .split(TOKENS)
    .filter(Boolean)
    .map((part) =>
      LONG_RUN.test(part)
        ? { text: part, wordBreak: 'break-all' as const }
        : justified && HYPHENATED.test(part)
          ? { text: part, noWrap: true }
          : { text: part },
    )
}

const paragraph = (text: string, extra: Record<string, unknown> = {}): Content =>
  ({
    text: wrappable(text, { justified: true }),
    alignment: 'justify',
    leadingIndent: mm(12.5),
    margin: [0, 0, 0, 4],
    ...extra,
  }) as Content

/** Widths by column role: numbers narrow, dates and executors medium, text columns share the rest. */
const columnWidth = (role?: string) =>
  role === 'number' ? mm(12) : role === 'deadline' ? mm(30) : role === 'executor' ? mm(42) : '*'

const table = (t: ViewTable): ContentTable => ({
  table: {
    headerRows: 1,
    dontBreakRows: false,
    widths: t.columns.map((c) => columnWidth(c.role)),
    body: [
      t.columns.map((c) => ({ text: wrappable(c.title), bold: true, alignment: 'center' as const })),
      ...t.rows.map((r) =>
        'section' in r
          ? [
              { text: wrappable(r.section), colSpan: t.columns.length, bold: true, alignment: 'center' as const },
              ...t.columns.slice(1).map(() => ({ text: '' })),
            ]
          : r.cells.map((c) => ({ text: wrappable(c) })),
      ),
    ],
  },
  fontSize: 11,
})

const point = (p: ViewPoint): Content =>
  paragraph(`${p.number} ${p.text}${p.note ? `\n${p.note}` : ''}`, { margin: [mm(p.depth * 5), 0, 0, 4] })

const appendix = (a: ViewAppendix): Content[] => {
  const wide = (a.table?.columns.length ?? 0) > 5
  return [
    {
      stack: [a.label, { text: wrappable(a.mark, { justified: true }) }],
      alignment: 'left',
      margin: [wide ? mm(170) : mm(95), 0, 0, mm(8)],
      pageBreak: 'before',
      pageOrientation: wide ? 'landscape' : 'portrait',
    },
    { text: a.title, bold: true, alignment: 'center', margin: [0, 0, 0, mm(4)] },
    ...a.textLines.map((line) => paragraph(line)),
    ...(a.table ? [table(a.table)] : []),
  ]
}

/** The pdfmake document of an order: requisites, title, preamble, points, signer, appendices. Pure. */
export const orderDocDefinition = (v: OrderView): TDocumentDefinitions => ({
  pageSize: 'A4',
  pageMargins: PAGE_MARGINS,
  defaultStyle: { font: 'PTSerif', fontSize: 14, lineHeight: 1.1 },
  info: { title: v.title, subject: `${v.kindTitle} № ${v.numberText}`, producer: 'orders-service' },
  // page numbers at the top centre from page 2 (ГОСТ Р 7.0.97-2016 п. 6.5)
  header: (page) =>
    page > 1 ? { text: String(page), alignment: 'center', fontSize: 12, margin: [0, mm(10), 0, 0] } : null,
  watermark: v.draft ? { text: 'ПРОЕКТ', opacity: 0.08, bold: true, angle: -45 } : undefined,
  content: [
    ...(v.draft
      ? [
          {
            text: 'ПРОЕКТ',
            alignment: 'right' as const,
            bold: true,
            margin: [0, 0, 0, mm(2)] as [number, number, number, number],
          },
        ]
      : []),
    { stack: [...v.parentLines, ...v.nameLines], alignment: 'center', bold: true, margin: [0, 0, 0, mm(4)] },
    { text: v.kindTitle, alignment: 'center', bold: true, fontSize: 16, characterSpacing: 3, margin: [0, 0, 0, mm(4)] },
    {
      columns: [{ text: `от ${v.dateText}` }, { text: `№ ${v.numberText}`, alignment: 'right' }],
      margin: [0, 0, 0, mm(2)],
    },
    ...(v.place
      ? [{ text: v.place, alignment: 'center' as const, margin: [0, 0, 0, mm(4)] as [number, number, number, number] }]
      : []),
    { text: v.title, bold: true, margin: [0, mm(4), mm(60), mm(6)] },
    paragraph(v.preamble),
    ...(v.directive ? [{ text: v.directive, margin: [0, mm(2), 0, mm(2)] as [number, number, number, number] }] : []),
    ...v.points.slice(0, -1).map(point),
    // the signature never stands alone on a page: it keeps the last point with it
    {
      stack: [
        ...v.points.slice(-1).map(point),
        {
          columns: [
            { text: v.signer.position, width: '*' },
            { text: v.signer.name, width: 'auto' },
          ],
          margin: [0, mm(12), 0, 0],
        },
      ],
      unbreakable: true,
    },
    ...v.appendices.flatMap(appendix),
  ],
})
