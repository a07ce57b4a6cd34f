import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { describeCertificate } from './certificates'
import { OID, sha256, toArrayBuffer, x509 } from './crypto'

/** PAdES levels as this reader can establish them from the file alone. */
export type Level = 'B-B' | 'B-T' | 'B-LT'

export type SignatureReport = {
  index: number
  valid: boolean
  /** Why not, in words, when not valid; also notes about trust that do not break integrity. */
  problems: string[]
  subFilter: string
  signer?: ReturnType<typeof describeCertificate>
  /** Trusted time of the time stamp when there is one, else the time the signer claimed. */
  signedAt?: Date
  timeStamped: boolean
  /** The certificate chains to one of the trust anchors given (the organization's CA). */
  trusted: boolean
  level: Level
  /** Bytes [0, coveredUntil) are what this signature covers (its revision and all earlier ones). */
  coveredUntil: number
  coversWholeFile: boolean
}

export type VerificationReport =
  | { kind: 'not-pdf'; message: string }
  | { kind: 'damaged'; message: string }
  | {
      kind: 'pdf'
      size: number
      sha256: string
      signatures: SignatureReport[]
      /** Whether anything was appended after the last signature's revision. */
      changedAfterLastSignature: boolean
      allValid: boolean
    }

const latin1 = (b: Uint8Array, from = 0, to = b.length) =>
  Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1', from, to)

const parseSignedData = (der: Uint8Array) => {
  const info = pkijs.ContentInfo.fromBER(toArrayBuffer(der))
  if (info.contentType !== OID.signedData) throw new Error('/Contents is not a CMS SignedData')
  return new pkijs.SignedData({ schema: info.content })
}

/** The DER inside /Contents: hex padded with zeros after the end of the ASN.1. */
const contentsDer = (hex: string) => {
  const bytes = Buffer.from(hex, 'hex')
  const parsed = asn1js.fromBER(toArrayBuffer(new Uint8Array(bytes)))
  if (parsed.offset === -1) throw new Error('в /Contents нет данных ASN.1')
  return new Uint8Array(bytes.subarray(0, parsed.offset))
}

const pdfDate = (s: string | undefined) => {
  const m = s?.match(/D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:([Z+-])(\d{2})?'?(\d{2})?)?/)
  if (!m) return undefined
  const [, y, mo, d, h, mi, se, tz, th = '0', tm = '0'] = m
  const utc = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +se!)
  const offset = tz === '+' || tz === '-' ? (tz === '+' ? 1 : -1) * (+th * 60 + +tm) : 0
  return new Date(utc - offset * 60_000)
}

const chainsTo = async (certDer: Uint8Array, pool: Uint8Array[], anchors: Uint8Array[], at: Date) => {
  const anchorSet = anchors.map((a) => new x509.X509Certificate(toArrayBuffer(a)))
  const all = [...anchorSet, ...pool.map((c) => new x509.X509Certificate(toArrayBuffer(c)))]
  let cert = new x509.X509Certificate(toArrayBuffer(certDer))
  for (let depth = 0; depth < 5; depth++) {
    if (at < cert.notBefore || at > cert.notAfter) return false
    if (anchorSet.some((a) => a.equal(cert))) return true
    const issuer = all.find((c) => c.subject === cert.issuer && c !== cert)
    if (!issuer || !(await cert.verify({ publicKey: issuer, signatureOnly: true }))) return false
    cert = issuer
  }
  return false
}

/** The RFC 3161 token in the signature's unsigned attributes: valid, over this signature value, and its time. */
const checkTimeStamp = async (signer: pkijs.SignerInfo, anchors: Uint8Array[], problems: string[]) => {
  const attr = signer.unsignedAttrs?.attributes.find((a) => a.type === OID.signatureTimeStampToken)
  if (!attr) return undefined
  try {
    const token = new pkijs.ContentInfo({ schema: attr.values[0] })
    const sd = new pkijs.SignedData({ schema: token.content })
    const eContent = sd.encapContentInfo.eContent
    if (!eContent) throw new Error('в метке времени нет сведений о времени (TSTInfo)')
    const tst = pkijs.TSTInfo.fromBER(eContent.getValue())
    const imprint = new Uint8Array(tst.messageImprint.hashedMessage.valueBlock.valueHexView)
    const expected = await sha256(new Uint8Array(signer.signature.valueBlock.valueHexView))
    if (!Buffer.from(imprint).equals(Buffer.from(expected)))
      throw new Error('метка времени поставлена на другую подпись')
    // for a TSTInfo pkijs takes `data` as what was stamped and checks the message imprint against it
    const stamped = toArrayBuffer(new Uint8Array(signer.signature.valueBlock.valueHexView))
    const ok = await sd.verify({ signer: 0, data: stamped, checkChain: false, extendedMode: true })
    if (!ok.signatureVerified || !ok.signerCertificate) throw new Error('подпись метки времени не сходится')
    const tsaDer = new Uint8Array(ok.signerCertificate.toSchema().toBER())
    const pool = (sd.certificates ?? []).map((c) => new Uint8Array((c as pkijs.Certificate).toSchema().toBER()))
    if (!(await chainsTo(tsaDer, pool, anchors, tst.genTime))) problems.push('служба меток времени не из доверенных')
    return tst.genTime
  } catch (e) {
    problems.push(`метка времени: ${(e as Error).message}`)
    return undefined
  }
}

const signerCertificate = (sd: pkijs.SignedData, signer: pkijs.SignerInfo) => {
  const sid = signer.sid
  return (sd.certificates ?? []).find(
    (c): c is pkijs.Certificate =>
      c instanceof pkijs.Certificate &&
      sid instanceof pkijs.IssuerAndSerialNumber &&
      c.issuer.isEqual(sid.issuer) &&
      c.serialNumber.isEqual(sid.serialNumber),
  )
}

type Found = { byteRange: number[]; dict: string }

/** Every signature dictionary in the file, found by its /ByteRange whatever revision it is in. */
const findSignatures = (pdf: Uint8Array): Found[] => {
  const text = latin1(pdf)
  const found: Found[] = []
  for (const m of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const objStart = text.lastIndexOf(' obj', m.index)
    const objEnd = text.indexOf('endobj', m.index)
    found.push({ byteRange: m.slice(1, 5).map(Number), dict: text.slice(objStart, objEnd < 0 ? undefined : objEnd) })
  }
  return found
}

const verifyOne = async (pdf: Uint8Array, f: Found, index: number, anchors: Uint8Array[]): Promise<SignatureReport> => {
  const problems: string[] = []
  const [a = 0, b = 0, c = 0, d = 0] = f.byteRange
  const subFilter = f.dict.match(/\/SubFilter\s*\/([A-Za-z0-9.#]+)/)?.[1] ?? 'unknown'
  const report: SignatureReport = {
    index,
    valid: false,
    problems,
    subFilter,
    timeStamped: false,
    trusted: false,
    level: 'B-B',
    coveredUntil: c + d,
    coversWholeFile: c + d === pdf.length,
  }
  if (a !== 0 || b <= 0 || c <= b || c + d > pdf.length) {
    problems.push('подписанный диапазон байтов не описывает файл с его начала')
    return report
  }
  const gap = latin1(pdf, b, c)
  const hex = gap.match(/^<([0-9a-fA-F\s]*)>$/)?.[1]
  if (hex === undefined) {
    problems.push('вне подписанного диапазона не одно лишь значение подписи')
    return report
  }
  try {
    const der = contentsDer(hex.replace(/\s/g, ''))
    const sd = parseSignedData(der)
    const signer = sd.signerInfos[0]
    if (!signer) throw new Error('в подписи не назван подписант')
    const certificate = signerCertificate(sd, signer)
    if (!certificate) throw new Error('в подписи нет сертификата подписанта')
    const certDer = new Uint8Array(certificate.toSchema().toBER())
    report.signer = describeCertificate(certDer)
    const stampedAt = await checkTimeStamp(signer, anchors, problems)
    report.timeStamped = stampedAt !== undefined
    report.signedAt = stampedAt ?? pdfDate(f.dict.match(/\/M\s*\(([^)]*)\)/)?.[1])
    const pool = (sd.certificates ?? []).map((cert) => new Uint8Array((cert as pkijs.Certificate).toSchema().toBER()))
    report.trusted = await chainsTo(certDer, pool, anchors, report.signedAt ?? new Date())
    const covered = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)])
    const result = await sd.verify({
      signer: 0,
      data: toArrayBuffer(new Uint8Array(covered)),
      checkChain: false,
      extendedMode: true,
    })
    if (!result.signatureVerified) problems.push('документ изменён после подписания или подпись повреждена')
    else report.valid = true
    if (!report.trusted)
      problems.push('сертификат не выдан доверенным удостоверяющим центром (или не действовал в момент подписания)')
  } catch (e) {
    const message = (e as { message?: string }).message ?? String(e)
    // what the library threw is English and technical: the reader is told in Russian what it means for the file
    problems.push(
      /digest|hash/i.test(message) ? 'документ изменён после подписания' : `подпись не читается (${message})`,
    )
    report.valid = false
  }
  return report
}

/**
 * Validation data (a DSS with the chain and the CA's CRL) in the signature's own revision or a later one
 * makes a time-stamped signature B-LT: the registration revision carries it for every signature before it.
 */
const hasDss = (pdf: Uint8Array, from: number) => /\/DSS\s*(\d+\s+\d+\s+R|<<)/.test(latin1(pdf, from))

/**
 * What a reader can tell of a file: every signature (signer, time, certificate, level, valid or not, what it
 * covers) and whether anything changed after the last one. Never throws: a foreign, damaged or non-PDF
 * file gets an answer saying so.
 */
export const verifyPdf = async (pdf: Uint8Array, anchors: Uint8Array[]): Promise<VerificationReport> => {
  if (latin1(pdf, 0, Math.min(pdf.length, 1024)).indexOf('%PDF-') < 0)
    return { kind: 'not-pdf', message: 'Файл не является документом PDF' }
  if (latin1(pdf, Math.max(0, pdf.length - 1024)).indexOf('%%EOF') < 0)
    return { kind: 'damaged', message: 'Документ PDF повреждён или обрезан: нет конца файла' }
  const found = findSignatures(pdf)
  const signatures: SignatureReport[] = []
  for (const [i, f] of found.entries()) signatures.push(await verifyOne(pdf, f, i + 1, anchors))
  signatures.sort((x, y) => x.coveredUntil - y.coveredUntil)
  let revisionStart = 0
  for (const s of signatures) {
    if (s.valid && s.timeStamped) s.level = hasDss(pdf, revisionStart) ? 'B-LT' : 'B-T'
    revisionStart = s.coveredUntil
  }
  const last = signatures.at(-1)
  return {
    kind: 'pdf',
    size: pdf.length,
    sha256: Buffer.from(await sha256(pdf)).toString('hex'),
    signatures,
    changedAfterLastSignature: last ? !last.coversWholeFile : false,
    allValid: signatures.length > 0 && signatures.every((s) => s.valid),
  }
}
