/**
 * pdfmake as the service loads it: the Tinos faces in its virtual file system, no file or URL readable, and
 * corrections and shortcuts in pdfmake, pdfkit and fontkit made where they decide, before any of them is loaded.
 * Each patch is a file of its own under `pdf-patches/`, named by the library it patches, fenced by
 * `src/patch-fence.ts`. The shortcuts change nothing on the page: all but one give the same bytes as pdfmake alone, and that one
 * (`writeLinesWhole`) puts every glyph where pdfmake put it, to a millionth of a point.
 */
import { createRequire } from 'node:module'
import type { TDocumentDefinitions } from 'pdfmake/interfaces'
import { PDF_FONT, readFont, tinos } from './fonts'
import { rememberParsedFonts } from './pdf-patches/fontkit-parsed-fonts'
import { writeStreamsAsText } from './pdf-patches/pdfkit-text-streams'
import { readStylesInPlace } from './pdf-patches/pdfmake-styles'
import { correctTypesetting } from './pdf-patches/pdfmake-typesetting'
import { writeLinesWhole } from './pdf-patches/pdfmake-whole-lines'

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
