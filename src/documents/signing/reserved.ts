import { PDFDict, PDFHexString, PDFName, PDFString } from '@cantoo/pdf-lib'
import { REQUISITES, RESERVED, RESERVED_KEY, type ReservedBoxes } from '../pdf-layout'
import { type LoadedPdf, loadPdf } from './pades'

export type Box = ReservedBoxes[string]

/**
 * Where the rendering reserved room for the signature mark and the approval sheet, read back from the file;
 * from a LoadedPdf, the parse its signature will use.
 */
export const reservedBoxes = async (pdf: Uint8Array | LoadedPdf) => {
  const { doc } = pdf instanceof Uint8Array ? await loadPdf(pdf) : pdf
  const info = doc.context.lookupMaybe(doc.context.trailerInfo.Info, PDFDict)
  const value = info?.lookup(PDFName.of(RESERVED_KEY))
  const text = value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : '{}'
  const boxes = JSON.parse(text) as ReservedBoxes
  return {
    pages: doc.getPageCount(),
    signatureMark: boxes[RESERVED.signatureMark] as Box | undefined,
    approvalSheet: boxes[RESERVED.approvalSheet] as Box | undefined,
    /** The «от … № …» line of page 1. */
    dateLine: boxes[`${REQUISITES.dateLine}-0`] as Box | undefined,
    /** Each appendix's mark («к приказу от … № …»), in order. */
    appendixMarks: Object.keys(boxes)
      .filter((k) => k.startsWith(`${REQUISITES.appendixMark}-`))
      .sort((a, b) => Number(a.split('-').at(-1)) - Number(b.split('-').at(-1)))
      .map((k) => boxes[k]!),
  }
}
