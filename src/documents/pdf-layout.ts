import type {
  Column,
  Content,
  ContentCanvas,
  ContentStack,
  ContentTable,
  ContentText,
  TDocumentDefinitions,
} from 'pdfmake/interfaces'
import type { OrderView, ViewAppendix, ViewLine, ViewPoint, ViewTable } from './order-view'
import { PDF_FONT } from './fonts'
import { TEXT_WIDTH, columnWidths, isWide, mm, runPieces, signerLayout, textWidth } from './typeset'

/** ГОСТ Р 7.0.97-2016: A4; margins 20 mm left, 10 mm right, 20 mm top and bottom. */
export const PAGE_MARGINS: [number, number, number, number] = [mm(20), mm(20), mm(10), mm(20)]

const BODY_SIZE = 14
const TABLE_SIZE = 11
const INDENT = mm(12.5)
const ZERO_WIDTH_SPACE = '\u200b'
const SHORT_HYPHENATED = /^\S+-\S+$/

/**
 * Text with its unbroken runs (e-mails, URLs, «мероприятие/направление») allowed to break only after
 * `@ . / - _` (a zero-width space marks the place; pdf.ts takes it out of the drawn text), and, when
 * justified, its short hyphenated words ("53-й", "861-ОД") kept whole.
 */
export const wrappable = (text: string, { justified = false } = {}) => {
  const parts = text.split(/(\s+)/).map((token) => {
    const pieces = runPieces(token)
    if (pieces.length > 1) return pieces.join(ZERO_WIDTH_SPACE)
    return justified && SHORT_HYPHENATED.test(token) ? { text: token, noWrap: true } : token
  })
  if (parts.every((p) => typeof p === 'string')) return parts.join('')
  // neighbouring plain pieces go together: fewer inlines for pdfmake to lay out
  return parts.reduce<(string | { text: string; noWrap: boolean })[]>((out, p) => {
    const last = out.at(-1)
    if (typeof p === 'string' && typeof last === 'string') out[out.length - 1] = last + p
    else if (p !== '') out.push(p)
    return out
  }, [])
}

const paragraph = (text: string, extra: Record<string, unknown> = {}): Content =>
  ({
    text: wrappable(text, { justified: true }),
    alignment: 'justify',
    leadingIndent: INDENT,
    margin: [0, 0, 0, 4],
    ...extra,
  }) as Content

/** A line of a point's own list, a paragraph of its own: a marker hangs in front of the justified text. */
const listLine = (line: ViewLine, left: number): Content => {
  if (!line.marker) return paragraph(line.body, { margin: [left, 0, 0, 4] })
  const hang = Math.max(mm(5), textWidth(line.marker, BODY_SIZE) + 4)
  return {
    columns: [
      { text: line.marker, width: hang },
      { text: wrappable(line.body, { justified: true }), alignment: 'justify', width: '*' } as Column,
    ],
    columnGap: 0,
    margin: [left + INDENT, 0, 0, 4],
  }
}

const table = (t: ViewTable): ContentTable => {
  const total = isWide(t) ? TEXT_WIDTH.landscape : TEXT_WIDTH.portrait
  // pdfmake adds each cell's padding (4 + 4) and its rule (1) to the width it is given
  const n = t.columns.length
  const widths = columnWidths(t, total, TABLE_SIZE).map((w) => w - 9 - 1 / n)
  return {
    table: {
      headerRows: 1,
      dontBreakRows: false,
      widths,
      body: [
        t.columns.map((c) => ({ text: wrappable(c.title), bold: true, alignment: 'center' as const })),
        ...t.rows.map((r) =>
          'section' in r
            ? [
                { text: wrappable(r.section), colSpan: n, bold: true, alignment: 'center' as const },
                ...t.columns.slice(1).map(() => ({ text: '' })),
              ]
            : r.cells.map((c) => ({ text: wrappable(c) })),
        ),
      ],
    },
    fontSize: TABLE_SIZE,
  }
}

const point = (p: ViewPoint): Content => {
  const left = mm(p.depth * 5)
  return {
    stack: [
      paragraph(`${p.number} ${p.lead}`, { margin: [left, 0, 0, 4] }),
      ...p.items.map((line) => listLine(line, left)),
      ...(p.note ? [paragraph(p.note, { margin: [left, 0, 0, 4] })] : []),
    ],
  }
}

/** The appendix mark: a block at the right margin, each of its lines whole. */
const appendixMark = (a: ViewAppendix, wide: boolean, k: number, fillable: boolean): Content => ({
  columns: [
    { text: '', width: '*' },
    {
      // the last line («от … № …») is what the registration fills in: in the file to sign, two form fields
      stack: a.markLines.map((line, i) =>
        i < a.markLines.length - 1
          ? { text: line, noWrap: true }
          : fillable
            ? fieldRow(FIELD.appendixDate(k), FIELD.appendixNumber(k))
            : ({ requisite: REQUISITES.appendixMark, text: line, noWrap: true } as ContentText),
      ),
      width: 'auto',
    },
  ],
  margin: [0, 0, 0, mm(8)],
  pageBreak: 'before',
  pageOrientation: wide ? 'landscape' : 'portrait',
})

const appendix = (a: ViewAppendix, i: number, fillable: boolean): Content[] => [
  appendixMark(a, isWide(a.table), i + 1, fillable),
  { text: a.title, bold: true, alignment: 'center', margin: [0, 0, 0, mm(4)] },
  ...a.textLines.map((line) => paragraph(line)),
  ...(a.table ? [table(a.table)] : []),
]

/** Names of the boxes a rendering reserves for what signing draws later; pdf.ts records where they fell. */
export const RESERVED = { signatureMark: 'signature-mark', approvalSheet: 'approval-sheet' } as const
/**
 * Text the registration fills in: the «от … № …» line of page 1 and each appendix's mark. Named by
 * a `requisite` property of the node, not pdfmake's `id`, which must be unique (every appendix has a mark).
 */
export const REQUISITES = { dateLine: 'requisite-date-line', appendixMark: 'requisite-appendix-mark' } as const
export const SIGNATURE_MARK = { width: mm(64), height: mm(24) }
/**
 * The form fields of the file to sign. ISO 32000 forbids a period in a field's name, so the names are plain
 * words; the readable name goes in the field's /TU.
 */
export const FIELD = {
  signer: 'signer',
  seal: 'seal',
  regDate: 'regDate',
  regNumber: 'regNumber',
  visa: (k: number) => `visa${k}`,
  appendixDate: (k: number) => `appendix${k}Date`,
  appendixNumber: (k: number) => `appendix${k}Number`,
}
/**
 * The registration's fields on a line of body text: a date as wide as «00.00.0000», a number of 35 mm. Measured
 * when first laid out, not when the module is evaluated: the service starts without the fonts.
 */
const fieldWidth = () => ({ date: textWidth('00.00.0000', BODY_SIZE) + 4, number: mm(35) })
export const APPROVAL_LINE_HEIGHT = mm(6)
export const A4_HEIGHT = 841.89
export const A4_WIDTH = 595.28
/** The body text's line: what pdf.ts measures the requisites' lines by. */
export const BODY_LINE_HEIGHT = BODY_SIZE * 1.1
/** The size the registration writes its fields in: the body's. */
export const FIELD_TEXT_SIZE = BODY_SIZE
/**
 * Requisite 31 (the QR code of the verification address) with the registration mark: the bottom right of page 1
 * (ГОСТ Р 7.0.97-2025), inside the bottom margin, where the layout never puts text, so it stands over nothing
 * however full the page is.
 */
export const SEAL_BOX = {
  page: 0,
  x: A4_WIDTH - PAGE_MARGINS[2] - 190,
  y: PAGE_MARGINS[3] - 52,
  width: 190,
  height: 50,
}

/**
 * The document-information key that carries where the rendering reserved room for signing marks. Renderings
 * before 24 November 2026 wrote `OrdersReserved`, whose signature-mark and approval-sheet boxes on a landscape
 * page were measured from the top of a portrait one (src/documents/signing/reserved.ts reads both).
 */
export const RESERVED_KEY = 'OrdersReservedBoxes'
export const RESERVED_KEY_BEFORE_LANDSCAPE_FIX = 'OrdersReserved'

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
  ({ id, reserved: true, canvas: [blank(size)], ...extra }) as ContentCanvas

/** «от [date] № [number]» of the file to sign: the registration's two fields, each a box on the text's line. */
const fieldRow = (date: string, number: string, spread = false): Content => {
  const width = fieldWidth()
  return {
    columns: [
      { text: 'от', width: 'auto' },
      reserve(date, { width: width.date, height: BODY_LINE_HEIGHT }, { width: width.date }),
      ...(spread ? [{ text: '', width: '*' }] : []),
      { text: '№', width: 'auto' },
      reserve(number, { width: width.number, height: BODY_LINE_HEIGHT }, { width: width.number }),
    ],
    columnGap: textWidth(' ', BODY_SIZE),
  }
}

/**
 * The position at the left, broken so that the name stands whole at the right margin, level with its last
 * line; between them the room the electronic-signature mark is drawn in when the director signs (ГОСТ Р
 * 7.0.97-2025 п. 5.23).
 */
const signature = (v: OrderView): Content => {
  const gap = mm(4)
  const { positionLines, positionWidth } = signerLayout(
    v.signer.position,
    v.signer.name,
    BODY_SIZE,
    TEXT_WIDTH.portrait - SIGNATURE_MARK.width - 2 * gap,
  )
  return {
    columns: [
      { text: positionLines.join('\n'), width: positionWidth },
      reserve(RESERVED.signatureMark, SIGNATURE_MARK, { width: SIGNATURE_MARK.width }),
      {
        // empty lines (a no-break space each, which pdfmake keeps) bring the name down to the last line
        stack: [...positionLines.slice(1).map(() => '\u00a0'), { text: v.signer.name, noWrap: true }],
        alignment: 'right',
        width: '*',
      },
    ],
    columnGap: gap,
    margin: [0, mm(12), 0, 0],
  }
}

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

/** The pdfmake document of an order: requisites, title, preamble, points, signer, appendices. Pure. */
export const orderDocDefinition = (v: OrderView): TDocumentDefinitions => ({
  pageSize: 'A4',
  pageMargins: PAGE_MARGINS,
  // pdfmake 0.3 passes helpers where its 0.2 typings expect arrays
  pageBreakBefore: keepTogether as unknown as TDocumentDefinitions['pageBreakBefore'],
  defaultStyle: { font: PDF_FONT, fontSize: BODY_SIZE, lineHeight: 1.1 },
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
    ...(v.copyNote
      ? [
          {
            text: v.copyNote,
            alignment: 'right' as const,
            fontSize: 10,
            italics: true,
            margin: [0, 0, 0, mm(2)] as [number, number, number, number],
          },
        ]
      : []),
    ...(v.logo
      ? [
          {
            image: v.logo,
            fit: [mm(15), mm(15)] as [number, number],
            alignment: 'center' as const,
            margin: [0, 0, 0, mm(2)] as [number, number, number, number],
          },
        ]
      : []),
    { stack: [...v.parentLines, ...v.nameLines], alignment: 'center', bold: true, margin: [0, 0, 0, mm(4)] },
    { text: v.kindTitle, alignment: 'center', bold: true, fontSize: 16, characterSpacing: 3, margin: [0, 0, 0, mm(4)] },
    v.fillable
      ? { stack: [fieldRow(FIELD.regDate, FIELD.regNumber, true)], margin: [0, 0, 0, mm(2)] }
      : {
          columns: [
            { requisite: REQUISITES.dateLine, text: `от ${v.dateText}` } as ContentText,
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
    // the signature never stands alone on a page: it keeps the last point with it (keepTogether)
    ...v.points.slice(-1).map((p) => ({ id: KEEP.lastPoint, stack: [point(p)] }) as ContentStack),
    signature(v),
    ...v.appendices.flatMap((a, i) => appendix(a, i, v.fillable)),
    ...(v.approvalLines > 0 ? approvalSheet(v.approvalLines) : []),
  ],
})
