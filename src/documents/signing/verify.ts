import { createHash, type Hash } from 'node:crypto'
import { describeCertificate } from './certificates'
import { checkChain } from './chain'
import {
  CmsRefused,
  checkSigner,
  checkTimeStampToken,
  contentsDer,
  digest,
  parseSignedData,
  type SignedData,
  type SignerInfo,
  signerOf,
} from './cms-verify'
import { OID, sha256 } from './crypto'
import { analyzeRevisions, type FileValidationData } from './revisions'
import { type FoundSignature, findSignatures, latin1 } from './signature-dicts'

export { TooManySignatures } from './signature-dicts'

/** PAdES levels as this reader can establish them from the file alone. */
export type Level = 'B-B' | 'B-T' | 'B-LT'

export type SignatureReport = {
  /** Its place among the file's signatures, from 1, in the order they were made. */
  index: number
  valid: boolean
  /** Why not, in words, when not valid; also notes about trust that do not break integrity. */
  problems: string[]
  subFilter: string
  /** A person's or the seal's signature, or a document time-stamp (ETSI.RFC3161) over the file so far. */
  kind: 'signature' | 'timestamp'
  signer?: ReturnType<typeof describeCertificate>
  /** Trusted time of the time stamp when there is one, else the time the signer claimed. */
  signedAt?: Date
  timeStamped: boolean
  /** The certificate chains to one of the trust anchors given (the organization's CA) and may be so used. */
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
      /** Valid only when every signature is valid and trusted and every later revision changed only what may be. */
      overall: 'valid' | 'invalid'
      /** Why invalid, each naming the signature or the revision it is about (Russian). */
      reasons: string[]
    }

/** What is trusted: the anchors (our organizations' CAs) and revocation lists not taken from the file. */
export type Trust = { anchors: Uint8Array[]; crls?: Uint8Array[] }

const pdfDate = (s: string | undefined) => {
  const m = s?.match(/D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:([Z+-])(\d{2})?'?(\d{2})?)?/)
  if (!m) return undefined
  const [, y, mo, d, h, mi, se, tz, th = '0', tm = '0'] = m
  const utc = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +se!)
  const offset = tz === '+' || tz === '-' ? (tz === '+' ? 1 : -1) * (+th * 60 + +tm) : 0
  return new Date(utc - offset * 60_000)
}

/**
 * Each signature covers the file from its start to its own value and on to its revision's end; the bytes before
 * the earliest value (the file as rendered for signing, most of the file) are the same for every signature, so
 * they are hashed once per algorithm and each signature hashes only what follows them.
 */
const coveredDigests = (pdf: Uint8Array, found: FoundSignature[]) => {
  const starts = found.map((f) => f.byteRange[1]).filter((b) => b > 0 && b <= pdf.length)
  const shared = starts.length ? Math.min(...starts) : 0
  const prefixes = new Map<string, Hash>()
  return (hash: string, b: number, c: number, d: number) => {
    if (b < shared) return digest(hash, pdf.subarray(0, b), pdf.subarray(c, c + d))
    let prefix = prefixes.get(hash)
    if (!prefix) prefixes.set(hash, (prefix = createHash(hash).update(pdf.subarray(0, shared))))
    return new Uint8Array(
      prefix
        .copy()
        .update(pdf.subarray(shared, b))
        .update(pdf.subarray(c, c + d))
        .digest(),
    )
  }
}

type Context = {
  trust: Trust
  file: FileValidationData
  now: Date
  covered: ReturnType<typeof coveredDigests>
}

/** The certificates and CRLs to judge a certificate with: the file's (never as anchors) and ours. */
const trustInputs = (ctx: Context, own: SignedData) => ({
  pool: [...own.certificates, ...ctx.file.certificates],
  anchors: ctx.trust.anchors,
  crls: [...own.crls, ...ctx.file.crls, ...(ctx.trust.crls ?? [])],
})

/** The RFC 3161 token in the signature's unsigned attributes: valid, over this signature value, its time. */
const checkSignatureTimeStamp = async (signer: SignerInfo, ctx: Context, problems: string[]) => {
  const token = signer.unsigned.get(OID.signatureTimeStampToken)?.[0]
  if (!token) return undefined
  const own: string[] = []
  try {
    const sd = parseSignedData(token)
    const value = signer.signature
    const checked = checkTimeStampToken(sd, (hash) => digest(hash, value), own)
    if (own.includes('метка времени поставлена на другие данные'))
      throw new CmsRefused('метка времени поставлена на другую подпись')
    if (!checked.verified) throw new CmsRefused('подпись метки времени не сходится')
    const at = checked.genTime
    const chain = await checkChain({
      certificate: checked.certificate,
      ...trustInputs(ctx, sd),
      at,
      revocationAt: at,
      purpose: 'timestamp',
    })
    if (!chain.trusted) problems.push(`служба меток времени не из доверенных: ${chain.problems.join('; ')}`)
    return at
  } catch (e) {
    problems.push(`метка времени: ${(e as Error).message}`)
    return undefined
  }
}

const verifyOne = async (pdf: Uint8Array, f: FoundSignature, ctx: Context): Promise<SignatureReport> => {
  const problems: string[] = []
  const [a, b, c, d] = f.byteRange
  const report: SignatureReport = {
    index: 0,
    valid: false,
    problems,
    subFilter: f.subFilter,
    kind: f.subFilter === 'ETSI.RFC3161' ? 'timestamp' : 'signature',
    timeStamped: false,
    trusted: false,
    level: 'B-B',
    coveredUntil: c + d,
    coversWholeFile: false,
  }
  if (a !== 0 || b <= 0 || c <= b || c + d > pdf.length) {
    problems.push('подписанный диапазон байтов не описывает файл с его начала')
    return report
  }
  const hex = latin1(pdf, b, c).match(/^<([0-9a-fA-F\s]*)>$/)?.[1]
  if (hex === undefined) {
    problems.push('вне подписанного диапазона не одно лишь значение подписи')
    return report
  }
  // the value left out must be this dictionary's own /Contents: a copy of a dictionary elsewhere in the file
  // points at another signature's value and claims its coverage
  if (b < f.objectStart || c > f.objectEnd) {
    problems.push('диапазон байтов подписи указывает на значение другой подписи')
    return report
  }
  report.coversWholeFile = c + d === pdf.length
  const covered = (hash: string) => ctx.covered(hash, b, c, d)
  try {
    const sd = parseSignedData(contentsDer(hex.replace(/\s/g, '')))
    if (report.kind === 'timestamp') {
      const checked = checkTimeStampToken(sd, covered, problems)
      report.signer = describeCertificate(checked.certificate)
      report.signedAt = checked.genTime
      report.timeStamped = true
      const chain = await checkChain({
        certificate: checked.certificate,
        ...trustInputs(ctx, sd),
        at: checked.genTime,
        revocationAt: checked.genTime,
        purpose: 'timestamp',
      })
      report.valid = checked.verified
      report.trusted = chain.trusted
      problems.push(...chain.problems)
      return report
    }
    report.signer = describeCertificate(signerOf(sd).certificate)
    // a PAdES signature is detached over data: an encapsulated eContent would be what the CMS signed instead
    if (sd.eContentType !== OID.data)
      throw new CmsRefused(`тип подписанного содержимого ${sd.eContentType}, а не данные (id-data)`)
    if (sd.eContent) throw new CmsRefused('подпись не отделённая: в CMS вложено содержимое')
    const checked = checkSigner(sd, covered, problems)
    const stampedAt = await checkSignatureTimeStamp(checked.signer, ctx, problems)
    report.timeStamped = stampedAt !== undefined
    report.signedAt = stampedAt ?? pdfDate(f.claimedTime)
    const chain = await checkChain({
      certificate: checked.certificate,
      ...trustInputs(ctx, sd),
      at: report.signedAt ?? ctx.now,
      // without a trusted time the claimed one proves nothing: revocation is judged as of now
      revocationAt: stampedAt ?? ctx.now,
      purpose: 'signature',
    })
    report.valid = checked.verified
    report.trusted = chain.trusted
    if (!chain.trusted) problems.push(...chain.problems)
  } catch (e) {
    problems.push(e instanceof CmsRefused ? e.message : `подпись не читается (${(e as Error).message ?? e})`)
    report.valid = false
  }
  return report
}

/**
 * Validation data (a DSS with the chain and the CA's CRL) in the signature's own revision or a later one
 * makes a time-stamped signature B-LT: the registration revision carries it for every signature before it.
 */
const DSS = /\/DSS\s*(\d+\s+\d+\s+R|<<)/g
/** Where the file's last DSS entry starts (-1 for none): read once, not once per signature. */
const lastDss = (pdf: Uint8Array) => {
  let at = -1
  for (const m of latin1(pdf).matchAll(DSS)) at = m.index
  return at
}

const who = (s: SignatureReport) =>
  `${s.kind === 'timestamp' ? 'Метка времени документа' : 'Подпись'} № ${s.index}${s.signer ? ` (${s.signer.commonName})` : ''}`

/**
 * What a reader can tell of a file: every signature (signer, time, certificate, level, valid or not, what it
 * covers), what each revision after a signature changed, and the verdict. Throws TooManySignatures for a
 * file with more than MAX_SIGNATURES; any other foreign, damaged or non-PDF file gets an answer saying so.
 */
export const verifyPdf = async (
  pdf: Uint8Array,
  trust: Trust | Uint8Array[],
  now = new Date(),
): Promise<VerificationReport> => {
  const given: Trust = Array.isArray(trust) ? { anchors: trust } : trust
  if (latin1(pdf, 0, Math.min(pdf.length, 1024)).indexOf('%PDF-') < 0)
    return { kind: 'not-pdf', message: 'Файл не является документом PDF' }
  if (latin1(pdf, Math.max(0, pdf.length - 1024)).indexOf('%%EOF') < 0)
    return { kind: 'damaged', message: 'Документ PDF повреждён или обрезан: нет конца файла' }
  const found = findSignatures(pdf).sort((x, y) => x.byteRange[2] + x.byteRange[3] - (y.byteRange[2] + y.byteRange[3]))
  const ends = [...new Set(found.map((f) => f.byteRange[2] + f.byteRange[3]).filter((e) => e > 0 && e <= pdf.length))]
  // the signature values the revisions are parsed without: only a hex string inside its own dictionary, as
  // verifyOne requires (a range pointing anywhere else would hide an object from the judge); each value is
  // checked cryptographically by its own signature
  const values = found
    .filter((f) => {
      const [, b, c] = f.byteRange
      return b >= f.objectStart && c <= f.objectEnd && c > b && /^<[0-9a-fA-F\s]*>$/.test(latin1(pdf, b, c))
    })
    .map((f): [number, number] => [f.byteRange[1], f.byteRange[2]])
  const revisions = await analyzeRevisions(pdf, ends, values)
  const ctx: Context = { trust: given, file: revisions.validationData, now, covered: coveredDigests(pdf, found) }
  const signatures: SignatureReport[] = []
  for (const f of found) signatures.push(await verifyOne(pdf, f, ctx))
  signatures.forEach((s, i) => {
    s.index = i + 1
  })
  let revisionStart = 0
  const dssAt = signatures.some((s) => s.valid && s.timeStamped) ? lastDss(pdf) : -1
  for (const s of signatures) {
    if (s.valid && s.timeStamped && s.kind === 'signature') s.level = dssAt >= revisionStart ? 'B-LT' : 'B-T'
    revisionStart = s.coveredUntil
  }
  const reasons: string[] = []
  if (!signatures.length) reasons.push('В файле нет электронных подписей')
  for (const s of signatures) {
    if (!s.valid) reasons.push(`${who(s)} недействительна: ${s.problems.join('; ') || 'подпись не сходится'}`)
    else if (!s.trusted) reasons.push(`${who(s)} не доверенная: ${s.problems.join('; ')}`)
    else if (s.problems.length) reasons.push(`${who(s)}: ${s.problems.join('; ')}`)
  }
  for (const r of revisions.revisions) {
    const after = signatures.filter((s) => s.coveredUntil <= r.from).at(-1)
    const label = after
      ? `после ${who(after)
          .replace(/^Подпись/, 'подписи')
          .replace(/^Метка времени документа/, 'метки времени документа')}`
      : 'до первой подписи'
    for (const change of r.forbidden) reasons.push(`Редакция ${label} (байты ${r.from}–${r.to}): ${change}`)
  }
  const last = signatures.at(-1)
  const allValid = signatures.length > 0 && signatures.every((s) => s.valid)
  return {
    kind: 'pdf',
    size: pdf.length,
    sha256: Buffer.from(await sha256(pdf)).toString('hex'),
    signatures,
    changedAfterLastSignature: last ? !last.coversWholeFile : false,
    allValid,
    overall: reasons.length === 0 ? 'valid' : 'invalid',
    reasons,
  }
}
