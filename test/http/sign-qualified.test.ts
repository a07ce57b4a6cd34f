import { count, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { orders, qualifiedSignatures } from '../../src/db/schema'
import { gostEngineAvailable } from '../../src/documents/signing/gost/openssl'
import { testDatabases } from '../support/databases'
import { foreignSignature, makeGostCa, opensslVerifies } from '../support/gost-pki'
import { sampleContent, tokenOf, useHarness } from '../support/harness'
import { routeOf } from '../support/people'
import { hasTool } from '../support/tools'

const ready = hasTool('openssl') && (await gostEngineAvailable())
if (!ready && process.env.REQUIRE_TOOLS === '1') throw new Error('the GOST engine of openssl is required')

const SNILS = '11223344595'
const approver = { name: 'Иванова Ирина Петровна', position: 'Заместитель начальника', email: 'kep-dep@test.local' }
const director = { name: 'Смирнова Елена Викторовна', position: 'Начальник управления', email: 'kep-dir@test.local' }

describe.skipIf(!ready).each(testDatabases())(
  'the director signs with a qualified signature, КЭП ($name)',
  ({ open }) => {
    const h = useHarness(open)
    const route = routeOf(h, [approver], director)

    it('refuses every wrong .sig with its reason and stores nothing, then signs with the right one', async () => {
      // the certificates are dated by the real clock: the service's clock is set to it
      await h.setClock(new Date())
      const admin = h.orgs[0]!.admin
      const clerk = h.orgs[0]!.clerk
      const ca = makeGostCa('УЦ Федерального казначейства (тест)')
      const trusted = await h.app.request('/api/trust/certificates', {
        method: 'POST',
        body: ca.certificate as BodyInit,
        headers: { authorization: `Bearer ${admin}` },
      })
      expect(trusted.status).toBe(201)
      const people = await route()
      const directorId = people.signer.userId
      expect(
        (await h.call('PATCH', `/api/users/${directorId}`, { token: admin, body: { snils: '112-233-445 95' } })).status,
      ).toBe(200)
      const theirs = ca.issue({ commonName: director.name, snils: SNILS, inn: '500100732259' })

      const id = (await h.call('POST', '/api/orders', { token: clerk, body: sampleContent() })).body.id as string
      const links = (
        await h.call('POST', `/api/orders/${id}/submit`, { token: clerk, body: { ...people, sequential: true } })
      ).body.links as { url: string }[]
      const [visa, sign] = links.map((l) => tokenOf(l.url)) as [string, string]
      const directorToken = h.personTokens.get(directorId)!
      const pinned = async () => {
        const res = await h.app.request(`/api/links/${sign}/document.pdf`, {
          headers: { authorization: `Bearer ${directorToken}` },
        })
        expect(res.status).toBe(200)
        return new Uint8Array(await res.arrayBuffer())
      }
      const upload = async (body: Uint8Array | string) => {
        const res = await h.app.request(`/api/links/${sign}/sign-qualified`, {
          method: 'POST',
          body: body as BodyInit,
          headers: { authorization: `Bearer ${directorToken}`, 'content-type': 'application/octet-stream' },
        })
        return { status: res.status, body: await res.json() }
      }
      // signed before the visa: the file pinned then is an earlier revision
      const before = await pinned()
      const early = theirs.sign(before)
      expect((await h.call('POST', `/api/links/${visa}/approve`, { body: {} })).status).toBe(200)
      const file = await pinned()
      expect(Buffer.from(file).equals(Buffer.from(before))).toBe(false)
      const stranger = makeGostCa('Чужой УЦ').issue({ commonName: director.name, snils: SNILS })
      const colleague = ca.issue({ commonName: 'Другой Человек', snils: '08765430300' })
      const wrong: [string, Uint8Array | string, number, RegExp][] = [
        ['an earlier version', early, 422, /не над этим файлом/],
        ['another file', theirs.sign(new Uint8Array([...file, 0x0a])), 422, /не над этим файлом/],
        ['a CA not in the list', stranger.sign(file), 422, /нет в списке доверенных/],
        ["another person's certificate", colleague.sign(file), 422, /СНИЛС в сертификате не совпадает/],
        ['an RSA signature', foreignSignature(file, 'rsa'), 422, /не по ГОСТ Р 34\.10-2012/],
        ['an ECDSA signature', foreignSignature(file, 'ec'), 422, /не по ГОСТ Р 34\.10-2012/],
        ['an attached CMS', theirs.sign(file, { attached: true }), 422, /присоединённая/],
        ['a truncated DER', theirs.sign(file).subarray(0, 200), 422, /не читается/],
        ['garbage', 'это не подпись', 422, /не в DER и не в Base64/],
        ['a 50 MB body', new Uint8Array(50 * 1024 * 1024), 413, /больше/],
      ]
      for (const [what, body, status, reason] of wrong) {
        const res = await upload(body)
        expect({ what, status: res.status }).toEqual({ what, status })
        expect(res.body.error.message, what).toMatch(reason)
      }
      const [stored] = await h.deps.db.select({ n: count() }).from(qualifiedSignatures)
      expect(stored?.n).toBe(0)
      expect((await h.deps.db.select().from(orders).where(eq(orders.id, id)))[0]!.status).toBe('signature')

      // the page offers the download and the upload to its signed-in signer
      const page = await h.call('GET', `/links/${sign}`)
      expect(page.status).toBe(200)
      expect(page.text).toContain(`href="/api/links/${sign}/document.pdf"`)
      expect(page.text).toContain('id="sign-qualified"')
      // as КриптоАРМ saves it: Base64 text
      const good = theirs.sign(file)
      const signed = await upload(Buffer.from(good).toString('base64'))
      expect(signed.body).toEqual({ status: 'signed' })
      expect(signed.status).toBe(200)
      const kept = await h.deps.db.select().from(qualifiedSignatures).where(eq(qualifiedSignatures.orderId, id))
      expect(kept).toHaveLength(1)
      expect(kept[0]).toMatchObject({ owner: director.name, issuer: 'УЦ Федерального казначейства (тест)' })
      // the kept .sig verifies with openssl's GOST engine over the pinned bytes, and carries the service's time stamp
      expect(opensslVerifies(kept[0]!.signature, file, ca.certificateFile)).toBe(true)
      expect(Buffer.from(kept[0]!.signature).includes(Buffer.from(good))).toBe(false)
      expect(kept[0]!.signature.length).toBeGreaterThan(good.length + 500)
      // the pinned bytes are the first bytes of the signed file
      const signedPdf = await h.app.request(`/api/orders/${id}/signed.pdf`, {
        headers: { authorization: `Bearer ${clerk}` },
      })
      const bytes = new Uint8Array(await signedPdf.arrayBuffer())
      expect(Buffer.from(bytes.subarray(0, file.length)).equals(Buffer.from(file))).toBe(true)
      // the link is used: a second upload is refused
      expect((await upload(good)).status).toBe(410)
    })
  },
)
