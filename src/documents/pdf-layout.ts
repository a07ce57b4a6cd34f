import type { Content, ContentTable, TDocumentDefinitions } from 'pdfmake/interfaces'
import type { OrderView, ViewAppendix, ViewTable } from './order-view'

const mm = (n: number) => n * 2.834645669

/** ГОСТ Р 7.0.97-2016: A4; margins 20 mm left, 10 mm right, 20 mm top and bottom. */
export const PAGE_MARGINS: [number, number, number, number] = [mm(20), mm(20), mm(10), mm(20)]

const LONG_RUN = /(\S{25,})/

/**
 * Text with its unbroken runs (URLs, codes, a word of 25 letters and more) allowed to break
 * anywhere, so that they wrap inside a cell instead of widening it; ordinary words wrap as words.
 */
export const wrappable = (text: string) => {
  if (!LONG_RUN.test(text)) return text
  return text.split(LONG_RUN).filter(Boolean).map((part) => (LONG_RUN.test(part) ? { text: part, wordBreak: 'break-all' as const } : { text: part }))
}

const paragraph = (text: string, extra: Record<string, unknown> = {}): Content => ({
  text: wrappable(text), alignment: 'justify', leadingIndent: mm(12.5), margin: [0, 0, 0, 4], ...extra,
} as Content)

/** Widths by column role: numbers narrow, dates and executors medium, text columns share the rest. */
const columnWidth = (role?: string) =>
  role === 'number' ? mm(12) : role === 'deadline' ? mm(28) : role === 'executor' ? mm(32) : '*'

const table = (t: ViewTable): ContentTable => ({
  table: {
    headerRows: 1,
    dontBreakRows: false,
    widths: t.columns.map((c) => columnWidth(c.role)),
    body: [
      t.columns.map((c) => ({ text: wrappable(c.title), bold: true, alignment: 'center' as const })),
      ...t.rows.map((r) =>
        'section' in r
          ? [{ text: wrappable(r.section), colSpan: t.columns.length, bold: true, alignment: 'center' as const }, ...t.columns.slice(1).map(() => ({ text: '' }))]
          : r.cells.map((c) => ({ text: wrappable(c) })),
      ),
    ],
  },
  fontSize: 11,
})

const appendix = (a: ViewAppendix): Content[] => {
  const wide = (a.table?.columns.length ?? 0) > 5
  return [
    {
      stack: [a.label, a.mark],
      alignment: 'left',
      margin: [wide ? mm(190) : mm(100), 0, 0, mm(8)],
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
  header: (page) => (page > 1 ? { text: String(page), alignment: 'center', fontSize: 12, margin: [0, mm(10), 0, 0] } : null),
  watermark: v.draft ? { text: 'ПРОЕКТ', opacity: 0.08, bold: true, angle: -45 } : undefined,
  content: [
    ...(v.draft ? [{ text: 'ПРОЕКТ', alignment: 'right' as const, bold: true, margin: [0, 0, 0, mm(2)] as [number, number, number, number] }] : []),
    { stack: [...v.parentLines, ...v.nameLines], alignment: 'center', bold: true, margin: [0, 0, 0, mm(4)] },
    { text: v.kindTitle, alignment: 'center', bold: true, fontSize: 16, characterSpacing: 3, margin: [0, 0, 0, mm(4)] },
    { columns: [{ text: `от ${v.dateText}` }, { text: `№ ${v.numberText}`, alignment: 'right' }], margin: [0, 0, 0, mm(2)] },
    ...(v.place ? [{ text: v.place, alignment: 'center' as const, margin: [0, 0, 0, mm(4)] as [number, number, number, number] }] : []),
    { text: v.title, bold: true, margin: [0, mm(4), mm(60), mm(6)] },
    paragraph(v.preamble),
    ...(v.directive ? [{ text: v.directive, margin: [0, mm(2), 0, mm(2)] as [number, number, number, number] }] : []),
    ...v.points.map((p) =>
      paragraph(`${p.number} ${p.text}${p.note ? `\n${p.note}` : ''}`, { margin: [mm(p.depth * 5), 0, 0, 4] }),
    ),
    {
      columns: [{ text: v.signer.position, width: '*' }, { text: v.signer.name, width: 'auto' }],
      margin: [0, mm(12), 0, 0],
      unbreakable: true,
    },
    ...v.appendices.flatMap(appendix),
  ],
})
