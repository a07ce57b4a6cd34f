import {
  beginMarkedContent,
  beginText,
  endMarkedContent,
  endText,
  moveText,
  PDFArray,
  PDFDict,
  PDFDocument,
  type PDFFont,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFRef,
  PDFString,
  popGraphicsState,
  pushGraphicsState,
  setFontAndSize,
  setLineWidth,
  setStrokingGrayscaleColor,
  showText,
  stroke,
  lineTo,
  moveTo,
} from '@cantoo/pdf-lib'
import type { OrderView } from '../order-view'
import { APPROVAL_LINE_HEIGHT, FIELD, FIELD_TEXT_SIZE, RESERVED, type ReservedBoxes, SEAL_BOX } from '../pdf-layout'
import { approvalLineBox } from './marks'
import type { Box } from './reserved'

/**
 * The form fields of the file to sign. A later revision changes no page: each signature fills its own
 * signature field (its value and its widget's appearance) and the registration fills its text fields, which
 * is what strict validators (pyHanko's difference analysis, DocMDP's «form filling and signing») permit after
 * a signature. Adding a Stamp annotation or drawing on a page, as this service once did, is not.
 */
export type FormField = { name: string; label: string; kind: 'signature' | 'text'; box: Box }

/** The fields of a file to sign, from the boxes its layout reserved. */
export const formFieldsOf = (view: OrderView, boxes: ReservedBoxes): FormField[] => {
  const fields: FormField[] = []
  const sheet = boxes[RESERVED.approvalSheet]
  if (sheet)
    for (let k = 1; k <= view.approvalLines; k++)
      fields.push({
        name: FIELD.visa(k),
        label: `Виза ${k} (лист согласования)`,
        kind: 'signature',
        box: approvalLineBox(sheet, k - 1, APPROVAL_LINE_HEIGHT),
      })
  const mark = boxes[RESERVED.signatureMark]
  if (mark) fields.push({ name: FIELD.signer, label: `Подпись: ${view.signer.name}`, kind: 'signature', box: mark })
  fields.push({
    name: FIELD.seal,
    label: 'Регистрация и проверка подлинности (QR-код)',
    kind: 'signature',
    box: SEAL_BOX,
  })
  const text = (name: string, label: string) => {
    const box = boxes[name]
    if (box) fields.push({ name, label, kind: 'text', box })
  }
  text(FIELD.regDate, 'Дата регистрации')
  text(FIELD.regNumber, 'Регистрационный номер')
  for (const [i, a] of view.appendices.entries()) {
    text(FIELD.appendixDate(i + 1), `${a.label}: дата приказа`)
    text(FIELD.appendixNumber(i + 1), `${a.label}: номер приказа`)
  }
  return fields
}

const ESIC = { BaseVersion: PDFName.of('1.7'), ExtensionLevel: PDFNumber.of(2) }

/**
 * Adds the fields to the rendered file (a whole new file: nothing is signed yet) and declares in the catalog
 * what the signatures will use: PDF 1.7 with the ESIC extension level 2 of ETSI.CAdES.detached (the header
 * says 1.7 already: pdfmake writes it). A text field is read-only and shows a blank line, drawn, not written,
 * so the registered file's text holds the value only; a signature field is empty until its signature.
 */
export const reserveFields = async (bytes: Uint8Array, fields: FormField[]): Promise<Uint8Array> => {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false })
  const ctx = doc.context
  const pages = doc.getPages()
  const refs: PDFRef[] = []
  for (const f of fields) {
    const page = pages[f.box.page]
    if (!page) throw new Error(`the field ${f.name} is on page ${f.box.page + 1}, which the file does not have`)
    const { x, y, width, height } = f.box
    const widget = ctx.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: f.kind === 'signature' ? 'Sig' : 'Tx',
      T: PDFString.of(f.name),
      TU: PDFHexString.fromText(f.label),
      F: 4 | 128, // printed, locked
      P: page.ref,
      Rect: [x, y, x + width, y + height],
      ...(f.kind === 'text'
        ? {
            Ff: 1, // read-only: the registration fills it, no reader types in it
            DA: PDFString.of(`/Helv ${FIELD_TEXT_SIZE} Tf 0 g`),
            AP: { N: ctx.register(blankLine(doc, width, height)) },
          }
        : {}),
    })
    const ref = ctx.register(widget)
    refs.push(ref)
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)
    if (annots) annots.push(ref)
    else page.node.set(PDFName.of('Annots'), ctx.obj([ref]))
  }
  const helvetica = ctx.register(
    ctx.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica', Encoding: 'WinAnsiEncoding' }),
  )
  const form = ctx.obj({
    Fields: refs,
    DA: PDFString.of('/Helv 0 Tf 0 g'),
    DR: { Font: { Helv: helvetica } },
  })
  doc.catalog.set(PDFName.of('AcroForm'), ctx.register(form))
  doc.catalog.set(PDFName.of('Extensions'), ctx.obj({ ESIC: ctx.obj(ESIC) }))
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false, addDefaultPage: false })
}

/** Where pdfmake puts a line's baseline: the font's ascent under the line's top. */
const baselineIn = (height: number, ascent: number) => height - ascent

/** Tinos' ascent (hhea 1854 of 2048 units) at the fields' size: what pdfmake sets the body's baseline by. */
const TINOS_ASCENT = (1854 / 2048) * FIELD_TEXT_SIZE

/** The blank line of a field not yet filled: a rule just under the text's baseline, as «__________» stood. */
const blankLine = (doc: PDFDocument, width: number, height: number) => {
  const y = baselineIn(height, TINOS_ASCENT) - 1.5
  return doc.context.formXObject(
    [
      pushGraphicsState(),
      setStrokingGrayscaleColor(0),
      setLineWidth(0.6),
      moveTo(1, y),
      lineTo(width - 1, y),
      stroke(),
      popGraphicsState(),
    ],
    { BBox: [0, 0, width, height] },
  )
}

/** The form's field of this name (its own widget: one per field), or undefined in a file rendered without it. */
export const findField = (doc: PDFDocument, name: string): PDFDict | undefined => {
  const form = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict)
  const fields = form?.lookupMaybe(PDFName.of('Fields'), PDFArray)
  if (!fields) return undefined
  for (let i = 0; i < fields.size(); i++) {
    const field = fields.lookupMaybe(i, PDFDict)
    const t = field?.lookup(PDFName.of('T'))
    if ((t instanceof PDFString || t instanceof PDFHexString) && t.decodeText() === name) return field
  }
  return undefined
}

/** The rectangle of a field's widget, as the box its appearance is drawn in. */
export const fieldBox = (field: PDFDict, page: number): Box => {
  const rect = field.lookup(PDFName.of('Rect'), PDFArray).asRectangle()
  return { page, ...rect }
}

/** The page index of a field's widget (/P), among the document's pages. */
export const fieldPage = (doc: PDFDocument, field: PDFDict) => {
  const p = field.get(PDFName.of('P'))
  return doc.getPages().findIndex((page) => page.ref === p)
}

/** The name the form's resources know a font by, added there when it is not yet. */
const resourceName = (doc: PDFDocument, font: PDFFont) => {
  const form = doc.catalog.getOrCreateAcroForm().dict
  const resources = form.lookupMaybe(PDFName.of('DR'), PDFDict) ?? doc.context.obj({})
  const fonts = resources.lookupMaybe(PDFName.of('Font'), PDFDict) ?? doc.context.obj({})
  for (const [key, value] of fonts.entries()) if (value === font.ref) return key
  const key = PDFName.of(`F${font.ref.objectNumber}`)
  fonts.set(key, font.ref)
  resources.set(PDFName.of('Font'), fonts)
  form.set(PDFName.of('DR'), resources)
  return key
}

/**
 * Fills a text field of the file: its value and its appearance (the text on the body's baseline, smaller if it
 * would not fit), so that no reader has to make one (NeedAppearances is not relied on).
 */
export const fillTextField = (doc: PDFDocument, name: string, text: string, font: PDFFont) => {
  const field = findField(doc, name)
  if (!field) throw new Error(`the file has no field ${name}`)
  const { width, height } = field.lookup(PDFName.of('Rect'), PDFArray).asRectangle()
  const size = Math.min(
    FIELD_TEXT_SIZE,
    (FIELD_TEXT_SIZE * (width - 2)) / font.widthOfTextAtSize(text, FIELD_TEXT_SIZE),
  )
  const fontName = resourceName(doc, font)
  const ap = doc.context.formXObject(
    [
      beginMarkedContent('Tx'),
      pushGraphicsState(),
      beginText(),
      setFontAndSize('FR', size),
      moveText(1, baselineIn(height, TINOS_ASCENT)),
      showText(font.encodeText(text)),
      endText(),
      popGraphicsState(),
      endMarkedContent(),
    ],
    { BBox: [0, 0, width, height], Resources: { Font: { FR: font.ref } } },
  )
  field.set(PDFName.of('V'), PDFHexString.fromText(text))
  field.set(PDFName.of('DA'), PDFString.of(`/${fontName.asString().slice(1)} ${FIELD_TEXT_SIZE} Tf 0 g`))
  field.set(PDFName.of('AP'), doc.context.obj({ N: doc.context.register(ap) }))
}
