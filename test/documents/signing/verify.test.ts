import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { beforeAll, describe, expect, it } from 'vitest'
import { tinos, readFont } from '../../../src/documents/fonts'
import { buildOrderView } from '../../../src/documents/order-view'
import { renderPdf } from '../../../src/documents/pdf'
import { type Credential, issueCa, issueCertificate, issueCrl } from '../../../src/documents/signing/certificates'
import { keySigner, type TimeStamper } from '../../../src/documents/signing/cms'
import { toArrayBuffer } from '../../../src/documents/signing/crypto'
import { signPdf } from '../../../src/documents/signing/pades'
import { timeStampAuthority } from '../../../src/documents/signing/tsa'
import { findSignatures, MAX_SIGNATURES, TooManySignatures } from '../../../src/documents/signing/signature-dicts'
import { type SignatureReport, verifyPdf } from '../../../src/documents/signing/verify'
import { sampleContent } from '../../support/harness'

/**
 * What the verification page tells of files a forger or an accident made: each signature and time stamp
 * checked for what it claims, at fixed times (a certificate's year runs from ISSUED).
 */
const ORG = 'МБОУ «Средняя школа № 5» г. Смоленска'
const ISSUED = new Date('2025-03-10T09:00:00Z')
const DAY = 24 * 3600 * 1000
const fonts = { regular: readFont(tinos.normal), bold: readFont(tinos.bold) }
const view = buildOrderView(sampleContent(), {
  draft: false,
  organization: { name: [ORG], place: 'Смоленск' },
} as Parameters<typeof buildOrderView>[1])

let ca: Credential
let director: Credential
let unsigned: Uint8Array
let timeStamper: TimeStamper
/** Signed by the director under the organization's CA, stamped by its time-stamp service, both at ISSUED. */
let signed: Uint8Array

const sign = async (
  pdf: Uint8Array,
  o: {
    who?: Credential
    issuers?: Uint8Array[]
    at?: Date
    stamper?: TimeStamper | null
  } = {},
) =>
  signPdf(pdf, {
    signer: await keySigner(o.who ?? director, o.issuers ?? [ca.certificate]),
    timeStamper: o.stamper === null ? undefined : (o.stamper ?? timeStamper),
    fieldName: 'Подпись руководителя',
    signingTime: o.at ?? ISSUED,
    fonts,
  })

const only = async (pdf: Uint8Array, anchors = [ca.certificate]): Promise<SignatureReport> => {
  const report = await verifyPdf(pdf, anchors)
  if (report.kind !== 'pdf') throw new Error(report.kind)
  expect(report.signatures).toHaveLength(1)
  return report.signatures[0]!
}

/** The CMS SignedData in the (only) signature's /Contents. */
const cmsOf = (pdf: Uint8Array) => {
  const text = Buffer.from(pdf).toString('latin1')
  const hex = /\/Contents\s*<([0-9a-fA-F]+)>/.exec(text)![1]!
  const info = pkijs.ContentInfo.fromBER(toArrayBuffer(new Uint8Array(Buffer.from(hex, 'hex'))))
  return new pkijs.SignedData({ schema: info.content })
}

/** The file with one hex digit changed inside these bytes where /Contents holds them (lengths unchanged). */
const corrupted = (pdf: Uint8Array, bytes: Uint8Array) => {
  const text = Buffer.from(pdf).toString('latin1')
  const hex = Buffer.from(bytes.subarray(16, 48)).toString('hex')
  let at = text.indexOf(hex)
  if (at < 0) at = text.indexOf(hex.toUpperCase())
  expect(at).toBeGreaterThan(0)
  const copy = new Uint8Array(pdf)
  copy[at] = (text[at] === '0' ? '1' : '0').charCodeAt(0)
  return copy
}

/** The file with its /ByteRange rewritten, padded to the same length (nothing else moves). */
const withByteRange = (pdf: Uint8Array, change: (r: number[]) => number[]) => {
  const text = Buffer.from(pdf).toString('latin1')
  const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text)!
  const written = `/ByteRange [${change(m.slice(1, 5).map(Number)).join(' ')}`
  expect(written.length).toBeLessThan(m[0].length)
  const copy = new Uint8Array(pdf)
  copy.set(Buffer.from(`${written.padEnd(m[0].length - 1)}]`, 'latin1'), m.index)
  return copy
}

beforeAll(async () => {
  ca = await issueCa(ORG, ISSUED)
  director = await issueCertificate(
    ca,
    'person',
    { commonName: 'Смирнова Елена Викторовна', organization: ORG },
    ISSUED,
  )
  const tsa = await issueCertificate(ca, 'tsa', { commonName: 'Служба штампов времени', organization: ORG }, ISSUED)
  timeStamper = await timeStampAuthority(tsa, [ca.certificate], () => ISSUED)
  unsigned = await renderPdf(view, { createdAt: ISSUED })
  signed = await sign(unsigned)
}, 120_000)

describe('a signature as it was made', () => {
  it('is valid, trusted, time-stamped at the stamp’s time, with no problem to tell', async () => {
    const s = await only(signed)
    expect(s).toMatchObject({ valid: true, trusted: true, timeStamped: true, level: 'B-T', coversWholeFile: true })
    expect(s.signedAt).toEqual(ISSUED)
    expect(s.problems).toEqual([])
  })

  it('without a time stamp: the time the signer claimed, read from /M to the second', async () => {
    const at = new Date('2025-11-28T14:35:07Z')
    const s = await only(await sign(unsigned, { at, stamper: null }))
    expect(s).toMatchObject({ valid: true, trusted: true, timeStamped: false, level: 'B-B' })
    expect(s.signedAt).toEqual(at)
  })
})

describe('the time the signer claimed', () => {
  it('written with its offset from UTC, as other software writes /M, is read as the same instant', async () => {
    const at = new Date('2025-11-28T14:35:07Z')
    const file = Buffer.from(await sign(unsigned, { at, stamper: null })).toString('latin1')
    expect(file).toContain('/M (D:20251128143507Z)')
    // 17:35:07 in Moscow; the bytes after the signature value change, so only the time is compared
    for (const written of ["D:20251128173507+03'00'", 'D:20251128103507-04']) {
      const moved = new Uint8Array(Buffer.from(file.replace('D:20251128143507Z', written), 'latin1'))
      const s = await only(moved)
      expect(s.signedAt, written).toEqual(at)
    }
  })
})

describe('the certificate’s validity and chain', () => {
  it('a signature made after the certificate expired is not trusted', async () => {
    const s = await only(await sign(unsigned, { at: new Date(ISSUED.getTime() + 400 * DAY), stamper: null }))
    expect(s.valid).toBe(true)
    expect(s.trusted).toBe(false)
    expect(s.problems).toContain('сертификат не действовал в момент подписания')
  })

  it('a signature dated before the certificate was issued is not trusted', async () => {
    const s = await only(await sign(unsigned, { at: new Date(ISSUED.getTime() - DAY), stamper: null }))
    expect(s.trusted).toBe(false)
  })

  it('a certificate from a forged CA of the same name is not trusted: the CA’s signature on it is checked', async () => {
    const forged = await issueCa(ORG, ISSUED) // same subject, another key
    const impostor = await issueCertificate(
      forged,
      'person',
      { commonName: 'Смирнова Елена Викторовна', organization: ORG },
      ISSUED,
    )
    const s = await only(await sign(unsigned, { who: impostor, issuers: [forged.certificate], stamper: null }))
    expect(s.valid).toBe(true) // the bytes are what the impostor signed
    expect(s.trusted).toBe(false)
  })
})

describe('the time stamp', () => {
  it('from a time-stamp service outside the trusted CA: said so, the signature itself still trusted', async () => {
    const other = await issueCa('Другая организация', ISSUED)
    const foreignTsa = await issueCertificate(
      other,
      'tsa',
      { commonName: 'Чужая служба', organization: 'Другая' },
      ISSUED,
    )
    const stamper = await timeStampAuthority(foreignTsa, [other.certificate], () => ISSUED)
    const s = await only(await sign(unsigned, { stamper }))
    expect(s.valid && s.trusted && s.timeStamped).toBe(true)
    expect(s.problems).toEqual([expect.stringMatching(/^служба меток времени не из доверенных: сертификат не выдан/)])
  })

  it('a stamp over another signature is refused as such', async () => {
    // a service that stamps whatever it is handed, here not this signature's value
    const lying: TimeStamper = { stamp: () => timeStamper.stamp(new Uint8Array(32).fill(7)) }
    const s = await only(await sign(unsigned, { stamper: lying }))
    expect(s.timeStamped).toBe(false)
    expect(s.level).toBe('B-B')
    expect(s.problems).toContain('метка времени: метка времени поставлена на другую подпись')
  })

  it('a stamp whose own signature is damaged is not a stamp; the document’s signature stays valid', async () => {
    // the stamp sits in the signature's unsigned attributes: neither the document's signature nor the
    // /ByteRange covers it
    const stampToken = cmsOf(signed).signerInfos[0]!.unsignedAttrs!.attributes[0]!.values[0]
    const tokenSd = new pkijs.SignedData({ schema: new pkijs.ContentInfo({ schema: stampToken }).content })
    const damaged = corrupted(signed, new Uint8Array(tokenSd.signerInfos[0]!.signature.valueBlock.valueHexView))
    const s = await only(damaged)
    expect(s.valid).toBe(true)
    expect(s.timeStamped).toBe(false)
    expect(s.problems).toContain('метка времени: подпись метки времени не сходится')
  })
})

describe('the signature value and what it covers', () => {
  it('a damaged signature value makes the signature invalid, though every covered byte is intact', async () => {
    const value = new Uint8Array(cmsOf(signed).signerInfos[0]!.signature.valueBlock.valueHexView)
    const s = await only(corrupted(signed, value))
    expect(s.valid).toBe(false)
    expect(s.level).toBe('B-B') // its time stamp stands over an invalid signature: no level at all
    expect(s.problems).toContain('значение подписи не сходится с ключом сертификата')
  })

  it('a signature over changed bytes keeps its time stamp, yet has no level: a level is of a valid signature', async () => {
    const changed = new Uint8Array(signed)
    changed[200] = changed[200]! ^ 1 // inside the signed range
    const s = await only(changed)
    expect(s.valid).toBe(false)
    expect(s.timeStamped).toBe(true) // the stamp is over the signature value, which is intact
    expect(s.level).toBe('B-B')
    expect(s.problems).toContain('документ изменён после подписания')
  })

  it('a /ByteRange that does not start at the file’s first byte, or leaves nothing signed before the value, is refused', async () => {
    const message = 'подписанный диапазон байтов не описывает файл с его начала'
    for (const change of [
      ([, b, c, d]: number[]) => [1, b!, c!, d!], // the first byte left out
      ([, , c, d]: number[]) => [0, 0, c!, d!], // nothing before the value
      ([, b, , d]: number[]) => [0, b!, b!, d!], // the second part starts where the first ends: no value between
    ]) {
      const s = await only(withByteRange(signed, change))
      expect(s.valid).toBe(false)
      expect(s.problems).toEqual([message])
    }
  })

  it('a /ByteRange that leaves out more than the signature value is refused, at either end of the gap', async () => {
    for (const change of [
      ([a, b, c, d]: number[]) => [a!, b! - 1, c!, d!], // a byte before «<»
      ([a, b, c, d]: number[]) => [a!, b!, c! + 1, d! - 1], // a byte after «>»
    ]) {
      const s = await only(withByteRange(signed, change))
      expect(s.valid).toBe(false)
      expect(s.problems).toEqual(['вне подписанного диапазона не одно лишь значение подписи'])
    }
  })
})

/** The verdict on a file, checked to be a PDF's. */
const verdict = async (pdf: Uint8Array, trust: Parameters<typeof verifyPdf>[1] = [ca.certificate]) => {
  const report = await verifyPdf(pdf, trust, new Date(ISSUED.getTime() + DAY))
  if (report.kind !== 'pdf') throw new Error(report.kind)
  return report
}

/** `pdf` with text drawn on page 1 as an incremental update: what a forger adds to a signed order. */
const edited = async (pdf: Uint8Array) => {
  const doc = await PDFDocument.load(pdf, { forIncrementalUpdate: true, updateMetadata: false })
  doc.getPage(0).drawText('Pay 1000000', { x: 50, y: 50, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) })
  return new Uint8Array(await doc.commit({ useObjectStreams: false }))
}

const signFieldName = 'Подпись 2'
const signAgain = async (pdf: Uint8Array, who: Credential, issuers: Uint8Array[]) =>
  signPdf(pdf, {
    signer: await keySigner(who, issuers),
    fieldName: signFieldName,
    signingTime: ISSUED,
    fonts,
  })

describe('the verdict: valid only when every signature is valid and trusted and nothing forbidden follows', () => {
  it('a genuine signature over the whole file: valid, no reasons', async () => {
    const r = await verdict(signed)
    expect(r.overall).toBe('valid')
    expect(r.reasons).toEqual([])
    expect(r.signatures.map((s) => s.index)).toEqual([1])
  })

  it('the eContent swap: a CMS of ours given the bytes it covered as eContent, embedded over another PDF, is invalid', async () => {
    // the original: a small file the director signed, so its covered bytes fit a signature's /Contents
    const small = await PDFDocument.create({ updateMetadata: false })
    small.addPage([100, 100])
    const original = await sign(new Uint8Array(await small.save({ useObjectStreams: false })))
    const text = Buffer.from(original).toString('latin1')
    const [a, b, c, d] = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)/.exec(text)!.slice(1).map(Number) as number[]
    const covered = Buffer.concat([original.subarray(a, a! + b!), original.subarray(c, c! + d!)])
    const sd = cmsOf(original)
    sd.encapContentInfo = new pkijs.EncapsulatedContentInfo({
      eContentType: '1.2.840.113549.1.7.1',
      eContent: new asn1js.OctetString({ valueHex: toArrayBuffer(new Uint8Array(covered)) }),
    })
    const forged = new Uint8Array(
      new pkijs.ContentInfo({ contentType: '1.2.840.113549.1.7.2', content: sd.toSchema(true) }).toSchema().toBER(),
    )
    const real = await keySigner(director, [ca.certificate])
    const forgery = await signPdf(unsigned, {
      signer: { certificateChain: real.certificateChain, sign: async () => forged },
      fieldName: 'Подпись руководителя',
      signingTime: ISSUED,
      fonts,
    })
    const r = await verdict(forgery)
    expect(r.overall).toBe('invalid')
    expect(r.signatures[0]!.valid).toBe(false)
    expect(r.reasons).toEqual([
      'Подпись № 1 (Смирнова Елена Викторовна) недействительна: подпись не отделённая: в CMS вложено содержимое',
    ])
  })

  it('edited after signing and signed again by a self-made key: invalid, the edit and the untrusted signer named', async () => {
    const selfMade = await issueCa('Самодельный центр', ISSUED)
    const forger = await issueCertificate(selfMade, 'person', { commonName: 'Подделкин', organization: 'Нет' }, ISSUED)
    const r = await verdict(await signAgain(await edited(signed), forger, [selfMade.certificate]))
    expect(r.overall).toBe('invalid')
    expect(r.signatures.map((s) => [s.index, s.valid])).toEqual([
      [1, true],
      [2, true],
    ])
    expect(r.reasons).toContainEqual(
      expect.stringMatching(/^Подпись № 2 \(Подделкин\) не доверенная: сертификат не выдан доверенным/),
    )
    expect(r.reasons).toContainEqual(
      expect.stringMatching(
        /^Редакция после подписи № 1 \(Смирнова Елена Викторовна\) \(байты \d+–\d+\): страница 1: изменено содержимое \(\/Contents\)$/,
      ),
    )
  })

  it('edited and signed again by a look-alike CA of the same Cyrillic name: the second signature is not trusted', async () => {
    const lookAlike = await issueCa(ORG, ISSUED)
    const impostor = await issueCertificate(
      lookAlike,
      'person',
      { commonName: 'Смирнова Елена Викторовна', organization: ORG },
      ISSUED,
    )
    const r = await verdict(await signAgain(await edited(signed), impostor, [lookAlike.certificate]))
    expect(r.overall).toBe('invalid')
    expect(r.signatures[1]).toMatchObject({ valid: true, trusted: false })
    expect(r.reasons.filter((x) => x.startsWith('Подпись № 2'))).toHaveLength(1)
  })

  it('edited and signed again by the genuine director: still invalid, for the edit', async () => {
    const r = await verdict(await signAgain(await edited(signed), director, [ca.certificate]))
    expect(r.signatures.every((s) => s.valid && s.trusted)).toBe(true)
    expect(r.overall).toBe('invalid')
    expect(r.reasons).toContainEqual(expect.stringMatching(/страница 1: изменено содержимое \(\/Contents\)$/))
    expect(r.reasons.every((x) => x.startsWith('Редакция после подписи № 1'))).toBe(true)
  })
})

describe('what a certificate may be used for, and revocation as of the signing time', () => {
  it('a document signed with the time-stamping unit’s certificate is not trusted', async () => {
    const tsa = await issueCertificate(ca, 'tsa', { commonName: 'Служба', organization: ORG }, ISSUED)
    const s = await only(await sign(unsigned, { who: tsa, stamper: null }))
    expect(s.trusted).toBe(false)
    expect(s.problems).toContain('сертификат службы меток времени не предназначен для подписи документов')
  })

  it('a time stamp made with a person’s certificate (no time-stamping EKU) is not a trusted stamp', async () => {
    const stamper = await timeStampAuthority(director, [ca.certificate], () => ISSUED)
    const s = await only(await sign(unsigned, { stamper }))
    expect(s.problems).toContainEqual(expect.stringMatching(/нет id-kp-timeStamping/))
  })

  it('revoked before the signing time (the stamp’s): not trusted; revoked after it: trusted', async () => {
    const serial = (await import('../../../src/documents/signing/certificates')).describeCertificate(
      director.certificate,
    ).serialNumber
    const hourBefore = new Date(ISSUED.getTime() - 3600_000)
    const hourAfter = new Date(ISSUED.getTime() + 3600_000)
    const before = await issueCrl(ca, hourBefore, [{ serial, revokedAt: hourBefore }])
    const afterwards = await issueCrl(ca, hourAfter, [{ serial, revokedAt: hourAfter }])
    const revoked = await verdict(signed, { anchors: [ca.certificate], crls: [before] })
    expect(revoked.signatures[0]!.trusted).toBe(false)
    expect(revoked.reasons).toEqual([
      'Подпись № 1 (Смирнова Елена Викторовна) не доверенная: сертификат отозван до момента подписания',
    ])
    const later = await verdict(signed, { anchors: [ca.certificate], crls: [afterwards] })
    expect(later.overall).toBe('valid')
  })

  it('a CRL signed by another key is not believed: the certificate stays trusted', async () => {
    const other = await issueCa(ORG, ISSUED)
    const serial = (await import('../../../src/documents/signing/certificates')).describeCertificate(
      director.certificate,
    ).serialNumber
    const hourBefore = new Date(ISSUED.getTime() - 3600_000)
    const fake = await issueCrl(other, hourBefore, [{ serial, revokedAt: hourBefore }])
    expect((await verdict(signed, { anchors: [ca.certificate], crls: [fake] })).overall).toBe('valid')
  })
})

describe('a hostile body: bounded work, whatever its size', () => {
  const entry = '/ByteRange [0 10 20 30] '
  it('a megabyte of repeated /ByteRange entries stops at the one past the bound, not at the end', () => {
    const body = Buffer.from(`%PDF-1.7\n${entry.repeat(Math.ceil(1_048_576 / entry.length))}\n%%EOF\n`, 'latin1')
    let thrown: unknown
    try {
      findSignatures(new Uint8Array(body))
    } catch (e) {
      thrown = e
    }
    expect(thrown).toBeInstanceOf(TooManySignatures)
    expect((thrown as TooManySignatures).found).toBe(MAX_SIGNATURES + 1)
    expect((thrown as Error).message).toBe('В файле больше 64 подписей: такой файл не проверяется')
  })

  it('as many entries as allowed in a body with no «endobj»: each read within its window', () => {
    const body = `%PDF-1.7\n1 0 obj\n${`${entry}${' '.repeat(16_000)}`.repeat(MAX_SIGNATURES)}\n%%EOF\n`
    const found = findSignatures(new Uint8Array(Buffer.from(body, 'latin1')))
    expect(found).toHaveLength(MAX_SIGNATURES)
    expect(found.every((f) => f.objectEnd === body.length && f.objectStart === body.indexOf(' obj'))).toBe(true)
  })

  it('a copy of a signature dictionary in an object of its own claims another’s value: refused', async () => {
    const text = Buffer.from(signed).toString('latin1')
    const range = /\/ByteRange\s*\[[^\]]*\]/.exec(text)![0]
    const copy = Buffer.concat([
      Buffer.from(signed),
      Buffer.from(`\n999 0 obj\n<< /Type /Sig ${range} >>\nendobj\n%%EOF\n`),
    ])
    const r = await verdict(new Uint8Array(copy))
    expect(r.signatures.map((s) => s.valid)).toEqual([true, false])
    expect(r.signatures[1]!.problems).toEqual(['диапазон байтов подписи указывает на значение другой подписи'])
    expect(r.overall).toBe('invalid')
  })
})
