import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  describeCertificate,
  importPrivateKey,
  issueCa,
  issueCertificate,
  issueCrl,
} from '../../../src/documents/signing/certificates'
import { crypto, RSA, toArrayBuffer, x509 } from '../../../src/documents/signing/crypto'
import { KeyUnreadable, keyProtector } from '../../../src/documents/signing/key-protection'
import { hasTool, run } from '../../support/tools'

const tmp = mkdtempSync(join(tmpdir(), 'orders-certs-'))
const ORG = 'ГБОУ «Лицей № 1»'
const now = new Date('2026-03-01T09:00:00Z')

describe('certificates under the organization CA', () => {
  it.runIf(hasTool('openssl'))(
    'names the person in Cyrillic UTF8String, with title and organization, for one year',
    async () => {
      const ca = await issueCa(ORG, now)
      const p = await issueCertificate(
        ca,
        'person',
        { commonName: 'Щёкина Анна Львовна', organization: ORG, title: 'Учитель' },
        now,
      )
      const der = join(tmp, 'p.der')
      writeFileSync(der, p.certificate)
      const subject = run('openssl', [
        'x509',
        '-inform',
        'DER',
        '-in',
        der,
        '-noout',
        '-subject',
        '-nameopt',
        'utf8,sep_multiline',
      ])
      expect(subject).toContain('CN=Щёкина Анна Львовна')
      expect(subject).toContain('title=Учитель')
      expect(subject).toContain(`O=${ORG}`)
      const asn = run('openssl', ['asn1parse', '-inform', 'DER', '-in', der])
      expect(asn.match(/UTF8STRING/g)?.length).toBeGreaterThanOrEqual(5) // issuer CN, O and subject CN, T, O
      expect(asn).not.toMatch(/T61STRING|BMPSTRING/)
      const d = describeCertificate(p.certificate)
      expect(d.notAfter.getTime() - d.notBefore.getTime()).toBe(365 * 24 * 3600 * 1000)
      const text = run('openssl', ['x509', '-inform', 'DER', '-in', der, '-noout', '-text'])
      expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/)
      writeFileSync(join(tmp, 'ca.der'), ca.certificate)
      const caPem = join(tmp, 'ca.pem')
      writeFileSync(caPem, run('openssl', ['x509', '-inform', 'DER', '-in', join(tmp, 'ca.der')]))
      const pPem = join(tmp, 'p.pem')
      writeFileSync(pPem, run('openssl', ['x509', '-inform', 'DER', '-in', der]))
      expect(run('openssl', ['verify', '-CAfile', caPem, pPem])).toContain(': OK')
    },
  )

  it.runIf(hasTool('openssl'))(
    'the time-stamp certificate allows time stamping alone, critical, and lives as long as the CA',
    async () => {
      const ca = await issueCa(ORG, now)
      const t = await issueCertificate(ca, 'tsa', { commonName: 'TSA', organization: ORG }, now)
      const der = join(tmp, 't.der')
      writeFileSync(der, t.certificate)
      const text = run('openssl', ['x509', '-inform', 'DER', '-in', der, '-noout', '-text'])
      expect(text).toMatch(/Extended Key Usage: critical\s+Time Stamping\s/)
      // B-LTA: the last document time-stamp stays verifiable while the CA lives, not a year
      expect(describeCertificate(t.certificate).notAfter).toEqual(describeCertificate(ca.certificate).notAfter)
      const person = await issueCertificate(ca, 'person', { commonName: 'Иванова', organization: ORG }, now)
      expect(describeCertificate(person.certificate).notAfter.getTime() - now.getTime()).toBe(365 * 24 * 3600 * 1000)
    },
  )

  it.runIf(hasTool('openssl'))('a certificate names where its CRL is published, when told', async () => {
    const ca = await issueCa(ORG, now)
    const url = 'https://orders.example/ca/0b9c2f4e-1111-4222-8333-944455556666.crl'
    for (const kind of ['person', 'seal', 'tsa'] as const) {
      const c = await issueCertificate(ca, kind, { commonName: 'Иванова', organization: ORG }, now, { crlUrl: url })
      writeFileSync(join(tmp, 'cdp.der'), c.certificate)
      const text = run('openssl', ['x509', '-inform', 'DER', '-in', join(tmp, 'cdp.der'), '-noout', '-text'])
      expect(text).toMatch(new RegExp(`CRL Distribution Points:\\s+Full Name:\\s+URI:${url.replace(/\./g, '\\.')}\\s`))
    }
    const without = await issueCertificate(ca, 'person', { commonName: 'Иванова', organization: ORG }, now)
    writeFileSync(join(tmp, 'nocdp.der'), without.certificate)
    expect(run('openssl', ['x509', '-inform', 'DER', '-in', join(tmp, 'nocdp.der'), '-noout', '-text'])).not.toContain(
      'CRL Distribution Points',
    )
  })

  it.runIf(hasTool('openssl'))('the CA is a CA and its CRL verifies under it', async () => {
    const ca = await issueCa(ORG, now)
    writeFileSync(join(tmp, 'ca2.der'), ca.certificate)
    const text = run('openssl', ['x509', '-inform', 'DER', '-in', join(tmp, 'ca2.der'), '-noout', '-text'])
    expect(text).toMatch(/Basic Constraints: critical\s+CA:TRUE/)
    expect(text).toMatch(/Certificate Sign, CRL Sign/)
    writeFileSync(join(tmp, 'crl.der'), await issueCrl(ca, now))
    writeFileSync(join(tmp, 'ca2.pem'), run('openssl', ['x509', '-inform', 'DER', '-in', join(tmp, 'ca2.der')]))
    const out = run('sh', ['-c', `openssl crl -inform DER -in ${tmp}/crl.der -CAfile ${tmp}/ca2.pem -noout 2>&1`])
    expect(out).toContain('verify OK')
    // v2, issued by the CA's very name, now and for 30 days, naming the CA's key and a number
    const crl = run('openssl', ['crl', '-inform', 'DER', '-in', join(tmp, 'crl.der'), '-noout', '-text'])
    const subject = run('openssl', ['x509', '-inform', 'DER', '-in', join(tmp, 'ca2.der'), '-noout', '-subject'])
    expect(crl).toContain('Version 2 (0x1)')
    expect(crl).toContain('Signature Algorithm: sha256WithRSAEncryption')
    expect(crl.replace(/\s+/g, ' ')).toContain(
      subject
        .replace(/^subject=/, '')
        .trim()
        .replace(/\s+/g, ' '),
    )
    const date = (label: string) => new Date(new RegExp(`${label}: (.+)`).exec(crl)![1]!)
    expect(date('Last Update').getTime()).toBe(Math.floor(now.getTime() / 1000) * 1000)
    expect(date('Next Update').getTime() - date('Last Update').getTime()).toBe(24 * 3600 * 1000)
    const ski = /Subject Key Identifier:\s+([0-9A-F:]+)/.exec(text)![1]!
    expect(crl).toMatch(new RegExp(`Authority Key Identifier:\\s+(keyid:)?${ski}`))
    expect(crl).toMatch(new RegExp(`X509v3 CRL Number:\\s+${Math.floor(now.getTime() / 1000)}`))
    expect(crl).toContain('No Revoked Certificates')
    // a revoked serial is listed with the date of its revocation and its reason, and the list still verifies
    const revokedAt = new Date('2026-02-27T15:30:00Z')
    writeFileSync(
      join(tmp, 'crl2.der'),
      await issueCrl(ca, now, [
        { serial: '1f2e3d4c', revokedAt, reason: 'cessationOfOperation' },
        { serial: '5a6b', revokedAt: now },
      ]),
    )
    const revoked = run('sh', ['-c', `openssl crl -inform DER -in ${tmp}/crl2.der -CAfile ${tmp}/ca2.pem -text 2>&1`])
    expect(revoked).toContain('verify OK')
    expect(revoked).toMatch(
      /Serial Number: 1F2E3D4C\s+Revocation Date: Feb 27 15:30:00 2026 GMT\s+CRL entry extensions:\s+X509v3 CRL Reason Code:\s+Cessation Of Operation/,
    )
    expect(revoked).toMatch(/Serial Number: 5A6B\s+Revocation Date: Mar {2}1 09:00:00 2026 GMT\s+(Signature|Serial)/)
    // an odd number of hex digits, and a next update in 2050 (GeneralizedTime from then on, RFC 5280)
    const late = new Date('2049-12-31T10:00:00Z')
    writeFileSync(join(tmp, 'crl3.der'), await issueCrl(ca, late, [{ serial: 'abc', revokedAt: late }]))
    const crl3 = run('sh', ['-c', `openssl crl -inform DER -in ${tmp}/crl3.der -CAfile ${tmp}/ca2.pem -text 2>&1`])
    expect(crl3).toContain('verify OK')
    expect(crl3).toMatch(/Serial Number: 0ABC\s+Revocation Date: Dec 31 10:00:00 2049 GMT/)
    expect(crl3).toContain('Next Update: Jan  1 10:00:00 2050 GMT')
  })
})

describe('private keys at rest', () => {
  const key = new Uint8Array([1, 2, 3, 4, 5, 250])

  it('seals with AES-256-GCM and opens with the same SIGNING_KEY only', () => {
    const a = keyProtector('секрет-один-достаточно-длинный')
    const sealed = a.seal(key)
    expect(Buffer.from(sealed).includes(Buffer.from(key))).toBe(false)
    expect(a.open(sealed)).toEqual(key)
    expect(() => keyProtector('другой ключ').open(sealed)).toThrow(KeyUnreadable)
  })

  it('refuses a sealed key altered by one bit', () => {
    const a = keyProtector('k')
    const sealed = a.seal(key)
    sealed[sealed.length - 1]! ^= 1
    expect(() => a.open(sealed)).toThrow(KeyUnreadable)
  })

  it('two seals of one key differ (fresh IV each time)', () => {
    const a = keyProtector('k')
    expect(Buffer.from(a.seal(key)).equals(Buffer.from(a.seal(key)))).toBe(false)
  })
})

describe('keys and descriptions kept in memory', () => {
  it('a kept key signs for its own certificate only, and a description is that of the certificate given', async () => {
    const ca = await issueCa(ORG, now)
    const people = await Promise.all(
      ['Первая Анна', 'Второй Борис'].map((commonName) =>
        issueCertificate(ca, 'person', { commonName, organization: ORG }, now),
      ),
    )
    const data = new TextEncoder().encode('подписываемое')
    for (const p of [...people, ...people]) {
      // imported twice each: the second time from memory, still the key of this certificate
      const key = await importPrivateKey(p.privateKey)
      const signature = await crypto.subtle.sign(RSA, key, data)
      const publicKey = await new x509.X509Certificate(toArrayBuffer(p.certificate)).publicKey.export(RSA, ['verify'])
      expect(await crypto.subtle.verify(RSA, publicKey, signature, data)).toBe(true)
    }
    const first = describeCertificate(people[0]!.certificate)
    first.commonName = 'изменено снаружи'
    expect(describeCertificate(people[0]!.certificate).commonName).toBe('Первая Анна')
    expect(describeCertificate(people[1]!.certificate).commonName).toBe('Второй Борис')
    await expect(importPrivateKey(new Uint8Array([1, 2, 3]))).rejects.toThrow()
    await expect(importPrivateKey(new Uint8Array([1, 2, 3]))).rejects.toThrow()
  })
})

describe('validity periods', () => {
  it('the CA lasts ten years, so a person’s one-year certificate issued in its ninth still chains to it', async () => {
    const ca = await issueCa(ORG, now)
    const d = describeCertificate(ca.certificate)
    expect(d.notBefore).toEqual(now)
    expect(d.notAfter.getTime() - now.getTime()).toBe(10 * 365 * 24 * 3600 * 1000)
    const ninthYear = new Date(now.getTime() + 9 * 365 * 24 * 3600 * 1000)
    const p = describeCertificate(
      (await issueCertificate(ca, 'person', { commonName: 'Щёкина Анна Львовна', organization: ORG }, ninthYear))
        .certificate,
    )
    expect(p.notAfter.getTime()).toBeLessThanOrEqual(d.notAfter.getTime())
  })

  it('a certificate naming no position describes none, as the verification answer shows it', async () => {
    const ca = await issueCa(ORG, now)
    const seal = await issueCertificate(ca, 'seal', { commonName: ORG, organization: ORG }, now)
    expect(describeCertificate(seal.certificate)).not.toHaveProperty('title', '')
    expect(describeCertificate(seal.certificate).title).toBeUndefined()
    const p = await issueCertificate(
      ca,
      'person',
      { commonName: 'Щёкина Анна Львовна', organization: ORG, title: 'Учитель' },
      now,
    )
    expect(describeCertificate(p.certificate).title).toBe('Учитель')
  })
})
