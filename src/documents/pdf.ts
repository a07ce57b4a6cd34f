import { createRequire } from 'node:module'
import type { TDocumentDefinitions } from 'pdfmake/interfaces'
import { ptSerif, readFont } from './fonts'
import { orderDocDefinition } from './pdf-layout'
import type { OrderView } from './order-view'

/** The part of pdfmake 0.3's server build we use (its own typings describe the 0.2 browser API). */
type PdfMake = {
  virtualfs: { writeFileSync: (name: string, data: Buffer) => void }
  setFonts: (fonts: Record<string, Record<string, string>>) => void
  setUrlAccessPolicy: (allow: (url: string) => boolean) => void
  setLocalAccessPolicy: (allow: (path: string) => boolean) => void
  createPdf: (doc: TDocumentDefinitions) => { getBuffer: () => Promise<Buffer> }
}
const requireHere = createRequire(import.meta.url)

/**
 * pdfkit parses a font file anew for every document, which costs more than laying the order out.
 * A parsed font serves any number of documents (each makes its own subset), so fontkit, as pdfkit
 * will load it, is given a memory of what it parsed before pdfmake (and so pdfkit) is loaded.
 */
const rememberParsedFonts = () => {
  const fromPdfkit = createRequire(requireHere.resolve('pdfmake'))
  const fontkitPath = createRequire(fromPdfkit.resolve('pdfkit')).resolve('fontkit')
  const fontkit = requireHere(fontkitPath) as { create: (src: Uint8Array, family?: string) => unknown }
  const parsed = new WeakMap<Uint8Array, unknown>()
  const create = (src: Uint8Array, family?: string) => {
    if (family) return fontkit.create(src, family)
    if (!parsed.has(src)) parsed.set(src, fontkit.create(src))
    return parsed.get(src)
  }
  requireHere.cache[fontkitPath]!.exports = { ...fontkit, create }
}

const loadPdfmake = () => {
  rememberParsedFonts()
  const pdfmake = requireHere('pdfmake') as PdfMake
  // fonts live in pdfmake's virtual file system; content can never make it read a file or a URL
  for (const [style, path] of Object.entries(ptSerif))
    pdfmake.virtualfs.writeFileSync(`PTSerif-${style}.ttf`, readFont(path))
  pdfmake.setFonts({
    PTSerif: {
      normal: 'PTSerif-normal.ttf',
      bold: 'PTSerif-bold.ttf',
      italics: 'PTSerif-italics.ttf',
      bolditalics: 'PTSerif-bolditalics.ttf',
    },
  })
  pdfmake.setUrlAccessPolicy(() => false)
  pdfmake.setLocalAccessPolicy(() => false)
  return pdfmake
}

/**
 * pdfmake and pdf-lib are loaded by the first PDF, not at start: evaluating them takes longer than
 * PGlite opening its directory, and a service that has just started has rendered nothing yet.
 */
let tools: Promise<{ pdfmake: PdfMake; PDFDocument: typeof import('@cantoo/pdf-lib').PDFDocument }> | undefined
const pdfTools = () => {
  tools ??= import('@cantoo/pdf-lib').then(({ PDFDocument }) => ({ pdfmake: loadPdfmake(), PDFDocument }))
  return tools
}

/** The order as a PDF: laid out by pdfmake, then opened with pdf-lib to set the document facts signing relies on. */
export const renderPdf = async (
  view: OrderView,
  { createdAt = new Date() }: { createdAt?: Date } = {},
): Promise<Uint8Array> => {
  const { pdfmake, PDFDocument } = await pdfTools()
  const laidOut = await pdfmake.createPdf(orderDocDefinition(view)).getBuffer()
  const pdf = await PDFDocument.load(laidOut, { updateMetadata: false })
  pdf.setTitle(view.title)
  pdf.setSubject(`${view.kindTitle} от ${view.dateText} № ${view.numberText}`)
  pdf.setLanguage('ru-RU')
  pdf.setProducer('orders-service (pdfmake, pdf-lib)')
  pdf.setCreationDate(createdAt)
  pdf.setModificationDate(createdAt)
  return pdf.save({ useObjectStreams: false })
}
