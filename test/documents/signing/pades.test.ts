import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as asn1js from 'asn1js'
import { beforeAll, describe, expect, it } from 'vitest'
import { tinos, readFont } from '../../../src/documents/fonts'
import { buildOrderView } from '../../../src/documents/order-view'
import { renderPdf } from '../../../src/documents/pdf'
import { type Credential, issueCa, issueCertificate, issueCrl } from '../../../src/documents/signing/certificates'
import { keySigner } from '../../../src/documents/signing/cms'
import { signatureMark, visaLine } from '../../../src/documents/signing/marks'
import { signPdf } from '../../../src/documents/signing/pades'
import { timeStampAuthority } from '../../../src/documents/signing/tsa'
import { verifyPdf } from '../../../src/documents/signing/verify'
import { sampleContent } from '../../support/harness'
import { hasTool, run } from '../../support/tools'

const tmp = mkdtempSync(join(tmpdir(), 'orders-pades-'))
const ORG = 'МБОУ «Средняя школа № 5» г. Смоленска'
const approvers = [
  { name: 'Иванова Ирина Петровна', position: 'Заместитель директора' },
  { name: 'Петров Пётр Сергеевич', position: 'Юрисконсульт' },
  { name: 'Ёлкина Мария Юрьевна', position: 'Главный бухгалтер' },
]
const director = { name: 'Смирнова Елена Викторовна', position: 'Директор' }
const fonts = { regular: readFont(tinos.normal), bold: readFont(tinos.bold) }
const tz = 'Europe/Moscow'

const view = buildOrderView(sampleContent(), {
  draft: false,
  organization: { name: [ORG], place: 'Смоленск' },
  approvalLines: 3,
} as Parameters<typeof buildOrderView>[1])
let ca: Credential
let signed: Uint8Array // 3 visas + the director's signature
let sealed: Uint8Array // + the registration seal with the DSS
const caPem = join(tmp, 'ca.pem')

const file = (name: string, bytes: Uint8Array) => {
  const path = join(tmp, name)
  writeFileSync(path, bytes)
  return path
}

/** Each signature's /ByteRange and CMS, read with nothing but a regular expression (not our verifier). */
const signaturesIn = (pdf: Uint8Array) =>
  [
    ...Buffer.from(pdf)
      .toString('latin1')
      .matchAll(/\/ByteRange\s*\[(\d+) (\d+) (\d+) (\d+)\s*\]/g),
  ].map((m) => {
    const [a, b, c, d] = m.slice(1, 5).map(Number) as [number, number, number, number]
    const hex = Buffer.from(pdf.subarray(b + 1, c - 1)).toString('latin1')
    const all = Buffer.from(hex, 'hex')
    const der = all.subarray(0, asn1js.fromBER(new Uint8Array(all).buffer).offset)
    const content = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)])
    return { der, content, end: c + d }
  })

beforeAll(async () => {
  const now = new Date()
  ca = await issueCa(ORG, now)
  writeFileSync(caPem, run('openssl', ['x509', '-inform', 'DER', '-in', file('ca.der', ca.certificate)]))
  const tsaCred = await issueCertificate(ca, 'tsa', { commonName: 'Служба штампов времени', organization: ORG }, now)
  const timeStamper = await timeStampAuthority(tsaCred, [ca.certificate])
  let pdf = await renderPdf(view)
  for (const [i, a] of approvers.entries()) {
    const cred = await issueCertificate(ca, 'person', { commonName: a.name, organization: ORG, title: a.position }, now)
    const signingTime = new Date()
    pdf = await signPdf(pdf, {
      signer: await keySigner(cred, [ca.certificate]),
      timeStamper,
      fieldName: `visa${i + 1}`, // the fields the rendering reserved
      signingTime,
      fonts,
      appearance: visaLine(
        { ...a, decision: 'Согласовано', signedAt: signingTime, timeZone: tz },
        { x: 70, y: 200 - i * 14, width: 450, height: 12 },
      ),
    })
  }
  const dirCred = await issueCertificate(
    ca,
    'person',
    { commonName: director.name, organization: ORG, title: 'Директор' },
    now,
  )
  const signingTime = new Date()
  pdf = await signPdf(pdf, {
    signer: await keySigner(dirCred, [ca.certificate]),
    timeStamper,
    fieldName: 'signer',
    signingTime,
    fonts,
    appearance: signatureMark(
      {
        serialNumber: 'AB12',
        owner: director.name,
        notBefore: now,
        notAfter: now,
        signedAt: signingTime,
        timeZone: tz,
      },
      { x: 300, y: 230, width: 200, height: 62 },
    ),
  })
  signed = pdf
  const seal = await issueCertificate(ca, 'seal', { commonName: ORG, organization: ORG }, now)
  sealed = await signPdf(signed, {
    signer: await keySigner(seal, [ca.certificate]),
    timeStamper,
    fieldName: 'seal',
    signingTime: new Date(),
    fonts,
    validationData: { certificates: [ca.certificate], crls: [await issueCrl(ca, now)] },
  })
}, 120_000)

describe('PAdES signatures checked by outside verifiers', () => {
  it('keeps every earlier byte: each signature is an incremental revision', () => {
    expect(Buffer.from(sealed.subarray(0, signed.length)).equals(Buffer.from(signed))).toBe(true)
  })

  it.runIf(hasTool('pdfsig'))('pdfsig: 3 visas and the signature valid, Cyrillic names right', () => {
    const out = run('pdfsig', [file('signed.pdf', signed)])
    expect(out.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(4)
    for (const p of [...approvers, director]) expect(out).toContain(`Signer Certificate Common Name: ${p.name}`)
    expect(out).toContain('title=Заместитель директора')
    expect(out).toContain('ETSI.CAdES.detached')
    expect(out).toContain('SHA-256')
  })

  it.runIf(hasTool('pdfsig') && hasTool('certutil'))(
    'pdfsig: sealed file has 5 valid signatures, the last covering the whole file, trusted under the org CA',
    () => {
      const nss = mkdtempSync(join(tmpdir(), 'orders-nss-'))
      run('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password'])
      run('certutil', ['-d', `sql:${nss}`, '-A', '-t', 'CT,C,C', '-n', 'ca', '-i', caPem])
      const out = run('pdfsig', ['-nssdir', `sql:${nss}`, file('sealed.pdf', sealed)])
      expect(out.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(5)
      expect(out.match(/Certificate Validation: Certificate is Trusted\./g)).toHaveLength(5)
      const blocks = out.split(/Signature #\d+:/).slice(1)
      expect(blocks.at(-1)).toContain('Total document signed')
      expect(blocks.at(-1)).toContain(`Signer Certificate Common Name: ${ORG}`)
      for (const b of blocks.slice(0, -1)) expect(b).toContain('Not total document signed')
    },
  )

  it.runIf(hasTool('openssl'))(
    'openssl cms -verify accepts every CMS against the org CA; each carries a time stamp',
    () => {
      const sigs = signaturesIn(sealed)
      expect(sigs).toHaveLength(5)
      for (const [i, s] of sigs.entries()) {
        const der = file(`sig${i}.der`, s.der)
        run('openssl', [
          'cms',
          '-verify',
          '-binary',
          '-inform',
          'DER',
          '-in',
          der,
          '-content',
          file(`content${i}`, s.content),
          '-CAfile',
          caPem,
          '-purpose',
          'any',
          '-out',
          '/dev/null',
        ]) // throws on a failed verification
        const printed = run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', der])
        expect(printed).toContain('id-smime-aa-signingCertificateV2')
        expect(printed).toContain('id-smime-aa-timeStampToken')
        expect(printed).toContain('sha256')
      }
    },
  )

  it.runIf(hasTool('openssl'))('the time-stamp token verifies with openssl ts against the org CA', () => {
    const [first] = signaturesIn(sealed)
    const cms = asn1js.fromBER(new Uint8Array(first!.der).buffer).result as asn1js.Sequence
    // ContentInfo → [0] SignedData → signerInfos (last) → SignerInfo: signature value and [1] unsigned attributes
    const sd = (cms.valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0] as asn1js.Sequence
    const signerInfos = sd.valueBlock.value.at(-1) as asn1js.Set
    const si = signerInfos.valueBlock.value[0] as asn1js.Sequence
    const parts = si.valueBlock.value
    const sigValue = parts.find((p) => p instanceof asn1js.OctetString) as asn1js.OctetString
    const unsigned = parts.at(-1) as asn1js.Constructed
    expect(unsigned.idBlock.tagNumber).toBe(1)
    const attr = unsigned.valueBlock.value[0] as asn1js.Sequence
    const token = (attr.valueBlock.value[1] as asn1js.Set).valueBlock.value[0]!
    const tokenFile = file('token.der', new Uint8Array(token.toBER()))
    const stamped = file('stamped.bin', new Uint8Array(sigValue.valueBlock.valueHexView))
    const out = run('openssl', ['ts', '-verify', '-data', stamped, '-in', tokenFile, '-token_in', '-CAfile', caPem])
    expect(out).toContain('Verification: OK')
  })

  it.runIf(hasTool('qpdf'))('qpdf --check finds the file clean', () => {
    expect(run('qpdf', ['--check', file('sealed-q.pdf', sealed)])).toContain('No syntax or stream encoding errors')
  })

  it.runIf(hasTool('pdftotext'))('the visible marks read back: the ГОСТ mark and the approval lines', () => {
    const text = run('pdftotext', ['-layout', file('sealed-t.pdf', sealed), '-']).replace(/\s+/g, ' ')
    expect(text).toContain('ДОКУМЕНТ ПОДПИСАН')
    expect(text).toContain('ЭЛЕКТРОННОЙ ПОДПИСЬЮ')
    expect(text).toContain(`Владелец ${director.name}`)
    expect(text).toContain(`Юрисконсульт ${approvers[1]!.name} — Согласовано`)
  })

  it.runIf(hasTool('pdftotext'))(
    'a later signature in the same process keeps its Latin letters in the text layer (the parsed font is shared)',
    async () => {
      // a font of its own (another copy of the bytes, parsed afresh): in Tinos the Cyrillic «а е о р с у» are
      // built of the Latin glyphs, which the first signature's subset meets only as their parts
      const own = { regular: new Uint8Array(fonts.regular), bold: new Uint8Array(fonts.bold) }
      const box = (text: string, y: number) => ({
        page: 0,
        rect: { x: 300, y, width: 250, height: 40 },
        frame: false,
        lines: [{ text, size: 8 }],
      })
      const signer = await keySigner(
        await issueCertificate(ca, 'seal', { commonName: ORG, organization: ORG }, new Date()),
        [ca.certificate],
      )
      const first = await signPdf(await renderPdf(view), {
        signer,
        fieldName: 'Первая',
        signingTime: new Date(),
        fonts: own,
        appearance: box('Зарегистрирован серия ООО', 20),
      })
      const second = await signPdf(first, {
        signer,
        fieldName: 'Вторая',
        signingTime: new Date(),
        fonts: own,
        appearance: box('https://orders.example/verify/ paycheck', 80),
      })
      const text = run('pdftotext', ['-f', '1', '-l', '1', file('latin.pdf', second), '-']).replace(/\s+/g, ' ')
      expect(text).toContain('Зарегистрирован серия ООО')
      expect(text).toContain('https://orders.example/verify/ paycheck')
    },
  )

  it('embeds the marks’ font once per document and style: later signatures write with it', () => {
    // the font files each revision adds (pdf-lib writes them as plain objects, never in object streams)
    const ends = signaturesIn(sealed).map((s) => s.end)
    const files = ends.map((end, i) => {
      const revision = Buffer.from(sealed.subarray(i ? ends[i - 1] : 0, end)).toString('latin1')
      return (revision.match(/\/FontFile2/g) ?? []).length
    })
    // the rendering's own two fonts come with the first revision; the first visa adds the regular mark font,
    // the director's mark the bold one, the other visas and the seal (no lines) none
    expect(files.slice(1)).toEqual([0, 0, 1, 0])
    expect(files[0]).toBeGreaterThanOrEqual(3)
  })

  it.runIf(hasTool('pdftotext'))(
    'a line with a character outside the marks’ set gets a subset of its own and reads back whole',
    async () => {
      const signer = await keySigner(
        await issueCertificate(ca, 'seal', { commonName: ORG, organization: ORG }, new Date()),
        [ca.certificate],
      )
      const mark = (text: string, y: number) => ({
        page: 0,
        rect: { x: 300, y, width: 250, height: 40 },
        frame: false,
        lines: [{ text, size: 8 }],
      })
      const first = await signPdf(signed, {
        signer,
        fieldName: 'Пятая',
        signingTime: new Date(),
        fonts,
        appearance: mark('Ωмега Ї', 20),
      })
      const increment = Buffer.from(first.subarray(signed.length)).toString('latin1')
      expect((increment.match(/\/FontFile2/g) ?? []).length).toBe(1)
      // another font file (a newer Tinos, here its italic) numbers its glyphs otherwise: it is embedded, not reused
      const other = await signPdf(signed, {
        signer,
        fieldName: 'Шестая',
        signingTime: new Date(),
        fonts: { regular: readFont(tinos.italics), bold: fonts.bold },
        appearance: mark('Иванов И.И. — Согласовано', 20),
      })
      const otherIncrement = Buffer.from(other.subarray(signed.length)).toString('latin1')
      expect((otherIncrement.match(/\/FontFile2/g) ?? []).length).toBe(1)
      const text = run('pdftotext', ['-f', '1', '-l', '1', file('own-subset.pdf', first), '-']).replace(/\s+/g, ' ')
      expect(text).toContain('Ωмега Ї')
    },
  )
})

describe('one byte changed anywhere', () => {
  const tampered = () => {
    const copy = new Uint8Array(sealed)
    // a byte of the first revision's page content, covered by every signature
    const at = Buffer.from(copy).indexOf('stream', 2000) + 20
    copy[at] = copy[at]! ^ 0x01
    return copy
  }

  it.runIf(hasTool('pdfsig'))('pdfsig reports the signatures invalid', () => {
    let out = ''
    try {
      out = run('pdfsig', [file('tampered.pdf', tampered())])
    } catch (e) {
      out = String((e as { stdout?: string }).stdout)
    }
    expect(out).not.toContain('Signature is Valid')
    expect(out).toContain('Signature Validation')
  })

  it('verifyPdf reports every signature invalid', async () => {
    const report = await verifyPdf(tampered(), [ca.certificate])
    if (report.kind !== 'pdf') throw new Error(report.kind)
    expect(report.signatures).toHaveLength(5)
    expect(report.signatures.every((s) => !s.valid)).toBe(true)
    expect(report.allValid).toBe(false)
  })
})

describe('verifyPdf', () => {
  it('names each signer, time and level, and what each covers', async () => {
    const report = await verifyPdf(sealed, [ca.certificate])
    if (report.kind !== 'pdf') throw new Error(report.kind)
    expect(report.allValid).toBe(true)
    expect(report.signatures.map((s) => s.signer?.commonName)).toEqual([
      ...approvers.map((a) => a.name),
      director.name,
      ORG,
    ])
    expect(report.signatures.every((s) => s.trusted && s.timeStamped)).toBe(true)
    expect(report.signatures.slice(0, 4).every((s) => s.level === 'B-LT')).toBe(true)
    expect(report.signatures.at(-1)!.coversWholeFile).toBe(true)
    expect(report.changedAfterLastSignature).toBe(false)
  })

  it('before registration the signatures are B-T: no validation data yet', async () => {
    const report = await verifyPdf(signed, [ca.certificate])
    if (report.kind !== 'pdf') throw new Error(report.kind)
    expect(report.signatures.map((s) => s.level)).toEqual(['B-T', 'B-T', 'B-T', 'B-T'])
  })

  it('a certificate from another CA is valid but not trusted', async () => {
    const other = await issueCa('Другая организация', new Date())
    const report = await verifyPdf(signed, [other.certificate])
    if (report.kind !== 'pdf') throw new Error(report.kind)
    expect(report.signatures.every((s) => s.valid && !s.trusted)).toBe(true)
  })

  it('bytes appended after the last signature are reported as changes', async () => {
    const appended = Buffer.concat([Buffer.from(signed), Buffer.from('\n1 0 obj\n<<>>\nendobj\n%%EOF\n')])
    const report = await verifyPdf(new Uint8Array(appended), [ca.certificate])
    if (report.kind !== 'pdf') throw new Error(report.kind)
    expect(report.changedAfterLastSignature).toBe(true)
    expect(report.signatures.every((s) => s.valid)).toBe(true)
  })

  it('tells every problem of a signature in Russian, as the verification page shows it to its reader', async () => {
    const changed = new Uint8Array(signed)
    changed[200] = changed[200]! ^ 1 // inside the first signature's range
    const garbled = new Uint8Array(signed)
    const contents = Buffer.from(garbled).indexOf('/Contents <') + 11
    garbled.fill(0x41, contents, contents + 64)
    const other = await issueCa('Другая организация', new Date())
    const problems: string[] = []
    for (const [pdf, anchors] of [
      [changed, [ca.certificate]],
      [garbled, [ca.certificate]],
      [signed, [other.certificate]],
    ] as const) {
      const report = await verifyPdf(pdf, [...anchors])
      if (report.kind !== 'pdf') throw new Error(report.kind)
      problems.push(...report.signatures.flatMap((s) => s.problems))
    }
    expect(problems).toContain('документ изменён после подписания')
    expect(problems.some((p) => p.startsWith('подпись не читается'))).toBe(true)
    expect(problems.some((p) => p.startsWith('сертификат не выдан доверенным'))).toBe(true)
    for (const p of problems) expect(p).toMatch(/^[А-ЯЁа-яё]/)
  })

  it('answers a non-PDF, a truncated PDF and an unsigned PDF without throwing', async () => {
    expect((await verifyPdf(new TextEncoder().encode('hello'), [])).kind).toBe('not-pdf')
    expect((await verifyPdf(signed.subarray(0, 5000), [])).kind).toBe('damaged')
    const garbled = new Uint8Array(signed)
    const contents = Buffer.from(garbled).indexOf('/Contents <') + 11
    garbled.fill(0x41, contents, contents + 64) // 'A's: hex still, but no longer a CMS
    const report = await verifyPdf(garbled, [ca.certificate])
    if (report.kind !== 'pdf') throw new Error(report.kind)
    expect(report.signatures[0]!.valid).toBe(false)
    expect(report.signatures[0]!.problems.length).toBeGreaterThan(0)
    const r2 = await verifyPdf(readFileSync(file('plain.pdf', await renderPdf(view))), [])
    expect(r2.kind === 'pdf' && r2.signatures.length === 0 && !r2.allValid).toBe(true)
  })
})
