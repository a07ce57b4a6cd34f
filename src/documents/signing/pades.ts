import {
  CustomFontSubsetEmbedder,
  PDFArray,
  type PDFContext,
  PDFDict,
  PDFDocument,
  PDFFont,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFRef,
  PDFStream,
  PDFString,
} from '@cantoo/pdf-lib'
import { createHash } from 'node:crypto'
import { deflateSync } from 'node:zlib'
import fontkit from '@cantoo/fontkit'
import { type Appearance, appearanceStream, type Fonts, PdfSigningError } from './appearance'
import { fenced } from '../../patch-fence'
import { addSignatureTimeStamp, type Signer, type TimeStamper } from './cms'
import { fieldBox, fieldPage, fillTextField, findField } from './fields'

export { type Appearance, PdfSigningError } from './appearance'

/** Room for the CMS in /Contents: a chain of two, a time-stamp token with its own chain of two, and some to spare. */
const CONTENTS_BYTES = 12_288
const BYTE_RANGE_PLACEHOLDER = '**********'

/** Validation data of B-LT: DER certificates and CRLs placed in the document security store. */
export type ValidationData = { certificates: Uint8Array[]; crls: Uint8Array[] }

export type SignOptions = {
  signer: Signer
  /** B-T: every signature is time-stamped; without one the signature stays B-B, and the caller says so. */
  timeStamper?: TimeStamper
  /**
   * The signature field's name (no period: ISO 32000 forbids one in a partial name). A file rendered with its
   * fields has one of this name, which the signature fills; an older file gets a new field.
   */
  fieldName: string
  /** The readable name (/TU) of a field the signature has to add. */
  fieldLabel?: string
  /** Text fields filled in the same revision (the registration's date and number), by name. */
  fill?: { field: string; text: string }[]
  signingTime: Date
  reason?: string
  location?: string
  appearance?: Appearance
  /** Drawn in the same revision as printed stamp annotations (the registration's number and date). */
  overlays?: Appearance[]
  /** Added to the catalog's /DSS in the same revision, before it is signed (B-LT at registration). */
  validationData?: ValidationData
  fonts: { regular: Uint8Array; bold: Uint8Array }
}

/**
 * fontkit parses a font lazily, table by table, as text is laid out: a font parsed afresh for every signature
 * costs more than the rest of the signature together. The parsed fonts are kept, one per font file (the
 * callers pass the same bytes each time), and only read from: each document still makes its own subset.
 * Their text is laid out glyph by glyph from the character map: fontkit's shaping (ligatures, kerning)
 * took milliseconds a line, and pdf-lib draws the glyphs with their plain advances anyway (it measures with
 * them too), so the marks' Cyrillic and Latin look and measure the same without it.
 */
type Fontkit = Parameters<PDFDocument['registerFontkit']>[0]
const parsedFonts = new WeakMap<Uint8Array, Awaited<ReturnType<Fontkit['create']>>>()
const cachedFontkit: Fontkit = {
  create: (data, postscriptName) => {
    if (postscriptName) return fontkit.create(data, postscriptName)
    const known = parsedFonts.get(data)
    if (known) return known
    const parsed = fenced('@cantoo/fontkit', 'create', fontkit.create, '0f5a0a74796ee254')(data)
    if ('fonts' in parsed) throw new PdfSigningError('a font collection where a font was expected')
    // fontkit keeps one glyph object per glyph, with the characters it was first looked up by: a glyph first
    // met as a part of another (Cyrillic «а» built of Latin «a») has none, and the text layer (ToUnicode)
    // would lose the letter. Each glyph laid out here names the character it stands for.
    const glyphOf = (ch: string) => {
      const cp = ch.codePointAt(0)!
      const glyph = parsed.glyphForCodePoint(cp)
      return !glyph || glyph.codePoints.includes(cp) ? glyph : Object.assign(Object.create(glyph), { codePoints: [cp] })
    }
    fenced('@cantoo/fontkit', 'TTFFont.prototype.layout', parsed.layout, '10ba2b59bb09b645') // replaced below
    const font = Object.assign(Object.create(parsed), {
      layout: (text: string) => ({ glyphs: Array.from(text, glyphOf) }),
    })
    parsedFonts.set(data, font)
    return font
  },
}

const latin1 = (s: string) => Buffer.from(s, 'latin1')

/**
 * What the marks are written in: the Russian and the Latin alphabets, digits and the punctuation of a mark.
 * The first signature of a document embeds a subset of each style with exactly these glyphs, taken in this
 * order (so each glyph has the same number in every document), and names it in the form's resources; every
 * later signature of the document writes with that font instead of embedding a subset of its own. The subset
 * is the same bytes in every document, built once per process. A text with a character outside this set
 * gets a subset of its own, as before.
 */
const MARK_CHARACTERS =
  ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~' +
  'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя«»№–—…‘’“”„•°§'
const markCharacters = new Set(MARK_CHARACTERS)
/**
 * The name in /AcroForm /DR /Font: another set of characters, or another font file (a newer Tinos), numbers its
 * glyphs otherwise, so it has another name and a later signature embeds its own.
 */
const markFontTags = new WeakMap<Uint8Array, string>()
const markFontName = (data: Uint8Array, bold: boolean) => {
  let tag = markFontTags.get(data)
  if (!tag) {
    tag = createHash('sha256').update(MARK_CHARACTERS).update(data).digest('hex').slice(0, 12)
    markFontTags.set(data, tag)
  }
  return PDFName.of(`Mark${bold ? 'Bold' : 'Regular'}${tag}`)
}
const markSubsets = new WeakMap<Uint8Array, Promise<Uint8Array>>()

/** The font a mark's lines are written in, embedded once per document, or a subset of its own for rare text. */
const markFont = async (doc: PDFDocument, data: Uint8Array, bold: boolean, texts: string[]): Promise<PDFFont> => {
  if (!texts.every((t) => Array.from(t).every((ch) => markCharacters.has(ch))))
    return doc.embedFont(data, { subset: true })
  const embedder = await CustomFontSubsetEmbedder.for(cachedFontkit, data)
  embedder.encodeText(MARK_CHARACTERS) // the set first: its glyphs take the same numbers as in the embedded one
  const form = doc.catalog.getOrCreateAcroForm().dict
  const resources = form.lookupMaybe(PDFName.of('DR'), PDFDict) ?? doc.context.obj({})
  const fonts = resources.lookupMaybe(PDFName.of('Font'), PDFDict) ?? doc.context.obj({})
  const known = fonts.get(markFontName(data, bold))
  if (known instanceof PDFRef) return PDFFont.of(known, doc, embedder) // not embedded again
  const subsetting = embedder as unknown as { serializeFont: () => Promise<Uint8Array> }
  let subset = markSubsets.get(data)
  if (!subset) markSubsets.set(data, (subset = subsetting.serializeFont()))
  subsetting.serializeFont = () => subset
  const ref = doc.context.nextRef()
  await embedder.embedIntoContext(doc.context, ref)
  fonts.set(markFontName(data, bold), ref)
  resources.set(PDFName.of('Font'), fonts)
  form.set(PDFName.of('DR'), resources)
  return PDFFont.of(ref, doc, embedder)
}

const addValidationData = (doc: PDFDocument, data: ValidationData) => {
  const ctx = doc.context
  const existing = doc.catalog.lookupMaybe(PDFName.of('DSS'), PDFDict)
  const dss = existing ?? ctx.obj({})
  const append = (key: string, items: Uint8Array[]) => {
    const arr = dss.lookupMaybe(PDFName.of(key), PDFArray) ?? ctx.obj([])
    for (const item of items) arr.push(ctx.register(ctx.flateStream(item)))
    dss.set(PDFName.of(key), arr)
  }
  append('Certs', data.certificates)
  append('CRLs', data.crls)
  if (!existing) doc.catalog.set(PDFName.of('DSS'), ctx.register(dss))
}

/** A PDF parsed once for its signature: read (reservedBoxes) and signed (signPdf) from the same parse. */
export type LoadedPdf = { readonly bytes: Uint8Array; readonly doc: PDFDocument }

const signed = new WeakSet<PDFDocument>()

export const loadPdf = async (bytes: Uint8Array): Promise<LoadedPdf> => ({
  bytes,
  doc: await PDFDocument.load(bytes, { forIncrementalUpdate: true, updateMetadata: false }),
})

/**
 * pdf-lib tracks what an incremental update must rewrite by searching, on every change of a direct object,
 * the whole document for the indirect object holding it: a signature's few hundred changes cost as many
 * searches. The changes are collected instead and the holders found in one pass at the end; an object
 * that holds any changed one is rewritten, as pdf-lib would have it.
 */
const collectChanges = (ctx: PDFContext) => {
  const changed = new Set<PDFObject>()
  const own = Object.getPrototypeOf(ctx).registerObjectChange
  fenced('@cantoo/pdf-lib', 'PDFContext.prototype.registerObjectChange', own, '6d5721990d72351a')
  ctx.registerObjectChange = (obj: PDFObject) => {
    if (ctx.snapshot) changed.add(obj)
  }
  return () => {
    delete (ctx as Partial<PDFContext>).registerObjectChange // back to the prototype's
    const snapshot = ctx.snapshot
    if (!snapshot || !changed.size) return
    const holds = (o: PDFObject): boolean =>
      changed.has(o) ||
      (o instanceof PDFDict && o.values().some(holds)) ||
      (o instanceof PDFArray && o.asArray().some(holds)) ||
      (o instanceof PDFStream && holds(o.dict))
    for (const [ref, object] of ctx.enumerateIndirectObjects()) if (holds(object)) snapshot.markRefForSave(ref)
  }
}

/**
 * Adds one PAdES signature (ETSI.CAdES.detached, SHA-256) to a PDF as an incremental update: the bytes
 * given are kept as they are, so every earlier signature still covers exactly what it covered. A LoadedPdf
 * is signed once: the signature changes its parsed document.
 */
export const signPdf = async (pdf: Uint8Array | LoadedPdf, o: SignOptions): Promise<Uint8Array> => {
  const { bytes: original, doc } = pdf instanceof Uint8Array ? await loadPdf(pdf) : pdf
  if (signed.has(doc)) throw new PdfSigningError('a loaded PDF is signed once; load it again for another signature')
  signed.add(doc)
  const ctx = doc.context
  // node's zlib for the streams added (the font subsets above all), not pdf-lib's JavaScript deflate
  ctx.flateStream = (contents, dict = {}) =>
    ctx.stream(deflateSync(typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents), {
      ...dict,
      Filter: 'FlateDecode',
    })
  const finishChanges = collectChanges(ctx)
  if (o.validationData) addValidationData(doc, o.validationData)
  const byteRange = PDFArray.withContext(ctx)
  byteRange.push(PDFNumber.of(0))
  for (let i = 0; i < 3; i++) byteRange.push(PDFName.of(BYTE_RANGE_PLACEHOLDER))
  const sig = ctx.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    ByteRange: byteRange,
    Contents: PDFHexString.of('0'.repeat(CONTENTS_BYTES * 2)),
    M: PDFString.fromDate(o.signingTime),
    ...(o.reason ? { Reason: PDFHexString.fromText(o.reason) } : {}),
    ...(o.location ? { Location: PDFHexString.fromText(o.location) } : {}),
  })
  const sigRef = ctx.register(sig)

  // only the fonts some line is written in: each embedded font is a subset to build and store
  const drawn = [
    ...(o.appearance ? [o.appearance] : []),
    ...(o.overlays ?? []),
    ...(o.fill?.length ? [{ lines: o.fill.map((f) => ({ text: f.text, size: 14, bold: false })) }] : []),
  ].flatMap((a) => a.lines)
  doc.registerFontkit(cachedFontkit)
  const textsOf = (bold: boolean) => drawn.filter((l) => !!l.bold === bold).map((l) => l.text)
  const fonts: Fonts = {
    ...(drawn.some((l) => !l.bold) ? { regular: await markFont(doc, o.fonts.regular, false, textsOf(false)) } : {}),
    ...(drawn.some((l) => l.bold) ? { bold: await markFont(doc, o.fonts.bold, true, textsOf(true)) } : {}),
  }
  for (const f of o.fill ?? []) fillTextField(doc, f.field, f.text, fonts.regular!)
  const reserved = findField(doc, o.fieldName)
  if (reserved) {
    // the field the rendering reserved: its value and its widget's appearance, and nothing on its page
    if (reserved.has(PDFName.of('V'))) throw new PdfSigningError(`the field ${o.fieldName} is signed already`)
    if (o.overlays?.length) throw new PdfSigningError('a file with reserved fields is filled, never drawn over')
    reserved.set(PDFName.of('V'), sigRef)
    if (o.appearance) {
      const rect = fieldBox(reserved, fieldPage(doc, reserved))
      reserved.set(
        PDFName.of('AP'),
        ctx.obj({ N: ctx.register(appearanceStream(doc, { ...o.appearance, rect }, fonts)) }),
      )
    }
  } else addSignatureField(doc, o, sigRef, fonts)
  doc.catalog.getOrCreateAcroForm().dict.set(PDFName.of('SigFlags'), PDFNumber.of(3)) // signatures exist, append only

  // the fonts' subsets are written, and their last changes made, as the document is saved
  await doc.flush()
  finishChanges()
  const prepared = Buffer.from(await doc.commit({ useObjectStreams: false }))
  if (!prepared.subarray(0, original.length).equals(original))
    throw new PdfSigningError('the incremental update did not keep the earlier bytes')
  return fillSignature(prepared, original.length, o)
}

/**
 * A signature field and its widget added to the page, with the overlays as Stamp annotations: how a file
 * rendered before the fields were reserved (still in approval when they came) is signed, as it always was.
 */
const addSignatureField = (doc: PDFDocument, o: SignOptions, sigRef: PDFRef, fonts: Fonts) => {
  const ctx = doc.context
  const pages = doc.getPages()
  const pageIndex = o.appearance ? (o.appearance.page < 0 ? pages.length + o.appearance.page : o.appearance.page) : 0
  const page = pages[pageIndex]
  if (!page) throw new PdfSigningError(`the document has no page ${pageIndex + 1}`)
  const widget = ctx.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: PDFHexString.fromText(o.fieldName),
    ...(o.fieldLabel ? { TU: PDFHexString.fromText(o.fieldLabel) } : {}),
    V: sigRef,
    F: 4 | 128, // printed, locked
    P: page.ref,
    Rect: o.appearance
      ? [
          o.appearance.rect.x,
          o.appearance.rect.y,
          o.appearance.rect.x + o.appearance.rect.width,
          o.appearance.rect.y + o.appearance.rect.height,
        ]
      : [0, 0, 0, 0],
  })
  if (o.appearance) {
    const ap = ctx.register(appearanceStream(doc, o.appearance, fonts))
    widget.set(PDFName.of('AP'), ctx.obj({ N: ap }))
  }
  if (o.overlays?.length) {
    for (const overlay of o.overlays) {
      const target = pages[overlay.page < 0 ? pages.length + overlay.page : overlay.page]
      if (!target) throw new PdfSigningError(`the document has no page ${overlay.page + 1}`)
      const { x, y, width, height } = overlay.rect
      const stamp = ctx.obj({
        Type: 'Annot',
        Subtype: 'Stamp',
        F: 4 | 128, // printed, locked
        P: target.ref,
        Rect: [x, y, x + width, y + height],
        AP: { N: ctx.register(appearanceStream(doc, overlay, fonts)) },
      })
      target.node.addAnnot(ctx.register(stamp))
    }
  }
  const widgetRef = ctx.register(widget)
  page.node.addAnnot(widgetRef)
  const form = doc.catalog.getOrCreateAcroForm()
  form.addField(widgetRef)
}

const fillSignature = async (bytes: Buffer, from: number, o: SignOptions) => {
  const brText = `/ByteRange [ 0 /${BYTE_RANGE_PLACEHOLDER} /${BYTE_RANGE_PLACEHOLDER} /${BYTE_RANGE_PLACEHOLDER} ]`
  const brAt = bytes.indexOf(latin1(brText), from)
  if (brAt < 0) throw new PdfSigningError('the signature dictionary was not written where expected')
  const contentsAt = bytes.indexOf(latin1(`/Contents <${'0'.repeat(32)}`), from)
  if (contentsAt < 0) throw new PdfSigningError('the signature placeholder was not written where expected')
  const start = contentsAt + '/Contents '.length
  const end = start + CONTENTS_BYTES * 2 + 2
  const ranges = [0, start, end, bytes.length - end]
  const filled = `/ByteRange [${ranges.join(' ')}]`
  if (filled.length > brText.length) throw new PdfSigningError('the byte range does not fit its placeholder')
  bytes.write(filled.padEnd(brText.length, ' '), brAt, 'latin1')

  // the two ranges hashed in place: no copy of the whole file for its digest
  const digest = new Uint8Array(
    createHash('sha256').update(bytes.subarray(0, start)).update(bytes.subarray(end)).digest(),
  )
  let cms = await o.signer.sign(digest)
  if (o.timeStamper) cms = await addSignatureTimeStamp(cms, o.timeStamper)
  const hex = Buffer.from(cms).toString('hex')
  if (hex.length > CONTENTS_BYTES * 2)
    throw new PdfSigningError(`the signature needs ${cms.length} bytes, more than reserved`)
  bytes.write(hex, start + 1, 'latin1')
  return new Uint8Array(bytes)
}
