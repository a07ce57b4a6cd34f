import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { signingCredentials } from '../../src/db/schema'
import { describeCertificate, issueCertificate } from '../../src/documents/signing/certificates'
import { keyProtector } from '../../src/documents/signing/key-protection'
import { sha256 } from '../../src/documents/signing/crypto'
import {
  archiveValidationData,
  organizationCa,
  personSigner,
  prepareSigningKeys,
  sealSigner,
  trustAnchors,
} from '../../src/services/keys'
import { insertCredential, revokeHolderCredentials, revokedCertificates } from '../../src/db/signing-credentials'
import { loadKeyProtector } from '../../src/services/signing-key'
import { testDatabases } from '../support/databases'
import { useHarness } from '../support/harness'

const person = { email: 'Director@School.test', name: 'Смирнова Елена Викторовна', position: 'Директор' }

describe.each(testDatabases())('keys of the organization ($name)', ({ open }) => {
  const h = useHarness(open)
  const db = () => h.deps.db
  const now = () => h.clock.now()

  it('creates one CA per organization, even when asked for it at once', async () => {
    const org = h.orgs[0]!.id
    const [a, b] = await Promise.all([
      organizationCa(db(), h.deps, org, now()),
      organizationCa(db(), h.deps, org, now()),
    ])
    expect(Buffer.from(a.certificate).equals(Buffer.from(b.certificate))).toBe(true)
    const again = await organizationCa(db(), h.deps, org, now())
    expect(Buffer.from(again.certificate).equals(Buffer.from(a.certificate))).toBe(true)
    const other = await organizationCa(db(), h.deps, h.orgs[1]!.id, now())
    expect(Buffer.from(other.certificate).equals(Buffer.from(a.certificate))).toBe(false)
    expect((await trustAnchors(db())).length).toBe(2)
  })

  it('issues a person their certificate on first use and reuses it after', async () => {
    const org = h.orgs[0]!.id
    const first = await personSigner(db(), h.deps, org, person, now())
    const d = describeCertificate(first.certificateChain[0]!)
    expect(d.commonName).toBe(person.name)
    expect(d.title).toBe('Директор')
    expect(d.organization).toBe('УПРАВЛЕНИЕ ОБРАЗОВАНИЯ')
    expect(first.certificateChain).toHaveLength(2)
    const second = await personSigner(db(), h.deps, org, { ...person, email: 'director@school.test' }, now())
    expect(describeCertificate(second.certificateChain[0]!).serialNumber).toBe(d.serialNumber)
    const promoted = await personSigner(db(), h.deps, org, { ...person, position: 'Исполняющий обязанности' }, now())
    expect(describeCertificate(promoted.certificateChain[0]!).serialNumber).not.toBe(d.serialNumber)
    // and a signature made with it is a CMS
    const cms = await first.sign(await sha256(new Uint8Array([1, 2, 3])))
    expect(cms[0]).toBe(0x30)
  })

  it('the time-stamping unit’s certificate lives as long as the CA; a one-year one of before is replaced', async () => {
    const org = h.orgs[0]!.id
    const ca = await organizationCa(db(), h.deps, org, now())
    const caEnd = describeCertificate(ca.certificate).notAfter
    // as the service issued it before B-LTA: for a year, no distribution point
    const old = await issueCertificate(ca, 'tsa', { commonName: 'Служба штампов времени', organization: 'О' }, now())
    const d = describeCertificate(old.certificate)
    await insertCredential(db(), {
      organizationId: org,
      kind: 'tsa',
      holder: '',
      commonName: d.commonName,
      serialNumber: d.serialNumber,
      certificate: old.certificate,
      sealedKey: h.deps.keys.seal(old.privateKey),
      source: 'issued',
      notBefore: now(),
      notAfter: new Date(now().getTime() + 365 * 24 * 3600 * 1000),
    })
    const [, unit] = (await archiveValidationData(db(), h.deps, org, now())).certificates
    const current = describeCertificate(unit!)
    expect(current.serialNumber).not.toBe(d.serialNumber)
    expect(current.notAfter).toEqual(caEnd)
    // and kept from then on
    const [, again] = (await archiveValidationData(db(), h.deps, org, now())).certificates
    expect(describeCertificate(again!).serialNumber).toBe(current.serialNumber)
  })

  it('a revoked certificate is not used again, and is listed with its time on the CRLs of the DSS', async () => {
    const org = h.orgs[0]!.id
    const teacher = { email: 'Teacher@School.test', name: 'Учительница Анна Львовна', position: 'Учитель' }
    const first = describeCertificate((await personSigner(db(), h.deps, org, teacher, now())).certificateChain[0]!)
    expect(await revokeHolderCredentials(db(), org, teacher.email, now(), null)).toEqual([first.serialNumber])
    expect(await revokeHolderCredentials(db(), org, teacher.email, now(), null)).toEqual([]) // once
    expect(await revokedCertificates(db(), org)).toEqual([
      { serial: first.serialNumber, revokedAt: now(), reason: null },
    ])
    expect(await revokedCertificates(db(), h.orgs[1]!.id)).toEqual([])
    const next = describeCertificate((await personSigner(db(), h.deps, org, teacher, now())).certificateChain[0]!)
    expect(next.serialNumber).not.toBe(first.serialNumber)
    const { crls } = await archiveValidationData(db(), h.deps, org, now())
    expect(crls).toHaveLength(2)
    for (const crl of crls) expect(Buffer.from(crl).includes(Buffer.from(first.serialNumber, 'hex'))).toBe(true)
    for (const crl of crls) expect(Buffer.from(crl).includes(Buffer.from(next.serialNumber, 'hex'))).toBe(false)
  })

  it('issues a new certificate once the old one expired', async () => {
    const org = h.orgs[1]!.id
    const before = describeCertificate((await sealSigner(db(), h.deps, org, now())).certificateChain[0]!)
    const later = new Date(before.notAfter.getTime() + 1000)
    const after = describeCertificate((await sealSigner(db(), h.deps, org, later)).certificateChain[0]!)
    expect(after.serialNumber).not.toBe(before.serialNumber)
    expect(after.notAfter.getTime()).toBeGreaterThan(later.getTime())
  })

  it('stores private keys sealed, never as they are', async () => {
    const rows = await db()
      .select()
      .from(signingCredentials)
      .where(eq(signingCredentials.organizationId, h.orgs[0]!.id))
    expect(rows.length).toBeGreaterThan(0)
    for (const r of rows) {
      const plain = h.deps.keys.open(r.sealedKey)
      expect(Buffer.from(r.sealedKey).includes(Buffer.from(plain).subarray(0, 64))).toBe(false)
    }
  })

  it('refuses to start with a SIGNING_KEY that does not open the CA key, saying so', async () => {
    await expect(prepareSigningKeys(db(), { ...h.deps, keys: keyProtector('a different key') }, now())).rejects.toThrow(
      /SIGNING_KEY does not open the signing keys of «УПРАВЛЕНИЕ ОБРАЗОВАНИЯ»/,
    )
    await expect(prepareSigningKeys(db(), h.deps, now())).resolves.toBeUndefined()
  })
})

describe('the signing key file', () => {
  it('is generated once with mode 0600 and read back on the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orders-key-'))
    const config = { signingKeyFile: join(dir, 'data', 'signing.key') }
    const first = await loadKeyProtector(config)
    expect(statSync(config.signingKeyFile).mode & 0o777).toBe(0o600)
    const sealed = first.seal(new Uint8Array([7, 7, 7]))
    expect((await loadKeyProtector(config)).open(sealed)).toEqual(new Uint8Array([7, 7, 7]))
  })

  it('SIGNING_KEY, when set, is used instead of the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orders-key-'))
    const sealed = keyProtector('set in the environment').seal(new Uint8Array([1]))
    const p = await loadKeyProtector({ signingKey: 'set in the environment', signingKeyFile: join(dir, 'signing.key') })
    expect(p.open(sealed)).toEqual(new Uint8Array([1]))
    expect(() => statSync(join(dir, 'signing.key'))).toThrow()
  })
})
