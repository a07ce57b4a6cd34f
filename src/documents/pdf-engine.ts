/**
 * pdfmake as the service loads it: the Tinos faces in its virtual file system, no file or URL readable, and
 * corrections and shortcuts in pdfmake, pdfkit and fontkit made where they decide, before any of them is loaded.
 * The shortcuts change nothing on the page: all but one give the same bytes as pdfmake alone, and that one
 * (`writeLinesWhole`) puts every glyph where pdfmake put it, to a millionth of a point.
 */
import { createRequire } from 'node:module'
import type { TDocumentDefinitions } from 'pdfmake/interfaces'
import { fenced } from '../patch-fence'
import { fontkitPath, PDF_FONT, readFont, tinos } from './fonts'

/** The part of pdfmake 0.3's server build we use (its own typings describe the 0.2 browser API). */
export type PdfMake = {
  virtualfs: { writeFileSync: (name: string, data: Buffer) => void }
  setFonts: (fonts: Record<string, Record<string, string>>) => void
  setUrlAccessPolicy: (allow: (url: string) => boolean) => void
  setLocalAccessPolicy: (allow: (path: string) => boolean) => void
  createPdf: (doc: TDocumentDefinitions) => {
    getStream: () => Promise<{ info: Record<string, unknown> }>
    getBuffer: () => Promise<Buffer>
  }
}
const requireHere = createRequire(import.meta.url)

type GlyphRun = { glyphs: unknown[]; positions: object[] }
type Glyph = { advanceWidth: number; codePoints: number[]; _getMetrics: () => { leftBearing: number } }
type Font = {
  layout: (text: string, ...more: unknown[]) => GlyphRun
  createSubset: () => Subset
  getGlyph: (id: number, characters?: number[]) => Glyph | null
  loca?: { offsets: number[] }
  _variationProcessor?: unknown
  _getTableStream: (tag: string) => { pos: number; readBuffer: (length: number) => Uint8Array } | null
}
type Subset = {
  font: Font
  glyf: Uint8Array[]
  offset: number
  loca: { offsets: number[] }
  hmtx: { metrics: { advance: number; bearing: number }[] }
  _addGlyph: (id: number) => number
  includeGlyph: (id: number) => number
}
// flags of a composite glyph's component (OpenType glyf table)
const ARGS_ARE_WORDS = 0x1
const A_SCALE = 0x8
const MORE_COMPONENTS = 0x20
const X_AND_Y_SCALES = 0x40
const TWO_BY_TWO = 0x80

/**
 * fontkit copies each glyph into a subset after decoding all its points (a restructure decode, the most of a
 * subset's time), only to learn whether it is made of other glyphs and of which. The glyph's bytes say so: a
 * negative number of contours in its first two, then its components' records. The bytes copied are fontkit's
 * (a composite's components renumbered in the subset, in the same order); a variable font goes fontkit's way.
 */
const copyGlyphsUndecoded = (subset: Subset) => {
  const proto = Object.getPrototypeOf(subset) as Subset
  if (Object.hasOwn(proto, 'copiesUndecoded')) return
  const addGlyph = fenced('fontkit', 'TTFSubset.prototype._addGlyph', proto._addGlyph, '625b34b9ae3d4053')
  Object.defineProperty(proto, 'copiesUndecoded', { value: true })
  proto._addGlyph = function (this: Subset, id) {
    const { font } = this
    const offsets = font.loca?.offsets
    const stream = font._getTableStream('glyf')
    if (!offsets || !stream || font._variationProcessor) return addGlyph.call(this, id)
    const at = offsets[id]!
    stream.pos += at
    let bytes = stream.readBuffer(offsets[id + 1]! - at)
    // numberOfContours, a big-endian int16, negative: a composite glyph
    if (bytes.length >= 2 && bytes[0]! & 0x80) {
      bytes = new Uint8Array(bytes)
      const view = new DataView(bytes.buffer)
      // after the 10-byte header: flags, glyph index, two arguments (bytes or words), an optional scale
      for (let pos = 10, flags = MORE_COMPONENTS; flags & MORE_COMPONENTS; ) {
        flags = view.getUint16(pos)
        const index = pos + 2
        view.setUint16(index, this.includeGlyph(view.getUint16(index)))
        pos = index + 2 + (flags & ARGS_ARE_WORDS ? 4 : 2)
        pos += flags & A_SCALE ? 2 : flags & X_AND_Y_SCALES ? 4 : flags & TWO_BY_TWO ? 8 : 0
      }
    }
    const glyph = font.getGlyph(id)!
    this.glyf.push(bytes)
    this.loca.offsets.push(this.offset)
    this.hmtx.metrics.push({ advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing })
    this.offset += bytes.length
    return this.glyf.length - 1
  }
}

/** Words shaped before, per font: at most this many, then the memory starts over. */
const SHAPED_WORDS = 20_000

/**
 * A copy of a shaped run that its user may change: pdfkit scales the positions of every run it is
 * given in place. The glyphs are the font's own objects, which nobody changes.
 */
const copyRun = (run: GlyphRun): GlyphRun =>
  Object.assign(Object.create(Object.getPrototypeOf(run)) as GlyphRun, run, {
    glyphs: [...run.glyphs],
    positions: run.positions.map((p) => Object.assign(Object.create(Object.getPrototypeOf(p)) as object, p)),
  })

/**
 * fontkit, as pdfkit under pdfmake loads it, given two memories before pdfmake (and so pdfkit) is loaded:
 * - pdfkit parses a font file anew for every document, which costs more than laying the order out; a parsed
 *   font serves any number of documents (each makes its own subset);
 * - pdfkit shapes each word once per document (GSUB and GPOS lookups, most of a rendering's time); a word
 *   shapes alike in every document, so a font keeps the words it shaped and hands out copies.
 */
const rememberParsedFonts = () => {
  const fontkit = requireHere(fontkitPath) as { create: (src: Uint8Array, family?: string) => Font }
  fenced('fontkit', 'create', fontkit.create, 'cfc38d84c3913805')
  const parsed = new WeakMap<Uint8Array, Font>()
  const remembering = (font: Font): Font => {
    const layout = fenced('fontkit', 'TTFFont.prototype.layout', font.layout, 'd21bf931823a8e7c').bind(font)
    const shaped = new Map<string, GlyphRun>()
    font.layout = (text, ...more) => {
      // features, script or direction given: shaped as asked, not remembered
      if (more.some((m) => m !== undefined) || typeof text !== 'string') return layout(text, ...more)
      let run = shaped.get(text)
      if (!run) {
        if (shaped.size >= SHAPED_WORDS) shaped.clear()
        run = layout(text)
        shaped.set(text, run)
      }
      return copyRun(run)
    }
    // A glyph first met as a part of another (a composite's component, as a subset copies it) is kept with no
    // characters, and pdfkit writes a glyph's characters into the text layer: in every later document the Latin
    // «a e o p c x y» that Cyrillic letters are built of came back from copy and search as nothing.
    const getGlyph = fenced('fontkit', 'TTFFont.prototype.getGlyph', font.getGlyph, '4ab9f223f0f99c5b').bind(font)
    font.getGlyph = (id, characters = []) => {
      const glyph = getGlyph(id, characters)
      if (glyph && characters.length && !glyph.codePoints.length) glyph.codePoints = characters
      return glyph
    }
    copyGlyphsUndecoded(font.createSubset())
    return font
  }
  const create = (src: Uint8Array, family?: string) => {
    if (family) return fontkit.create(src, family)
    if (!parsed.has(src)) parsed.set(src, remembering(fontkit.create(src)))
    return parsed.get(src)!
  }
  requireHere.cache[fontkitPath]!.exports = { ...fontkit, create }
}
type Inline = { text: string; x: number; justifyShift?: number }
type LayoutLine = {
  inlines: (Inline & { alignment?: string })[]
  newLineForced?: boolean
  lastLineInParagraph?: boolean
}

/**
 * Two corrections to pdfmake's typesetting, made where it decides them:
 * - justified, it spreads a line's spare width over every break between its pieces, so a run that
 *   may break (an e-mail after its «@», a hyphenated word) comes out letter-spaced; a typesetter
 *   widens the spaces between words only, and so does this;
 * - a zero-width space (U+200B) marks where a run may break (`breakableRun`); it is taken out of
 *   the text once the breaks are found, so the PDF holds the run as it was written, for copy and search.
 */
const correctTypesetting = () => {
  const fromPdfmake = createRequire(requireHere.resolve('pdfmake'))
  type Writer = { prototype: { alignLine: (line: LayoutLine) => void; context: () => { availableWidth: number } } }
  const ElementWriter = (fromPdfmake('./ElementWriter.js') as { default: Writer }).default
  const alignLine = fenced(
    'pdfmake',
    'ElementWriter.prototype.alignLine',
    ElementWriter.prototype.alignLine,
    'bfd03c0dc0ea43be',
  )
  ElementWriter.prototype.alignLine = function (this: Writer['prototype'], line) {
    const justified = line.inlines[0]?.alignment === 'justify'
    if (!justified || line.newLineForced || line.lastLineInParagraph) return alignLine.call(this, line)
    const spaces = line.inlines.map((_, i) => i > 0 && /\s$/.test(line.inlines[i - 1]!.text))
    const count = spaces.filter(Boolean).length
    if (!count) return
    const spare = (this.context().availableWidth - (line as unknown as { getWidth: () => number }).getWidth()) / count
    let shift = 0
    line.inlines.forEach((inline, i) => {
      if (spaces[i]) {
        shift += spare
        inline.justifyShift = spare
      }
      inline.x += shift
    })
  }
  type Breaker = { prototype: { getBreaks: (...args: unknown[]) => { text: string }[] } }
  const TextBreaker = (fromPdfmake('./TextBreaker.js') as { default: Breaker }).default
  const getBreaks = fenced(
    'pdfmake',
    'TextBreaker.prototype.getBreaks',
    TextBreaker.prototype.getBreaks,
    '24265b010e00f076',
  )
  TextBreaker.prototype.getBreaks = function (...args) {
    const pieces = getBreaks.apply(this, args)
    for (const piece of pieces) piece.text = piece.text.replaceAll('\u200b', '')
    return pieces
  }
}

type Reference = {
  buffer: (Uint8Array | string)[]
  data: { Length?: number; Filter?: string }
  compress: boolean
  write: (chunk: unknown) => void
  finalize: () => void
}

/**
 * pdfkit turns every operator it writes to a page (a word, a move, a colour) into a Buffer of its own and
 * joins them when the page ends: tens of thousands of small buffers a document. Its streams here keep the
 * text as text and make one buffer of it when they end; the bytes are the same (the text is Latin-1, one
 * byte a character, as pdfkit writes it).
 */
const writeStreamsAsText = () => {
  const fromPdfmake = createRequire(requireHere.resolve('pdfmake'))
  const PdfKit = fromPdfmake('pdfkit') as new (options: object) => { ref: () => Reference }
  const reference = Object.getPrototypeOf(new PdfKit({ autoFirstPage: false }).ref()) as Reference
  const write = fenced('pdfkit', 'PDFReference.prototype.write', reference.write, 'd908ca396fbfefdf')
  const finalize = fenced('pdfkit', 'PDFReference.prototype.finalize', reference.finalize, '8af9e473a0841475')
  reference.write = function (this: Reference, chunk) {
    if (chunk instanceof Uint8Array) return write.call(this, chunk)
    // the Length entry goes first, as pdfkit puts it (its value is set from the bytes when the stream ends)
    this.data.Length ??= 0
    this.buffer.push(`${chunk}\n`)
    if (this.compress) this.data.Filter = 'FlateDecode'
  }
  reference.finalize = function (this: Reference) {
    if (Array.isArray(this.buffer) && this.buffer.some((part) => typeof part === 'string')) {
      const parts: Uint8Array[] = []
      let text = ''
      for (const part of this.buffer) {
        if (typeof part === 'string') text += part
        else {
          if (text) parts.push(Buffer.from(text, 'latin1'))
          text = ''
          parts.push(part)
        }
      }
      if (text) parts.push(Buffer.from(text, 'latin1'))
      this.buffer = parts
    }
    return finalize.call(this)
  }
}

type Style = Record<string, unknown> & { extends?: string | string[] }
type StyleStack = {
  styleDictionary: Record<string, Style | undefined>
  defaultStyle?: Style
  styleOverrides: (string | Record<string, unknown>)[]
  getProperty: (property: string) => unknown
}
type Styled = Record<string, unknown> & { style?: string | string[]; section?: unknown }

const isValue = (v: unknown) => v !== undefined && v !== null
const isString = (v: unknown): v is string => typeof v === 'string' || v instanceof String

/** A property of a named style or of the styles it extends (the last parent first), as pdfmake reads it. */
const fromNamedStyle = (
  styles: StyleStack['styleDictionary'],
  name: string,
  property: string,
  visited?: Set<string>,
): unknown => {
  const style = styles[name]
  if (!style) return undefined
  if (isValue(style[property])) return style[property]
  if (!style.extends) return undefined
  const seen = visited ?? new Set<string>()
  seen.add(name)
  const parents = Array.isArray(style.extends) ? style.extends : [style.extends]
  for (let i = parents.length - 1; i >= 0; i--) {
    if (seen.has(parents[i]!)) continue
    const value = fromNamedStyle(styles, parents[i]!, property, seen)
    if (isValue(value)) return value
  }
  return undefined
}

/**
 * pdfmake reads some twenty style properties of every piece of text, each by pushing the piece on its style
 * stack and making a closure and a set to walk it: most of the garbage a layout makes. The same walk
 * (the piece, its named styles last first, then the stack top down, then the default style) without them.
 */
const readStylesInPlace = () => {
  const fromPdfmake = createRequire(requireHere.resolve('pdfmake'))
  type Stack = {
    prototype: StyleStack
    getStyleProperty: (item: Styled, stack: StyleStack | undefined, property: string, fallback: unknown) => unknown
  }
  const StyleContextStack = (fromPdfmake('./StyleContextStack.js') as { default: Stack }).default
  fenced(
    'pdfmake',
    'StyleContextStack.prototype.getProperty',
    StyleContextStack.prototype.getProperty,
    '1f44d5be2de5a5d4',
  )
  fenced('pdfmake', 'StyleContextStack.getStyleProperty', StyleContextStack.getStyleProperty, 'ca42470130b7e9d1')
  StyleContextStack.prototype.getProperty = function (this: StyleStack, property) {
    for (let i = this.styleOverrides.length - 1; i >= 0; i--) {
      const item = this.styleOverrides[i]!
      if (isString(item)) {
        const value = fromNamedStyle(this.styleDictionary, String(item), property)
        if (isValue(value)) return value
      } else if (isValue(item[property])) return item[property]
    }
    return this.defaultStyle?.[property]
  }
  StyleContextStack.getStyleProperty = (item, stack, property, fallback) => {
    if (isValue(item[property])) return item[property]
    if (!stack) return fallback
    if (!isString(item) && item.section === undefined && item.style) {
      const names = Array.isArray(item.style) ? item.style : [item.style]
      for (let i = names.length - 1; i >= 0; i--) {
        const value = isString(names[i])
          ? fromNamedStyle(stack.styleDictionary, String(names[i]), property)
          : (names[i] as unknown as Record<string, unknown>)[property]
        if (isValue(value)) return value
      }
    }
    const value = stack.getProperty(property)
    return isValue(value) ? value : fallback
  }
  // A text's words are measured under one state of the stack (nothing is pushed or popped meanwhile, and the
  // nodes on it are not changed): what the stack says of a property is read once per text, not once per word.
  type Inlines = { prototype: { buildInlines: (text: unknown, stack?: StyleStack) => unknown } }
  const TextInlines = (fromPdfmake('./TextInlines.js') as { default: Inlines }).default
  const buildInlines = fenced(
    'pdfmake',
    'TextInlines.prototype.buildInlines',
    TextInlines.prototype.buildInlines,
    '327a931593789411',
  )
  TextInlines.prototype.buildInlines = function (text, stack) {
    if (!stack) return buildInlines.call(this, text, stack)
    const read = new Map<string, unknown>()
    stack.getProperty = (property) => {
      if (!read.has(property)) read.set(property, StyleContextStack.prototype.getProperty.call(stack, property))
      return read.get(property)
    }
    try {
      return buildInlines.call(this, text, stack)
    } finally {
      delete (stack as Partial<StyleStack>).getProperty
    }
  }
}

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
const writeLinesWhole = () => {
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

/**
 * pdfmake is loaded by the first PDF, not at start: evaluating it takes longer than PGlite opening its
 * directory, and a service that has just started has rendered nothing yet.
 */
let loaded: PdfMake | undefined
export const loadPdfmake = (): PdfMake => {
  if (loaded) return loaded
  rememberParsedFonts()
  correctTypesetting()
  writeStreamsAsText()
  readStylesInPlace()
  writeLinesWhole()
  const pdfmake = requireHere('pdfmake') as PdfMake
  // fonts live in pdfmake's virtual file system; content can never make it read a file or a URL
  for (const [style, path] of Object.entries(tinos))
    pdfmake.virtualfs.writeFileSync(`Tinos-${style}.ttf`, readFont(path))
  pdfmake.setFonts({
    [PDF_FONT]: {
      normal: 'Tinos-normal.ttf',
      bold: 'Tinos-bold.ttf',
      italics: 'Tinos-italics.ttf',
      bolditalics: 'Tinos-bolditalics.ttf',
    },
  })
  pdfmake.setUrlAccessPolicy(() => false)
  pdfmake.setLocalAccessPolicy(() => false)
  loaded = pdfmake
  return pdfmake
}
