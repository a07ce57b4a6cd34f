/**
 * Typesetting decisions shared by the PDF and the DOCX: text measured with Tinos (the metrics of
 * Times New Roman, which the DOCX names), where unbroken runs may break, how wide each column of a
 * table is, how a signer's position breaks into lines. Sizes are in points.
 */
import { createRequire } from 'node:module'
import type { ViewTable } from './order-view'
import { fontkitPath, readFont, tinos } from './fonts'

type Face = { unitsPerEm: number; layout: (text: string) => { advanceWidth: number } }
// fontkit and the two faces load with the first measurement, not with the module: the service's start reaches
// this module (a layout constant) and does not measure text (start-up time; fontkit's tables cost 50 ms)
let faces: { normal: Face; bold: Face } | undefined
const loadFaces = () => {
  const fontkit = createRequire(import.meta.url)(fontkitPath) as { create: (src: Uint8Array) => Face }
  faces = { normal: fontkit.create(readFont(tinos.normal)), bold: fontkit.create(readFont(tinos.bold)) }
  return faces
}
const widths = new Map<string, number>()

/** The width of a text set in Tinos at `size` points, as pdfkit measures it. */
export const textWidth = (text: string, size: number, { bold = false } = {}): number => {
  const key = `${bold ? 'b' : 'n'}${text}`
  let units = widths.get(key)
  if (units === undefined) {
    const face = (faces ?? loadFaces())[bold ? 'bold' : 'normal']
    units = face.layout(text).advanceWidth / face.unitsPerEm
    if (widths.size > 100_000) widths.clear()
    widths.set(key, units)
  }
  return units * size
}

export const mm = (n: number) => n * 2.834645669

/** A4 less the margins of ГОСТ Р 7.0.97 (20 mm left, 10 mm right): portrait and landscape. */
export const TEXT_WIDTH = { portrait: mm(180), landscape: mm(267) } as const

/** Tables of more than five columns are set on landscape pages. */
export const isWide = (t: ViewTable | null) => (t?.columns.length ?? 0) > 5

const ADDRESS = /@|:\/\/|^www\./u
const RUN_BREAK = /(?<=[@/_-])(?=[^@/_-])/u
const ADDRESS_BREAK = /(?<=[@/_-])(?=[^@/_-])|(?<=\.)(?=\p{L})/u

/**
 * The pieces of a word between which it may break: a long word breaks after `/ - _`
 * («мероприятие/направление», «организационно-управленческое»), an e-mail or a URL also after
 * `@` and a dot before a letter («1.1.» and «зам.руководителя» stay whole); a short word («п/п»,
 * «53-й») never breaks.
 */
export const runPieces = (word: string): string[] =>
  word.length < 12 ? [word] : word.split(ADDRESS.test(word) ? ADDRESS_BREAK : RUN_BREAK)

/**
 * Text with a zero-width space at each place a run may break, for Word and LibreOffice, which
 * would otherwise break it anywhere (or stretch the line before it when justified): in body text
 * e-mails and URLs only, in table cells every long run («решения/ожидаемые» would break mid-word).
 */
export const breakableRuns = (text: string, { addressesOnly = false } = {}): string =>
  text
    .split(/(\s+)/)
    .map((token) => (!addressesOnly || ADDRESS.test(token) ? runPieces(token).join('\u200b') : token))
    .join('')

export const breakableAddresses = (text: string): string => breakableRuns(text, { addressesOnly: true })

/** Cell padding and rules, left and right together: pdfmake's 4 + 4 and 1 pt rules, Word's 0.19 cm margins. */
export const CELL_PADDING = 12

const roleWeight = (role?: string) =>
  role === 'activity' ? 3 : role === 'result' ? 2 : role === 'number' ? 0.2 : role === 'deadline' ? 0.7 : 1.5

/**
 * Column widths from the columns' roles and the length of their content: every column at least as
 * wide as its longest unbreakable piece (so no word breaks mid-syllable), the rest of the width
 * shared by how much text a column carries times its role's weight (activity and result wide,
 * executor medium, number and deadline narrow), no column wider than its longest cell on one line
 * until every column is that wide.
 */
export const columnWidths = (t: ViewTable, total: number, size: number): number[] => {
  const dataRows = t.rows.filter((r) => 'cells' in r) as { cells: string[] }[]
  // a piece wider than a third of the table (a run of letters with nowhere to break) breaks anyway
  const longestPiece = (text: string, bold = false) =>
    Math.min(
      total / 3,
      Math.max(
        0,
        ...text
          .split(/\s+/)
          .flatMap(runPieces)
          .map((p) => textWidth(p, size, { bold })),
      ),
    )
  const min = t.columns.map(
    (c, j) =>
      CELL_PADDING + Math.max(longestPiece(c.title, true), ...dataRows.map((r) => longestPiece(r.cells[j] ?? ''))),
  )
  // a point to spare: a cell given exactly its text's width must not wrap on rounding
  const max = t.columns.map(
    (c, j) =>
      CELL_PADDING +
      1 +
      Math.max(textWidth(c.title, size, { bold: true }), ...dataRows.map((r) => textWidth(r.cells[j] ?? '', size))),
  )
  const minSum = min.reduce((a, b) => a + b, 0)
  // words wider than the page can hold: every column shrinks alike
  if (minSum >= total) return min.map((w) => (w * total) / minSum)
  const mean = t.columns.map(
    (_, j) => dataRows.reduce((sum, r) => sum + textWidth(r.cells[j] ?? '', size), 0) / Math.max(1, dataRows.length),
  )
  const weight = t.columns.map((c, j) => roleWeight(c.role) * Math.max(mean[j]!, 1))
  const width = [...min]
  let spare = total - minSum
  // water filling: share the spare width by weight among the columns still narrower than their content
  for (let round = 0; round < t.columns.length && spare > 0.01; round++) {
    const open = width.map((w, j) => (w < max[j]! ? weight[j]! : 0))
    const sum = open.reduce((a, b) => a + b, 0)
    if (!sum) break
    let given = 0
    width.forEach((w, j) => {
      const add = Math.min((spare * open[j]!) / sum, max[j]! - w)
      width[j] = w + add
      given += add
    })
    spare -= given
  }
  // every column holds its content on one line: the rest goes by role
  if (spare > 0.01) {
    const roles = t.columns.map((c) => roleWeight(c.role))
    const sum = roles.reduce((a, b) => a + b, 0)
    width.forEach((w, j) => {
      width[j] = w + (spare * roles[j]!) / sum
    })
  }
  return width
}

/** A text broken into lines of at most `width` points, word by word, as a left-aligned paragraph breaks. */
export const fitLines = (text: string, width: number, size: number): string[] => {
  const lines: string[] = []
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1)
    if (last !== undefined && textWidth(`${last} ${word}`, size) <= width) lines[lines.length - 1] = `${last} ${word}`
    else lines.push(word)
  }
  return lines
}

/** The signature line: the signer's position broken to leave the name its room at the right margin. */
export const signerLayout = (position: string, name: string, size: number, total = TEXT_WIDTH.portrait) => {
  const nameWidth = textWidth(name, size)
  const positionWidth = Math.min(mm(100), total - nameWidth - mm(10))
  return { positionLines: fitLines(position, positionWidth, size), positionWidth, nameWidth }
}
