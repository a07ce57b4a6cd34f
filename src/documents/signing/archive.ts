import { createHash } from 'node:crypto'
import { deflateSync } from 'node:zlib'
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
} from '@cantoo/pdf-lib'
import type { TimeStamper } from './cms'
import { OID } from './crypto'
import { bytesOf, children, type Node, oid, readNode, TAG } from './der'

/**
 * PAdES B-LTA (ETSI EN 319 142-1 5.5): after the last signature, a revision that adds to the DSS every
 * certificate and revocation answer the file's signatures and time-stamps need, and a document time-stamp
 * (SubFilter ETSI.RFC3161) over the whole file with that DSS. As long as the certificate of the unit that made
 * the last document time-stamp is valid, the file proves on its own, offline, that every signature was valid
 * when made, after the people's certificates expire.
 */

/** Room for the time-stamp token in /Contents: TSTInfo, the unit's chain of two, and some to spare. */
const TOKEN_BYTES = 8192
const PLACEHOLDER = '**********'

export class ArchiveError extends Error {}

const latin1 = (b: Uint8Array, from = 0, to = b.length) =>
  Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1', from, to)

/** Each CMS in the file (signatures and document time-stamps), cut out of its /Contents by its byte range. */
const embeddedCms = (pdf: Uint8Array): Uint8Array[] => {
  const text = latin1(pdf)
  const found: Uint8Array[] = []
  for (const m of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const [b, c] = [Number(m[2]), Number(m[3])]
    const hex = /^<([0-9a-fA-F]*)>$/.exec(text.slice(b, c))?.[1]
    if (!hex) continue
    const bytes = new Uint8Array(Buffer.from(hex, 'hex'))
    try {
      found.push(bytes.subarray(0, readNode(bytes, 0).end)) // the padding of zeros after the DER left out
    } catch {}
  }
  return found
}

const TIME_STAMP_TOKEN = oid(OID.signatureTimeStampToken)

/** The certificates a CMS carries, and those of the time-stamp tokens in its signers' unsigned attributes. */
const certificatesOfCms = (cms: Uint8Array, into: Uint8Array[]) => {
  const [, explicit] = children(cms, readNode(cms, 0))
  const sd = explicit && children(cms, explicit)[0]
  if (!sd) return
  const parts = children(cms, sd)
  for (const part of parts)
    if (part.tag === TAG.context(0)) for (const cert of children(cms, part)) into.push(bytesOf(cms, cert))
  const signerInfos = parts.at(-1) // the last SET (digestAlgorithms, the second part, is one too)
  if (signerInfos?.tag === TAG.set && parts.length > 2)
    for (const signer of children(cms, signerInfos)) {
      const unsigned = children(cms, signer).find((p) => p.tag === TAG.context(1))
      for (const attr of unsigned ? children(cms, unsigned) : []) {
        const [type, values] = children(cms, attr) as [Node, Node]
        if (!Buffer.from(bytesOf(cms, type)).equals(TIME_STAMP_TOKEN)) continue
        for (const token of children(cms, values)) certificatesOfCms(new Uint8Array(bytesOf(cms, token)), into)
      }
    }
}

/** Every certificate in the file's signatures and their time-stamps (signers, the CA, the time-stamping unit). */
export const certificatesInSignatures = (pdf: Uint8Array): Uint8Array[] => {
  const all: Uint8Array[] = []
  for (const cms of embeddedCms(pdf)) certificatesOfCms(cms, all)
  return all
}

const hashOf = (b: Uint8Array) => createHash('sha256').update(b).digest('base64')

/** The DSS's arrays extended by what they do not hold yet (compared by content): no certificate twice. */
const extendDss = (doc: PDFDocument, data: { certificates: Uint8Array[]; crls: Uint8Array[] }) => {
  const ctx = doc.context
  const existing = doc.catalog.lookupMaybe(PDFName.of('DSS'), PDFDict)
  const dss = existing ?? ctx.obj({})
  const extend = (key: string, items: Uint8Array[]) => {
    const arr = dss.lookupMaybe(PDFName.of(key), PDFArray)
    const held = new Set<string>()
    for (const ref of arr?.asArray() ?? []) {
      const stream = ctx.lookup(ref)
      if (stream instanceof PDFRawStream) held.add(hashOf(decodePDFRawStream(stream).decode()))
    }
    const added = items.filter((item) => {
      const h = hashOf(item)
      if (held.has(h)) return false
      held.add(h)
      return true
    })
    if (!added.length) return
    // a new array in place of the old one: the DSS dictionary is rewritten in this revision either way
    const next = ctx.obj([...(arr?.asArray() ?? [])])
    for (const item of added) next.push(ctx.register(ctx.stream(deflateSync(item), { Filter: 'FlateDecode' })))
    dss.set(PDFName.of(key), next)
  }
  extend('Certs', data.certificates)
  extend('CRLs', data.crls)
  if (!existing) doc.catalog.set(PDFName.of('DSS'), ctx.register(dss))
}

const load = (bytes: Uint8Array) => PDFDocument.load(bytes, { forIncrementalUpdate: true, updateMetadata: false })

export type ArchiveOptions = {
  /** The certificates and CRLs the DSS must hold besides those of the file's own signatures. */
  validationData: { certificates: Uint8Array[]; crls: Uint8Array[] }
  timeStamper: TimeStamper
  /** The name of the document time-stamp's (invisible) signature field; its number in the file is appended. */
  fieldName: string
}

/**
 * Adds, as one incremental revision, the DSS with every certificate of the file's signatures and time-stamps
 * plus `validationData`, and a document time-stamp over the whole result. The bytes given are kept as they are.
 * Given with the document pdf-lib parsed and committed them from (the seal just signed), the file is not parsed
 * again: parsing it took more than the rest of this revision.
 */
export const addDocumentTimeStamp = async (
  pdf: Uint8Array | { bytes: Uint8Array; doc: PDFDocument },
  o: ArchiveOptions,
): Promise<Uint8Array> => {
  const { bytes: original, doc } = pdf instanceof Uint8Array ? { bytes: pdf, doc: await load(pdf) } : pdf
  const ctx = doc.context
  if (ctx.pdfFileDetails.originalBytes?.length !== original.length)
    throw new ArchiveError('the parsed document is not the one given')
  // pdf-lib committed the revision before with its placeholders; what follows is appended to the signed bytes
  ctx.pdfFileDetails.originalBytes = original
  extendDss(doc, {
    certificates: [...certificatesInSignatures(original), ...o.validationData.certificates],
    crls: o.validationData.crls,
  })
  const byteRange = PDFArray.withContext(ctx)
  byteRange.push(PDFNumber.of(0))
  for (let i = 0; i < 3; i++) byteRange.push(PDFName.of(PLACEHOLDER))
  const sigRef = ctx.register(
    ctx.obj({
      Type: 'DocTimeStamp',
      Filter: 'Adobe.PPKLite',
      SubFilter: 'ETSI.RFC3161',
      ByteRange: byteRange,
      Contents: PDFHexString.of('0'.repeat(TOKEN_BYTES * 2)),
    }),
  )
  const page = doc.getPages()[0]
  if (!page) throw new ArchiveError('the document has no pages')
  // an invisible signature field (zero rectangle) holds the document time-stamp (ISO 32000-2 12.8.5)
  const widget = ctx.register(
    ctx.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      // numbered: a later renewal of the time-stamp (before this unit's certificate ends) gets a field of its own
      T: PDFHexString.fromText(`${o.fieldName} ${latin1(original).split('/DocTimeStamp').length}`),
      V: sigRef,
      F: 4 | 128, // printed, locked: as the other signature fields
      P: page.ref,
      Rect: [0, 0, 0, 0],
    }),
  )
  // added to /Annots as it is: pdf-lib's addAnnot would first "normalize" the page, wrapping its /Contents in
  // q … Q and rewriting its resources, a change of page content strict validators reject after a signature
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)
  if (annots) annots.push(widget)
  else page.node.set(PDFName.of('Annots'), ctx.obj([widget]))
  const form = doc.catalog.getOrCreateAcroForm()
  form.addField(widget)
  form.dict.set(PDFName.of('SigFlags'), PDFNumber.of(3))
  const prepared = Buffer.from(await doc.commit({ useObjectStreams: false }))
  if (!prepared.subarray(0, original.length).equals(Buffer.from(original)))
    throw new ArchiveError('the incremental update did not keep the earlier bytes')
  return fillToken(prepared, original.length, o.timeStamper)
}

const fillToken = async (bytes: Buffer, from: number, timeStamper: TimeStamper) => {
  const brText = `/ByteRange [ 0 /${PLACEHOLDER} /${PLACEHOLDER} /${PLACEHOLDER} ]`
  const brAt = bytes.indexOf(brText, from, 'latin1')
  const contentsAt = bytes.indexOf(`/Contents <${'0'.repeat(32)}`, from, 'latin1')
  if (brAt < 0 || contentsAt < 0) throw new ArchiveError('the time-stamp dictionary was not written where expected')
  const start = contentsAt + '/Contents '.length
  const end = start + TOKEN_BYTES * 2 + 2
  const filled = `/ByteRange [${[0, start, end, bytes.length - end].join(' ')}]`
  if (filled.length > brText.length) throw new ArchiveError('the byte range does not fit its placeholder')
  bytes.write(filled.padEnd(brText.length, ' '), brAt, 'latin1')
  const digest = createHash('sha256').update(bytes.subarray(0, start)).update(bytes.subarray(end)).digest()
  const token = await timeStamper.stamp(new Uint8Array(digest))
  const hex = Buffer.from(token).toString('hex')
  if (hex.length > TOKEN_BYTES * 2)
    throw new ArchiveError(`the time-stamp needs ${token.length} bytes, more than reserved`)
  bytes.write(hex, start + 1, 'latin1')
  return new Uint8Array(bytes)
}
