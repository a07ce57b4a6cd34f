import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFRawStream, decodePDFRawStream } from '@cantoo/pdf-lib'
import { beforeAll, describe, expect, it } from 'vitest'
import { tinos, readFont } from '../../../src/documents/fonts'
import { addDocumentTimeStamp, certificatesInSignatures } from '../../../src/documents/signing/archive'
import { type Credential, issueCa, issueCertificate, issueCrl } from '../../../src/documents/signing/certificates'
import { keySigner, type TimeStamper } from '../../../src/documents/signing/cms'
import { loadPdf, signPdf } from '../../../src/documents/signing/pades'
import { timeStampAuthority } from '../../../src/documents/signing/tsa'

const ORG = 'МБОУ «Средняя школа № 5»'
const fonts = { regular: readFont(tinos.normal), bold: readFont(tinos.bold) }
const now = new Date('2026-03-10T09:00:00Z')
let ca: Credential
let tsaCert: Uint8Array
let stamper: TimeStamper
let signed: Uint8Array
let personCert: Uint8Array

const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1')
const dssCount = async (pdf: Uint8Array, key: string) => {
  const doc = await PDFDocument.load(pdf)
  const arr = doc.catalog.lookup(PDFName.of('DSS'), PDFDict).lookup(PDFName.of(key), PDFArray)
  return arr.asArray().map((r) => Buffer.from(decodePDFRawStream(doc.context.lookup(r) as PDFRawStream).decode()))
}

beforeAll(async () => {
  ca = await issueCa(ORG, now)
  const tsa = await issueCertificate(ca, 'tsa', { commonName: 'Служба штампов времени', organization: ORG }, now)
  tsaCert = tsa.certificate
  stamper = await timeStampAuthority(tsa, [ca.certificate], () => now)
  const person = await issueCertificate(ca, 'person', { commonName: 'Иванова', organization: ORG }, now)
  personCert = person.certificate
  const blank = await PDFDocument.create()
  blank.addPage([595, 842]).drawText('Приказ', { x: 50, y: 800 })
  signed = await signPdf(await blank.save(), {
    signer: await keySigner(person, [ca.certificate]),
    timeStamper: stamper,
    fieldName: 'Подпись 1',
    signingTime: now,
    fonts,
    appearance: {
      page: 0,
      rect: { x: 50, y: 50, width: 200, height: 40 },
      lines: [{ text: 'Подписано', size: 9 }],
      frame: true,
    },
  })
})

describe('the document time-stamp of B-LTA', () => {
  it('finds every certificate of the signatures, their time-stamp tokens’ included', () => {
    const found = certificatesInSignatures(signed).map((c) => Buffer.from(c).toString('hex'))
    for (const c of [personCert, ca.certificate, tsaCert]) expect(found).toContain(Buffer.from(c).toString('hex'))
  })

  it('keeps the bytes, writes no page content, numbers its field, and holds no certificate or CRL twice', async () => {
    const crl = await issueCrl(ca, now)
    const once = await addDocumentTimeStamp(signed, {
      validationData: { certificates: [ca.certificate, tsaCert], crls: [crl] },
      timeStamper: stamper,
      fieldName: 'Штамп времени документа',
    })
    expect(Buffer.from(once.subarray(0, signed.length)).equals(Buffer.from(signed))).toBe(true)
    const added = latin1(once.subarray(signed.length))
    expect(added).toMatch(/\/Type \/DocTimeStamp/)
    expect(added).toMatch(/\/SubFilter \/ETSI\.RFC3161/)
    // the page is written again (its /Annots grew) with its /Contents as they were
    const contentsOf = async (pdf: Uint8Array) =>
      (await PDFDocument.load(pdf)).getPages()[0]!.node.get(PDFName.of('Contents'))!.toString()
    expect(await contentsOf(once)).toBe(await contentsOf(signed))
    const ranges = [...latin1(once).matchAll(/\/ByteRange\s*\[(\d+) (\d+) (\d+) (\d+)\s*\]/g)]
    const [, , c, d] = ranges.at(-1)!.slice(1, 5).map(Number) as number[]
    expect(c! + d!).toBe(once.length)
    // a renewal: another field, numbered on, and the DSS grows by the new CRL only
    const later = await issueCrl(ca, new Date(now.getTime() + 3600_000))
    const twice = await addDocumentTimeStamp(once, {
      validationData: { certificates: [ca.certificate, tsaCert], crls: [crl, later] },
      timeStamper: stamper,
      fieldName: 'Штамп времени документа',
    })
    const fields = (await PDFDocument.load(twice)).catalog
      .getOrCreateAcroForm()
      .getAllFields()
      .map(([f]) => f.getPartialName())
    expect(fields).toEqual(['Подпись 1', 'Штамп времени документа 1', 'Штамп времени документа 2'])
    const certs = await dssCount(twice, 'Certs')
    expect(certs).toHaveLength(3) // person, CA, time-stamping unit
    expect(await dssCount(twice, 'CRLs')).toHaveLength(2)
  })

  it('refuses a parsed document that is not the bytes given', async () => {
    const loaded = await loadPdf(signed)
    await expect(
      addDocumentTimeStamp(
        { bytes: new Uint8Array([...signed, 0x0a]), doc: loaded.doc },
        { validationData: { certificates: [], crls: [] }, timeStamper: stamper, fieldName: 'Штамп' },
      ),
    ).rejects.toThrow(/not the one given/)
  })
})
