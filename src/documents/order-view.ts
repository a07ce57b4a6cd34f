import { kindNames, type OrderContent, type Point } from '../domain/content'
import { russianDate } from '../domain/dates'
import { directiveOf } from '../domain/letterhead'
import { appendixLabel, numberPoints, type NumberedPoint } from '../domain/numbering'

/** What a rendering knows besides the content: the registration, the organization profile, the stage. */
export type RenderFacts = {
  draft: boolean
  number?: string | null
  date?: string | null // YYYY-MM-DD
  organization: { parent?: string[] | null; name: string[]; place?: string | null }
  /** the profile's directive words for the kind (pinned with the version); the order's own win */
  directive?: string | null
  /** the profile's emblem as a data: URL, printed above the letterhead unless the order names its own organization */
  logo?: string | null
  /** Lines the approval sheet reserves for the visas' signatures (the file that is signed); none in a draft. */
  approvalLines?: number
  /** An order from the archive, registered on paper: its renderings are copies and claim no signature. */
  imported?: boolean
}

/** What a copy of an order from the archive says above its heading, in every rendering (PDF and DOCX). */
export const IMPORTED_COPY_NOTE = 'Копия: внесён из архива; электронной подписи нет, подлинник — на бумаге'

/** A line of a point's own list: «- обеспечить …;» has the marker «-», a plain line none. */
export type ViewLine = { marker: string; body: string }

/** `text` whole (for uploaded templates); `lead` its first line, `items` each further line, a paragraph of its own. */
export type ViewPoint = {
  number: string
  depth: number
  text: string
  lead: string
  items: ViewLine[]
  note: string | null
}

export type ViewTable = {
  columns: { title: string; role?: string }[]
  rows: ({ cells: string[] } | { section: string })[]
}

/** `mark` in one line; `markLines` the block at the right: «Приложение № N», «к приказу», «от DD.MM.YYYY № NUMBER». */
export type ViewAppendix = {
  label: string
  mark: string
  markLines: string[]
  title: string
  textLines: string[]
  table: ViewTable | null
}

/** The order laid out as text blocks, the same for the DOCX and the PDF: numbers and marks come from here only. */
export type OrderView = {
  draft: boolean
  /** The imported copy's note (IMPORTED_COPY_NOTE), or null */
  copyNote: string | null
  logo: string | null
  parentLines: string[]
  nameLines: string[]
  place: string | null
  kindTitle: string
  dateText: string
  numberText: string
  title: string
  preamble: string
  directive: string | null
  points: ViewPoint[]
  signer: { position: string; name: string }
  appendices: ViewAppendix[]
  approvalLines: number
  /**
   * The file to sign: its date, number and the appendices' «от … № …» are form fields the registration fills
   * (no placeholder text under them), and the signatures' and the seal's fields are reserved.
   */
  fillable: boolean
}

const BLANK_DATE = '__________'
const BLANK_NUMBER = '______'

/** Executors and deadline are shown only where the point's text does not already say them. */
const pointNote = (p: Point): string | null => {
  const parts: string[] = []
  const missingExecutors = (p.executors ?? []).filter((e) => !p.text.includes(e))
  if (missingExecutors.length) parts.push(`Ответственные: ${missingExecutors.join(', ')}`)
  if (p.deadline && !p.text.includes(p.deadline)) parts.push(`Срок: ${p.deadline}`)
  return parts.length ? `${parts.map((x) => x.replace(/\.$/, '')).join('. ')}.` : null
}

const MARKER = /^([-–—•·*]|\d{1,2}[.)]|[а-яa-z]\))\s+/u

/** A point's text cut at its line breaks: the first line leads, each further one is an item. */
export const pointLines = (text: string): { lead: string; items: ViewLine[] } => {
  const [lead = '', ...rest] = text.split(/\r?\n/).map((l) => l.trim())
  const items = rest.filter(Boolean).map((line) => {
    const m = MARKER.exec(line)
    return m ? { marker: m[1]!, body: line.slice(m[0].length) } : { marker: '', body: line }
  })
  return { lead, items }
}

const viewPoint = (number: string, depth: number, text: string, note: string | null): ViewPoint => ({
  number,
  depth,
  text,
  ...pointLines(text),
  note,
})

const flatten = (points: NumberedPoint<Point>[]): ViewPoint[] =>
  points.flatMap((p) => [viewPoint(p.number, p.depth, p.point.text, pointNote(p.point)), ...flatten(p.children)])

export const buildOrderView = (content: OrderContent, facts: RenderFacts): OrderView => {
  const org = content.organization ?? facts.organization
  const names = kindNames[content.kind]
  const dateText = facts.date ? russianDate(facts.date) : BLANK_DATE
  const numberText = facts.number ?? BLANK_NUMBER
  const points = flatten(numberPoints(content.points))
  if (content.control) points.push(viewPoint(`${content.points.length + 1}.`, 0, content.control, null))
  const total = content.appendices?.length ?? 0
  return {
    draft: facts.draft,
    copyNote: facts.imported ? IMPORTED_COPY_NOTE : null,
    approvalLines: facts.approvalLines ?? 0,
    fillable: !facts.draft && !facts.number,
    logo: content.organization ? null : (facts.logo ?? null),
    parentLines: org.parent ?? [],
    nameLines: org.name,
    place: org.place ?? null,
    kindTitle: names.nominative.toUpperCase(),
    dateText,
    numberText,
    title: content.title,
    preamble: content.preamble,
    directive: directiveOf(content.directive, { directive: facts.directive ?? null }, content.kind),
    points,
    signer: content.signer,
    appendices: (content.appendices ?? []).map((a, i) => ({
      label: appendixLabel(i, total),
      mark: `к ${names.dative} от ${dateText} № ${numberText}`,
      markLines: [appendixLabel(i, total), `к ${names.dative}`, `от ${dateText} № ${numberText}`],
      title: a.title,
      textLines: a.text ? a.text.split('\n') : [],
      // a draft's table without a column yet has nothing to lay out: shown as no table until it has one
      table: a.table?.columns.length ? a.table : null,
    })),
  }
}
