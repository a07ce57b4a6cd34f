import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findCa, revokeHolderCredentials } from '../../src/db/signing-credentials'
import { describeCertificate } from '../../src/documents/signing/certificates'
import { personSigner, sealSigner } from '../../src/services/keys'
import { testDatabases } from '../support/databases'
import { useHarness } from '../support/harness'
import { hasTool, run } from '../support/tools'

const tmp = mkdtempSync(join(tmpdir(), 'orders-ca-'))
/** A date as openssl prints it: «Mar 10 09:01:00 2026 GMT». */
const opensslDate = (d: Date) => {
  const [, day, month, year, time] = d.toUTCString().split(' ')
  return `${month} ${day!.replace(/^0/, ' ')} ${time} ${year} GMT`
}
const person = { email: 'Teacher@Test.Local', name: 'Учительница Анна Львовна', position: 'Учитель' }

describe.each(testDatabases())('the organization CA published ($name)', ({ open }) => {
  const h = useHarness(open)
  const get = (path: string) => h.app.request(path)
  const caPemOf = async (org: string) => {
    const der = join(tmp, `${org}.der`)
    writeFileSync(der, (await findCa(h.deps.db, org))!.certificate)
    const pem = join(tmp, `${org}.pem`)
    writeFileSync(pem, run('openssl', ['x509', '-inform', 'DER', '-in', der]))
    return pem
  }
  const crlText = async (path: string, caPem: string) => {
    const res = await get(path)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pkix-crl')
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/)
    const file = join(tmp, `${Math.random()}.crl`)
    writeFileSync(file, new Uint8Array(await res.arrayBuffer()))
    return run('sh', ['-c', `openssl crl -inform DER -in ${file} -CAfile ${caPem} -text 2>&1`])
  }

  it.runIf(hasTool('openssl'))('GET /ca/<organization id>.pem is the CA certificate, to anyone', async () => {
    for (const org of h.orgs) {
      const res = await get(`/ca/${org.id}.pem`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/x-pem-file')
      const pem = await res.text()
      expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/)
      writeFileSync(join(tmp, 'got.pem'), pem)
      const der = run('sh', ['-c', `openssl x509 -in ${tmp}/got.pem -outform DER | base64 -w0`])
      expect(der).toBe(Buffer.from((await findCa(h.deps.db, org.id))!.certificate).toString('base64'))
    }
    // each organization its own
    const [a, b] = await Promise.all(h.orgs.map(async (o) => (await get(`/ca/${o.id}.pem`)).text()))
    expect(a).not.toBe(b)
    // the id in upper case is the same organization
    expect(await (await get(`/ca/${h.orgs[0]!.id.toUpperCase()}.pem`)).text()).toBe(a)
  })

  it('an unknown organization, a malformed id or another file type: 404 with a Russian message', async () => {
    for (const path of [
      '/ca/00000000-0000-4000-8000-000000000000.pem',
      '/ca/00000000-0000-4000-8000-000000000000.crl',
      '/ca/УПРАВЛЕНИЕ.pem',
      '/ca/1.crl',
      `/ca/${h.orgs[0]!.id}.der`,
      `/ca/${h.orgs[0]!.id}-tsa.pem`,
      `/ca/${h.orgs[0]!.id}`,
    ]) {
      const res = await h.call('GET', path, { headers: { accept: 'application/json' } })
      expect(res.status, path).toBe(404)
      expect(res.body.error.message, path).toMatch(/[а-я]/)
    }
  })

  it.runIf(hasTool('openssl'))(
    'GET /ca/<organization id>.crl: a fresh CRL under the CA, listing a revoked certificate as soon as it is revoked',
    async () => {
      const org = h.orgs[0]!.id
      const caPem = await caPemOf(org)
      const signer = await personSigner(h.deps.db, h.deps, org, person, h.clock.now())
      const serial = describeCertificate(signer.certificateChain[0]!).serialNumber
      const before = await crlText(`/ca/${org}.crl`, caPem)
      expect(before).toContain('verify OK')
      expect(before).toContain('No Revoked Certificates')
      const date = (text: string, label: string) => new Date(new RegExp(`${label}: (.+)`).exec(text)![1]!)
      expect(date(before, 'Next Update').getTime() - date(before, 'Last Update').getTime()).toBe(24 * 3600 * 1000)

      // disabled: revoked a minute later; the next request lists it, though the CRL kept is not an hour old
      h.clock.set(new Date(h.clock.now().getTime() + 60_000))
      const revokedAt = h.clock.now()
      expect(
        await revokeHolderCredentials(h.deps.db, org, 'teacher@test.local', revokedAt, 'affiliationChanged'),
      ).toEqual([serial])
      const after = await crlText(`/ca/${org}.crl`, caPem)
      expect(after).toContain('verify OK')
      expect(after).toMatch(new RegExp(`Serial Number: ${serial}\\s+Revocation Date: ${opensslDate(revokedAt)}`))
      expect(after).toContain('Affiliation Changed')
      // the other organization's list does not name it
      const other = h.orgs[1]!.id
      expect(await crlText(`/ca/${other}.crl`, await caPemOf(other))).toContain('No Revoked Certificates')
      // the time-stamping unit's list: the same CA, its own distribution point, answering until the CA ends
      const tsa = await crlText(`/ca/${org}-tsa.crl`, caPem)
      expect(tsa).toContain('verify OK')
      expect(tsa).toContain(`URI:http://orders.test/ca/${org}-tsa.crl`)
      expect(date(tsa, 'Next Update')).toEqual(
        describeCertificate((await findCa(h.deps.db, org))!.certificate).notAfter,
      )

      // a revoked certificate signs nothing more: the person gets a new one if they sign again
      const again = await personSigner(h.deps.db, h.deps, org, person, h.clock.now())
      expect(describeCertificate(again.certificateChain[0]!).serialNumber).not.toBe(serial)
    },
  )

  it.runIf(hasTool('openssl'))(
    'the CRL kept is issued again after an hour, and no sooner while nothing is revoked',
    async () => {
      const org = h.orgs[0]!.id
      const caPem = await caPemOf(org)
      const first = await crlText(`/ca/${org}.crl`, caPem)
      h.clock.set(new Date(h.clock.now().getTime() + 30 * 60_000))
      expect(await crlText(`/ca/${org}.crl`, caPem)).toBe(first)
      h.clock.set(new Date(h.clock.now().getTime() + 31 * 60_000))
      const later = await crlText(`/ca/${org}.crl`, caPem)
      expect(later).toContain('verify OK')
      expect(later).not.toBe(first)
    },
  )

  it.runIf(hasTool('openssl'))('certificates issued now name the organization’s CRL', async () => {
    const org = h.orgs[0]!.id
    const certs = [
      (await personSigner(h.deps.db, h.deps, org, { ...person, email: 'x@test.local' }, h.clock.now()))
        .certificateChain[0]!,
      (await sealSigner(h.deps.db, h.deps, org, h.clock.now())).certificateChain[0]!,
    ]
    for (const [i, der] of certs.entries()) {
      writeFileSync(join(tmp, `c${i}.der`), der)
      const text = run('openssl', ['x509', '-inform', 'DER', '-in', join(tmp, `c${i}.der`), '-noout', '-text'])
      expect(text).toContain(`URI:http://orders.test/ca/${org}.crl\n`)
    }
  })

  it('the /verify page links each CA certificate and says how to trust it in Adobe Reader and pdfsig', async () => {
    const page = await h.call('GET', '/verify')
    expect(page.status).toBe(200)
    for (const org of h.orgs) expect(page.text).toContain(`href="/ca/${org.id}.pem"`)
    expect(page.text).toContain('Adobe Reader')
    expect(page.text).toContain('certutil -A -d sql:')
    expect(page.text).toContain('-t &quot;CT,C,C&quot;')
  })

  it('the routes are in the OpenAPI description with their answers', async () => {
    const spec = (await h.call('GET', '/openapi.json')).body
    expect(Object.keys(spec.paths['/ca/{file}'].get.responses).sort()).toEqual(['200', '404', '503'])
  })
})
