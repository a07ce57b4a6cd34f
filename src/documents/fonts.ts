import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const requireHere = createRequire(import.meta.url)
const root = dirname(requireHere.resolve('@expo-google-fonts/tinos/package.json'))

/**
 * Tinos, full TTFs with Cyrillic: a metric twin of Times New Roman (ГОСТ Р 7.0.97), which the DOCX
 * names, so that the PDF and the DOCX opened in Word break lines and pages alike.
 */
export const tinos = {
  normal: join(root, '400Regular/Tinos_400Regular.ttf'),
  bold: join(root, '700Bold/Tinos_700Bold.ttf'),
  italics: join(root, '400Regular_Italic/Tinos_400Regular_Italic.ttf'),
  bolditalics: join(root, '700Bold_Italic/Tinos_700Bold_Italic.ttf'),
} as const

/** The name every PDF document definition gives its font: the one family pdf.ts registers (Tinos). */
export const PDF_FONT = 'Tinos'

export const readFont = (path: string) => readFileSync(path)

/** fontkit as pdfkit (under pdfmake) loads it: the same module measures text for the layout. */
export const fontkitPath = createRequire(createRequire(requireHere.resolve('pdfmake')).resolve('pdfkit')).resolve(
  'fontkit',
)
