/** pdfmake's patch of its typesetting: justified lines widen spaces only; zero-width break marks taken out. */
import { createRequire } from 'node:module'
import { fenced } from '../../patch-fence'

const requireHere = createRequire(import.meta.url)

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
export const correctTypesetting = () => {
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
