/** pdfmake's patch of its line rendering: a line's words of one look written as one pdfkit text object. */
import { createRequire } from 'node:module'
import { fenced } from '../../patch-fence'

const requireHere = createRequire(import.meta.url)

type Position = { xAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }
type EmbeddedFont = {
  id: string
  ascender: number
  ref: () => unknown
  encode: (text: string) => [string[], Position[]]
}
type PdfKitDocument = {
  page: { height: number; fonts: Record<string, unknown> }
  _font: EmbeddedFont
  opacity: (opacity: number) => void
  fill: (color: unknown) => void
  resolveColor: (color: unknown, fallback: string) => unknown
  fontSize: (size: number) => void
  save: () => void
  restore: () => void
  transform: (...matrix: number[]) => void
  addContent: (operator: string) => void
}
type LineInline = Record<string, unknown> & { text: string; x: number; font: EmbeddedFont; fontSize: number }
type RenderedLine = Record<string, unknown> & {
  inlines: LineInline[]
  getHeight: () => number
  getAscenderHeight: () => number
}

/** What pdfkit writes for a number in a content stream. */
const pdfNumber = (n: number) => Math.round(n * 1e6) / 1e6

/** An inline pdfkit writes as plain glyphs: no link, decoration, features, spacing or raised text. */
const plainInline = (inline: LineInline) =>
  !(
    inline.link ||
    inline.linkToPage ||
    inline.linkToDestination ||
    inline._pageNodeRef ||
    inline.fontFeatures ||
    inline.sup ||
    inline.sub ||
    inline.characterSpacing ||
    inline.background ||
    inline.decoration
  ) &&
  (inline.opacity === undefined || typeof inline.opacity === 'number')
const sameLook = (a: LineInline, b: LineInline) =>
  a.font === b.font && a.fontSize === b.fontSize && a.color === b.color && a.opacity === b.opacity

/**
 * pdfmake writes every word as a text object of its own (colour, a saved state, a matrix, the font, one word,
 * restored): some 130 bytes a word, most of a rendering's writing and compressing. A line's neighbouring words
 * of one look go into one text object here, each at the place pdfmake gave it: the gap from where the previous
 * word ends is a displacement in the TJ array, as pdfkit itself writes the kerning inside a word. The glyphs sit
 * where they sat, to a millionth of a point; a line with anything else (a link, a decoration, a raised or an
 * offset glyph) is written by pdfmake as before.
 */
export const writeLinesWhole = () => {
  const fromPdfmake = createRequire(requireHere.resolve('pdfmake'))
  type Renderer = {
    prototype: {
      pdfDocument: PdfKitDocument
      renderLine: (line: RenderedLine, x?: number, y?: number) => void
    }
  }
  const Renderer = (fromPdfmake('./Renderer.js') as { default: Renderer }).default
  const renderLine = fenced(
    'pdfmake',
    'Renderer.prototype.renderLine',
    Renderer.prototype.renderLine,
    'b71f57566c6b6c5f',
  )
  Renderer.prototype.renderLine = function (line, x = 0, y = 0) {
    if (line._outline || line._pageNodeRef || line.id || !line.inlines.every(plainInline))
      return renderLine.call(this, line, x, y)
    const inlines = line.inlines
    const encoded: [string[], Position[]][] = []
    for (const inline of inlines) {
      const text = inline.text.includes('\n') ? inline.text.replace(/\n/g, '') : inline.text
      const run = text ? inline.font.encode(text) : ([[], []] as [string[], Position[]])
      for (const p of run[1]) if (p.xOffset || p.yOffset) return renderLine.call(this, line, x, y)
      encoded.push(run)
    }
    const doc = this.pdfDocument
    const lineHeight = line.getHeight()
    const descent = lineHeight - line.getAscenderHeight()
    for (let from = 0; from < inlines.length; ) {
      let to = from + 1
      while (to < inlines.length && sameLook(inlines[to]!, inlines[from]!)) to++
      const first = inlines[from]!
      const { font, fontSize } = first
      // as pdfmake sets the state for each word, and pdfkit opens a text object for it
      doc.opacity(typeof first.opacity === 'number' ? first.opacity : 1)
      doc.fill(doc.resolveColor(first.color, 'black'))
      doc._font = font
      doc.fontSize(fontSize)
      doc.save()
      doc.transform(1, 0, 0, -1, 0, doc.page.height)
      if (doc.page.fonts[font.id] == null) doc.page.fonts[font.id] = font.ref()
      const top = y + lineHeight - (font.ascender / 1000) * fontSize - descent
      const baseline = doc.page.height - top - (font.ascender / 1000) * fontSize
      const scale = fontSize / 1000
      const start = inlines.findIndex((_, k) => k >= from && k < to && encoded[k]![1].length > 0)
      if (start < 0) {
        doc.restore()
        from = to
        continue
      }
      let pen = x + inlines[start]!.x
      doc.addContent('BT')
      doc.addContent(`1 0 0 1 ${pdfNumber(pen)} ${pdfNumber(baseline)} Tm`)
      doc.addContent(`/${font.id} ${pdfNumber(fontSize)} Tf`)
      // pdfkit's segments: glyphs, then the displacement after them in thousandths of the size (its kerning),
      // word after word; a segment is written when the next one starts, once the gap after it is known
      let array = ''
      let glyphs = ''
      let displacement = 0
      let closed = false
      for (let k = start; k < to; k++) {
        const [hex, positions] = encoded[k]!
        if (!positions.length) continue
        const gap = x + inlines[k]!.x - pen
        displacement -= gap / scale
        pen += gap
        for (let i = 0; i < positions.length; i++) {
          if (closed) {
            array += `<${glyphs}> ${pdfNumber(displacement)} `
            glyphs = ''
            closed = false
          }
          const p = positions[i]!
          glyphs += hex[i]
          pen += p.xAdvance * scale
          const kern = p.xAdvance - p.advanceWidth
          if (kern !== 0 || i === positions.length - 1) {
            closed = true
            displacement = -kern
          }
        }
      }
      doc.addContent(`[${array}<${glyphs}> ${pdfNumber(displacement)}] TJ`)
      doc.addContent('ET')
      doc.restore()
      from = to
    }
  }
}
