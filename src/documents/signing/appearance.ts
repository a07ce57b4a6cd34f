import {
  beginText,
  endText,
  fill,
  moveText,
  type PDFDocument,
  type PDFFont,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFontAndSize,
  setFillingRgbColor,
  setLineWidth,
  setStrokingRgbColor,
  showText,
  stroke,
} from '@cantoo/pdf-lib'
import QRCode from 'qrcode'

export class PdfSigningError extends Error {}

/** A visible signature: text lines in a frame, drawn as the widget's appearance at `rect` on `page` (0-based, -1 last). */
export type Appearance = {
  page: number
  rect: { x: number; y: number; width: number; height: number }
  lines: { text: string; size: number; bold?: boolean }[]
  frame: boolean
  /** A QR code of this text drawn as vector squares at the left of the box, the lines to its right. */
  qr?: string
  /** Lines aligned right (default: centred in a frame, else left); lines wider than the box wrap at spaces. */
  align?: 'left' | 'right'
  /** Paint the box white first: what it is drawn over (a blank line) no longer shows. */
  opaque?: boolean
}

/** Greedy line breaking at spaces: enough for the few words of a mark. */
const wrap = (text: string, measure: (t: string) => number, width: number) => {
  const lines: string[] = []
  let current = ''
  for (const word of text.split(' ')) {
    const next = current ? `${current} ${word}` : word
    if (current && measure(next) > width) {
      lines.push(current)
      current = word
    } else current = next
  }
  return [...lines, current]
}

export type Fonts = { regular?: PDFFont; bold?: PDFFont }

/** A mark drawn as a form XObject: a widget's normal appearance (/AP /N). */
export const appearanceStream = (doc: PDFDocument, a: Appearance, fonts: Fonts) => {
  const { width, height } = a.rect
  const ops = [pushGraphicsState()]
  if (a.opaque)
    ops.push(setFillingRgbColor(1, 1, 1), rectangle(0, 0, width, height), fill(), setFillingRgbColor(0, 0, 0))
  if (a.frame)
    ops.push(setStrokingRgbColor(0.1, 0.2, 0.6), setLineWidth(1), rectangle(1, 1, width - 2, height - 2), stroke())
  let left = 0
  if (a.qr) {
    // ГОСТ Р 7.0.97-2025 requisite 31: the code as vector modules, a square as tall as the box
    const { modules } = QRCode.create(a.qr, { errorCorrectionLevel: 'M' })
    const cell = height / (modules.size + 2)
    ops.push(setFillingRgbColor(0, 0, 0))
    for (let r = 0; r < modules.size; r++)
      for (let c = 0; c < modules.size; c++)
        if (modules.get(r, c)) ops.push(rectangle((c + 1) * cell, height - (r + 2) * cell, cell, cell))
    ops.push(fill())
    left = height
  }
  // an opaque box stands over body text: its lines keep the body's spacing (1.1) and baseline
  const step = a.opaque ? 1.1 : 1.2
  let y = a.opaque ? height - 2 + 0.3 * (a.lines[0]?.size ?? 0) : height - 3
  for (const line of a.lines) {
    const font = line.bold ? fonts.bold : fonts.regular
    if (!font) throw new PdfSigningError('a font the appearance needs was not embedded')
    for (const text of wrap(line.text, (t) => font.widthOfTextAtSize(t, line.size), width - left - 4)) {
      y -= line.size * step
      const lineWidth = font.widthOfTextAtSize(text, line.size)
      const x = a.frame
        ? Math.max(4, (width - lineWidth) / 2)
        : a.align === 'right'
          ? Math.max(left, width - lineWidth - 1)
          : left + 2
      // each line its own text object: Td at its start is measured from the origin
      ops.push(beginText(), setFontAndSize(line.bold ? 'FB' : 'FR', line.size), moveText(x, y))
      ops.push(showText(font.encodeText(text)), endText())
    }
  }
  ops.push(popGraphicsState())
  return doc.context.formXObject(ops, {
    BBox: [0, 0, width, height],
    Resources: {
      Font: { ...(fonts.regular ? { FR: fonts.regular.ref } : {}), ...(fonts.bold ? { FB: fonts.bold.ref } : {}) },
    },
  })
}
