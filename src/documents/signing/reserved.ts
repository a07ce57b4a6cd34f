import { PDFDict, PDFHexString, PDFName, PDFString } from '@cantoo/pdf-lib'
import {
  A4_HEIGHT,
  FIELD,
  REQUISITES,
  RESERVED,
  RESERVED_KEY,
  RESERVED_KEY_BEFORE_LANDSCAPE_FIX,
  type ReservedBoxes,
} from '../pdf-layout'
import { findField } from './fields'
import { type LoadedPdf, loadPdf } from './pades'

export type Box = ReservedBoxes[string]

/**
 * Where the rendering reserved room for the signature mark and the approval sheet, read back from the file;
 * from a LoadedPdf, the parse its signature will use.
 */
export const reservedBoxes = async (pdf: Uint8Array | LoadedPdf) => {
  const { doc } = pdf instanceof Uint8Array ? await loadPdf(pdf) : pdf
  const info = doc.context.lookupMaybe(doc.context.trailerInfo.Info, PDFDict)
  const textOf = (key: string) => {
    const value = info?.lookup(PDFName.of(key))
    return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined
  }
  const current = textOf(RESERVED_KEY)
  const boxes = JSON.parse(current ?? textOf(RESERVED_KEY_BEFORE_LANDSCAPE_FIX) ?? '{}') as ReservedBoxes
  // a file rendered before the fix, still being signed: its two boxes on a landscape page were measured from
  // the top of a portrait page, (A4 height − the page's height) too high
  const onItsPage = (box: Box | undefined) => {
    const page = box && !current && doc.getPages()[box.page]
    return page ? { ...box, y: box.y - (A4_HEIGHT - page.getHeight()) } : box
  }
  return {
    pages: doc.getPageCount(),
    /** Rendered with its fields: the signatures and the registration fill them (signing/fields.ts). */
    fillable: findField(doc, FIELD.regDate) !== undefined,
    signatureMark: onItsPage(boxes[RESERVED.signatureMark]),
    approvalSheet: onItsPage(boxes[RESERVED.approvalSheet]),
    /** The «от … № …» line of page 1. */
    dateLine: boxes[`${REQUISITES.dateLine}-0`] as Box | undefined,
    /** Each appendix's mark («к приказу от … № …»), in order. */
    appendixMarks: Object.keys(boxes)
      .filter((k) => k.startsWith(`${REQUISITES.appendixMark}-`))
      .sort((a, b) => Number(a.split('-').at(-1)) - Number(b.split('-').at(-1)))
      .map((k) => boxes[k]!),
  }
}
