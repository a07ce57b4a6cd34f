import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from '@cantoo/pdf-lib'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { orders } from '../../src/db/schema'
import { findCa, revokeHolderCredentials } from '../../src/db/signing-credentials'
import { personSigner } from '../../src/services/keys'
import { testDatabases } from '../support/databases'
import { sampleContent, tokenOf, useHarness } from '../support/harness'
import { accountsFor } from '../support/people'
import { hasTool, run } from '../support/tools'

const tmp = mkdtempSync(join(tmpdir(), 'orders-lta-'))

const approvers = [
  { name: 'Иванова Ирина Петровна', position: 'Заместитель начальника', email: 'ivanova@test.local' },
  { name: 'Петров Пётр Сергеевич', position: 'Юрисконсульт', email: 'petrov@test.local' },
]
const director = { name: 'Смирнова Елена Викторовна', position: 'Начальник управления', email: 'dir@test.local' }

/** The DER at the start of a /Contents gap, by the length in its own header (the zeros after it are padding). */
const derPrefix = (gap: Buffer) => {
  const first = gap[1] ?? 0
  if (first < 0x80) return gap.subarray(0, 2 + first)
  const size = first & 0x7f
  return gap.subarray(0, 2 + size + gap.readUIntBE(2, size))
}

/** The streams of one of the DSS's arrays, decoded: DER certificates or CRLs. */
const dssItems = (doc: PDFDocument, key: 'Certs' | 'CRLs') => {
  const dss = doc.catalog.lookupMaybe(PDFName.of('DSS'), PDFDict)
  const arr = dss?.lookupMaybe(PDFName.of(key), PDFArray)
  return (arr?.asArray() ?? []).map((ref) => {
    const stream = doc.context.lookup(ref)
    if (!(stream instanceof PDFRawStream)) throw new Error('a DSS entry that is not a stream')
    return Buffer.from(decodePDFRawStream(stream).decode())
  })
}

const x509Text = (der: Uint8Array, name: string) => {
  writeFileSync(join(tmp, name), der)
  return run('openssl', ['x509', '-inform', 'DER', '-in', join(tmp, name), '-noout', '-text', '-nameopt', 'utf8'])
}

describe.each(testDatabases())('the registered file is PAdES B-LTA ($name)', ({ open }) => {
  const h = useHarness(open)
  const clerk = () => h.orgs[0]!.clerk

  it.runIf(hasTool('pdfsig') && hasTool('openssl') && hasTool('qpdf'))(
    'a DSS with every certificate (the time-stamping unit’s too) and a CRL, then a document time-stamp over the whole file',
    async () => {
      const org = h.orgs[0]!.id
      // someone whose certificate was revoked before the registration: the DSS's CRL lists it
      const gone = await personSigner(
        h.deps.db,
        h.deps,
        org,
        { email: 'gone@test.local', name: 'Уволенная Анна Петровна', position: 'Методист' },
        h.clock.now(),
      )
      const goneSerial = x509Text(gone.certificateChain[0]!, 'gone.der').match(
        /Serial Number:\s*\n?\s*([0-9a-f:]+)/,
      )![1]!
      await revokeHolderCredentials(h.deps.db, org, 'gone@test.local', h.clock.now(), 'cessationOfOperation')

      const id = (await h.call('POST', '/api/orders', { token: clerk(), body: sampleContent() })).body.id as string
      const links = (
        await h.call('POST', `/api/orders/${id}/submit`, {
          token: clerk(),
          body: await accountsFor(h)({ approvers, sequential: true, signer: director }),
        })
      ).body.links as { url: string }[]
      const tokens = links.map((l) => tokenOf(l.url))
      for (const t of tokens.slice(0, 2))
        expect((await h.call('POST', `/api/links/${t}/approve`, { body: {} })).status).toBe(200)
      expect((await h.call('POST', `/api/links/${tokens[2]}/sign`)).status).toBe(200)
      const reg = await h.call('POST', `/api/orders/${id}/register`, { token: clerk(), body: {} })
      expect(reg.body.sealed).toBe(true)
      const res = await h.app.request(`/api/orders/${id}/registered.pdf`, {
        headers: { authorization: `Bearer ${clerk()}` },
      })
      const pdf = new Uint8Array(await res.arrayBuffer())
      const path = join(tmp, 'registered.pdf')
      writeFileSync(path, pdf)
      if (process.env.KEEP_REGISTERED_PDF) {
        mkdirSync(process.env.KEEP_REGISTERED_PDF, { recursive: true })
        writeFileSync(join(process.env.KEEP_REGISTERED_PDF, `registered-${Date.now()}.pdf`), pdf)
      }
      const caRow = (await findCa(h.deps.db, org))!
      writeFileSync(join(tmp, 'ca.der'), caRow.certificate)
      const caPem = join(tmp, 'ca.pem')
      writeFileSync(caPem, run('openssl', ['x509', '-inform', 'DER', '-in', join(tmp, 'ca.der')]))

      // the last revision: a document time-stamp (ETSI.RFC3161) whose byte range ends at the end of the file
      const latin = Buffer.from(pdf).toString('latin1')
      const ranges = [...latin.matchAll(/\/ByteRange\s*\[\s*(\d+) (\d+) (\d+) (\d+)\s*\]/g)]
      expect(ranges).toHaveLength(5) // two visas, the signature, the seal, the document time-stamp
      const last = ranges.at(-1)!
      const [a, b, c, d] = last.slice(1, 5).map(Number) as [number, number, number, number]
      expect(c + d).toBe(pdf.length)
      const dict = latin.slice(latin.lastIndexOf(' obj', last.index), latin.indexOf('endobj', last.index))
      expect(dict).toMatch(/\/Type\s*\/DocTimeStamp/)
      expect(dict).toMatch(/\/SubFilter\s*\/ETSI\.RFC3161/)
      // every earlier signature's range ends before the DSS revision: the DSS is covered only by the time-stamp
      const sealEnd = ranges
        .at(-2)!
        .slice(3, 5)
        .map(Number)
        .reduce((x, y) => x + y)
      expect(latin.slice(sealEnd)).toMatch(/<<\s*\/Certs\s*\[[^\]]+\]\s*\/CRLs\s*\[/)

      // its token verifies with openssl against the CA alone, over exactly the bytes the range covers
      writeFileSync(join(tmp, 'token.der'), derPrefix(Buffer.from(latin.slice(b + 1, c - 1), 'hex')))
      writeFileSync(join(tmp, 'covered'), Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]))
      const ts = run('sh', [
        '-c',
        `openssl ts -verify -token_in -in ${tmp}/token.der -data ${tmp}/covered -CAfile ${caPem} 2>&1`,
      ])
      expect(ts).toContain('Verification: OK')
      const tampered = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)])
      tampered[100] = tampered[100]! ^ 1
      writeFileSync(join(tmp, 'tampered'), tampered)
      expect(
        run('sh', [
          '-c',
          `openssl ts -verify -token_in -in ${tmp}/token.der -data ${tmp}/tampered -CAfile ${caPem} 2>&1 || true`,
        ]),
      ).not.toContain('Verification: OK')

      // pdfsig lists it as the last of the file's signatures, over the whole file
      const out = run('pdfsig', [path])
      const blocks = out.split(/Signature #\d+:/).slice(1)
      expect(blocks).toHaveLength(5)
      expect(blocks.at(-1)).toContain('Signature Field Name: Штамп времени документа 1')
      expect(blocks.at(-1)).toContain('Signer Certificate Common Name: Служба штампов времени: УПРАВЛЕНИЕ ОБРАЗОВАНИЯ')
      expect(blocks.at(-1)).toContain('Total document signed')
      expect(run('qpdf', ['--check', path])).toContain('No syntax or stream encoding errors')

      // the DSS: the CA, the time-stamping unit, the seal and every signer, each issued certificate naming the CRL
      const doc = await PDFDocument.load(pdf)
      const certs = dssItems(doc, 'Certs').map((der, i) => x509Text(der, `dss${i}.der`))
      const crlUrl = `http://orders.test/ca/${org}.crl`
      const bySubject = (cn: string) => certs.filter((t) => new RegExp(`Subject:.*CN ?= ?${cn}`).test(t))
      expect(bySubject('Удостоверяющий центр')).toHaveLength(1)
      const tsa = bySubject('Служба штампов времени')
      expect(tsa).toHaveLength(1)
      expect(tsa[0]).toMatch(/Extended Key Usage: critical\s+Time Stamping/)
      for (const cn of [...approvers.map((p) => p.name), director.name, 'УПРАВЛЕНИЕ ОБРАЗОВАНИЯ'])
        for (const t of bySubject(cn)) expect(t).toContain(`URI:${crlUrl}\n`)
      for (const cn of [...approvers.map((p) => p.name), director.name, 'УПРАВЛЕНИЕ ОБРАЗОВАНИЯ'])
        expect(bySubject(cn).length).toBeGreaterThan(0)
      expect(new Set(dssItems(doc, 'Certs').map((c) => c.toString('hex'))).size).toBe(certs.length) // none twice

      // its CRLs verify under the CA and list the certificate revoked before the registration: the CA's (a day
      // long) and the time-stamping unit's, scoped to its distribution point and answering until the CA ends
      const crls = dssItems(doc, 'CRLs').map((der, i) => {
        writeFileSync(join(tmp, `dss${i}.crl`), der)
        return run('sh', ['-c', `openssl crl -inform DER -in ${tmp}/dss${i}.crl -CAfile ${caPem} -text 2>&1`])
      })
      for (const crl of crls) {
        expect(crl).toContain('verify OK')
        expect(crl.toLowerCase()).toContain(`serial number: ${goneSerial.replace(/:/g, '')}`)
        expect(crl).toContain('Cessation Of Operation')
      }
      const tsaCrls = crls.filter((t) => t.includes(`URI:http://orders.test/ca/${org}-tsa.crl`))
      expect(tsaCrls).toHaveLength(1)
      expect(tsa[0]).toContain(`URI:http://orders.test/ca/${org}-tsa.crl`)
      const caEnd = /Not After : (.+)/.exec(x509Text(caRow.certificate, 'ca-again.der'))![1]
      expect(tsaCrls[0]).toContain(`Next Update: ${caEnd}`)
      expect(crls.filter((t) => !t.includes('Issuing Distribution Point')).length).toBeGreaterThanOrEqual(1)

      const [row] = await h.deps.db.select({ level: orders.signatureLevel }).from(orders).where(eq(orders.id, id))
      expect(row!.level).toBe('B-LTA')
    },
  )
})
