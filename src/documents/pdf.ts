import type { TDocumentDefinitions } from 'pdfmake/interfaces'
import { loadPdfmake } from './pdf-engine'
import {
  A4_HEIGHT,
  A4_WIDTH,
  BODY_LINE_HEIGHT,
  orderDocDefinition,
  PAGE_MARGINS,
  REQUISITES,
  FIELD,
  RESERVED_KEY,
  SEAL_BOX,
  type ReservedBoxes,
} from './pdf-layout'
import type { OrderView } from './order-view'

/** Any document definition laid out with the service's fonts, which can read no file and no URL. */
export const layOutPdf = (doc: TDocumentDefinitions): Promise<Buffer> => loadPdfmake().createPdf(doc).getBuffer()

/**
 * The order as a PDF, laid out by pdfmake. The file is a function of the view and `createdAt`: every date it
 * carries is `createdAt`, and pdfkit derives the document ID from the document facts, so one version at one
 * stage always gives the same bytes, which is what lets a stored rendering be signed.
 */
export const renderPdf = async (
  view: OrderView,
  { createdAt = new Date() }: { createdAt?: Date } = {},
): Promise<Uint8Array> => {
  const definition = orderDocDefinition(view)
  const boxes = reservedNodes(definition.content)
  const pdf = loadPdfmake().createPdf({
    ...definition,
    info: {
      title: view.title,
      subject: `${view.kindTitle} от ${view.dateText} № ${view.numberText}`,
      producer: 'orders-service (pdfmake)',
      creator: 'orders-service',
      creationDate: createdAt,
      modDate: createdAt,
    },
    language: 'ru-RU',
    // the file to sign declares the version its signatures need (ETSI.CAdES.detached: 1.7 with ESIC)
    ...(view.fillable ? { version: '1.7' as const } : {}),
  })
  const doc = await pdf.getStream()
  // laid out, not yet written: where the reserved boxes fell travels in the document information
  // pdfmake measures from the top of the page, PDF from the bottom: a landscape page is A4's width tall
  const pageHeight = (at: { pageOrientation?: string }) => (at.pageOrientation === 'landscape' ? A4_WIDTH : A4_HEIGHT)
  const reserved: ReservedBoxes = {}
  for (const node of boxes) {
    const at = node.positions?.[0]
    const rect = node.canvas[0]
    if (!at || !rect) continue
    reserved[node.id] = {
      page: at.pageNumber - 1,
      x: at.left,
      y: pageHeight(at) - at.top - rect.h,
      width: rect.w,
      height: rect.h,
    }
  }
  // the requisites the registration fills: the lines they take, as wide as the text column from where they start
  const counts: Record<string, number> = {}
  for (const node of requisiteNodes(definition.content)) {
    const first = node.positions?.[0]
    const last = node.positions?.at(-1)
    if (!first || !last) continue
    const n = counts[node.requisite] ?? 0
    counts[node.requisite] = n + 1
    const height = last.top - first.top + BODY_LINE_HEIGHT + 2
    reserved[`${node.requisite}-${n}`] = {
      page: first.pageNumber - 1,
      x: first.left,
      y: pageHeight(first) - first.top - height,
      width: PAGE_MARGINS[0] + first.pageInnerWidth - first.left,
      height,
    }
  }
  if (view.fillable) reserved[FIELD.seal] = SEAL_BOX
  doc.info[RESERVED_KEY] = JSON.stringify(reserved)
  const bytes = await pdf.getBuffer()
  if (!view.fillable) return bytes
  // the file to sign: every field a later revision fills is there before anyone signs (signing/fields.ts)
  const fields = await import('./signing/fields')
  return fields.reserveFields(bytes, fields.formFieldsOf(view, reserved))
}

type RequisiteNode = {
  requisite: string
  positions?: { pageNumber: number; left: number; top: number; pageInnerWidth: number; pageOrientation: string }[]
}

/**
 * The text nodes the registration fills in, in document order: marked by a `requisite` property of our own,
 * since pdfmake wants every `id` unique and every appendix has a mark.
 */
const requisiteNodes = (content: unknown): RequisiteNode[] => {
  const ids = new Set<string>(Object.values(REQUISITES))
  const found: RequisiteNode[] = []
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk)
    if (!node || typeof node !== 'object') return
    const n = node as { requisite?: string; stack?: unknown; columns?: unknown; text?: unknown }
    if (n.requisite && ids.has(n.requisite) && n.text !== undefined) found.push(n as RequisiteNode)
    walk(n.stack)
    walk(n.columns)
  }
  walk(content)
  return found
}

type ReservedNode = {
  id: string
  canvas: { w: number; h: number }[]
  // set by pdfmake on the node as it lays it out
  positions?: { pageNumber: number; left: number; top: number; pageOrientation: string }[]
}

/** The reserved boxes of a definition (the signature marks' and the form fields'), found wherever they are nested. */
const reservedNodes = (content: unknown): ReservedNode[] => {
  const found: ReservedNode[] = []
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk)
    if (!node || typeof node !== 'object') return
    const n = node as { id?: string; reserved?: boolean; stack?: unknown; columns?: unknown; canvas?: unknown }
    if (n.id && n.reserved && Array.isArray(n.canvas)) found.push(n as ReservedNode)
    walk(n.stack)
    walk(n.columns)
  }
  walk(content)
  return found
}
