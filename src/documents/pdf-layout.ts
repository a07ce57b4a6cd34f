import type {
  ContentCanvas,
  ContentStack,
  ContentText,
  Content,
  ContentTable,
  TDocumentDefinitions,
} from 'pdfmake/interfaces'
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
      stack: [a.label, { id: REQUISITES.appendixMark, text: wrappable(a.mark, { justified: true }) } as ContentText],
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
/** Names of the boxes a rendering reserves for what signing draws later; pdf.ts records where they fell. */
export const RESERVED = { signatureMark: 'signature-mark', approvalSheet: 'approval-sheet' } as const
/** Text the registration fills in: the «от … № …» line of page 1 and each appendix's mark. */
export const REQUISITES = { dateLine: 'requisite-date-line', appendixMark: 'requisite-appendix-mark' } as const
export const SIGNATURE_MARK = { width: mm(64), height: mm(24) }
export const APPROVAL_LINE_HEIGHT = mm(6)
export const A4_HEIGHT = 841.89

/** The document-information key that carries where the rendering reserved room for signing marks. */
export const RESERVED_KEY = 'OrdersReserved'

/** Boxes by name (see RESERVED), in PDF user space of their 0-based page. */
export type ReservedBoxes = Record<string, { page: number; x: number; y: number; width: number; height: number }>

// an empty box of the given size: pdfmake reserves the space, nothing is visible in it
const blank = (size: { width: number; height: number }) => ({
  type: 'rect' as const,
  x: 0,
  y: 0,
  w: size.width,
  h: size.height,
  lineWidth: 0,
  lineColor: '#ffffff',
})

/**
 * A reserved box, named by `id`: pdfmake keeps a node's id and reports the node's position to pageBreakBefore
 * (its typings know `id` only on tables of contents, hence the cast).
 */
const reserve = (id: string, size: { width: number; height: number }, extra: { width?: number } = {}) =>
  ({ id, canvas: [blank(size)], ...extra }) as ContentCanvas

/** Лист согласования: a heading and one reserved line per visa, kept together on the last page. */
const approvalSheet = (lines: number): Content[] => [
  {
    id: KEEP.approvalHeading,
    text: 'Лист согласования',
    bold: true,
    margin: [0, mm(10), 0, mm(2)],
  } as ContentText,
  reserve(RESERVED.approvalSheet, { width: mm(170), height: lines * APPROVAL_LINE_HEIGHT }),
]

/**
 * What must not end a page: the last point stays with the signature, the approval sheet's heading with its
 * lines. Kept by breaking before the first when the second fell on the next page; positions stay absolute
 * (pdfmake reports the positions inside an `unbreakable` block relative to the block, so none is used here).
 */
const KEEP = { lastPoint: 'last-point', approvalHeading: 'approval-heading' } as const
const KEEP_WITH: Record<string, string> = {
  [KEEP.lastPoint]: RESERVED.signatureMark,
  [KEEP.approvalHeading]: RESERVED.approvalSheet,
}
type PageBreakHelpers = { getFollowingNodesOnPage: () => { id?: string }[] }
const keepTogether = (node: { id?: string }, helpers: unknown) => {
  const next = node.id ? KEEP_WITH[node.id] : undefined
  if (!next) return false
  return !(helpers as PageBreakHelpers).getFollowingNodesOnPage().some((n) => n.id === next)
}

export const orderDocDefinition = (v: OrderView): TDocumentDefinitions => ({
  pageSize: 'A4',
  pageMargins: PAGE_MARGINS,
  // pdfmake 0.3 passes helpers where its 0.2 typings expect arrays
  pageBreakBefore: keepTogether as unknown as TDocumentDefinitions['pageBreakBefore'],
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
      columns: [
        { id: REQUISITES.dateLine, text: `от ${v.dateText}` } as ContentText,
        { text: `№ ${v.numberText}`, alignment: 'right' },
      ],
      margin: [0, 0, 0, mm(2)],
    },
    ...(v.place
      ? [{ text: v.place, alignment: 'center' as const, margin: [0, 0, 0, mm(4)] as [number, number, number, number] }]
      : []),
    { text: v.title, bold: true, margin: [0, mm(4), mm(60), mm(6)] },
    paragraph(v.preamble),
    ...(v.directive ? [{ text: v.directive, margin: [0, mm(2), 0, mm(2)] as [number, number, number, number] }] : []),
    ...v.points.slice(0, -1).map(point),
    ...v.points.slice(-1).map((p) => ({ id: KEEP.lastPoint, stack: [point(p)] }) as ContentStack),
    {
      columns: [
        { text: v.signer.position, width: '*' },
        // the space the electronic-signature mark is drawn in when the director signs (ГОСТ Р 7.0.97-2025)
        reserve(RESERVED.signatureMark, SIGNATURE_MARK, { width: SIGNATURE_MARK.width }),
        { text: v.signer.name, width: 'auto' },
      ],
      margin: [0, mm(12), 0, 0],
    },
    ...v.appendices.flatMap(appendix),
    ...(v.approvalLines > 0 ? approvalSheet(v.approvalLines) : []),
  ],
})
