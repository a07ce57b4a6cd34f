/**
 * fontkit's patch (pdfkit under pdfmake loads fontkit): a parsed font and the words it shaped are kept across
 * documents, and a subset copies a glyph's bytes without decoding it. Installed before pdfmake is loaded.
 */
import { createRequire } from 'node:module'
import { fenced } from '../../patch-fence'
import { fontkitPath } from '../fonts'

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
export const rememberParsedFonts = () => {
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
