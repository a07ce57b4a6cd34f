import { describe, expect, it } from 'vitest'
import { gostEngineAvailable } from '../../src/documents/signing/gost/openssl'
import { testDatabases } from '../support/databases'
import { makeGostCa } from '../support/gost-pki'
import { useHarness } from '../support/harness'
import { hasTool } from '../support/tools'

const ready = hasTool('openssl') && (await gostEngineAvailable())
if (!ready && process.env.REQUIRE_TOOLS === '1') throw new Error('the GOST engine of openssl is required')

const b64 = (der: Uint8Array) => Buffer.from(der).toString('base64')
const pem = (der: Uint8Array, label = 'CERTIFICATE') =>
  `-----BEGIN ${label}-----\n${b64(der).replace(/(.{64})/g, '$1\n')}\n-----END ${label}-----\n`

/** The official list's shape: one standing CA and one whose accreditation ended, each with its certificate. */
const trustedListXml = (standing: Uint8Array, ended: Uint8Array) => `<?xml version="1.0" encoding="UTF-8"?>
<АккредитованныеУдостоверяющиеЦентры><Версия>16326</Версия><Дата>2026-08-26T00:00:00Z</Дата>
${[
  [standing, 'Действует'],
  [ended, 'Прекращена'],
]
  .map(
    ([der, status]) => `<УдостоверяющийЦентр><Название>УЦ</Название>
<СтатусАккредитации><Статус>${status}</Статус><ДействуетС>2022-01-01T00:00:00Z</ДействуетС></СтатусАккредитации>
<ПрограммноАппаратныеКомплексы><ПрограммноАппаратныйКомплекс><Псевдоним>ПАК</Псевдоним><КлючиУполномоченныхЛиц><Ключ>
<ИдентификаторКлюча>00</ИдентификаторКлюча><Сертификаты><ДанныеСертификата><Отпечаток>00</Отпечаток>
<Данные>${b64(der as Uint8Array)}</Данные></ДанныеСертификата></Сертификаты></Ключ></КлючиУполномоченныхЛиц>
</ПрограммноАппаратныйКомплекс></ПрограммноАппаратныеКомплексы></УдостоверяющийЦентр>`,
  )
  .join('\n')}
</АккредитованныеУдостоверяющиеЦентры>`

describe.skipIf(!ready).each(testDatabases())('the trusted list of accredited CAs ($name)', ({ open }) => {
  const h = useHarness(open)
  const post = async (path: string, token: string, body: BodyInit, type = 'application/octet-stream') => {
    const res = await h.app.request(path, {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
    })
    return { status: res.status, body: await res.json() }
  }
  const list = async (token: string, query = '') =>
    (await h.call('GET', `/api/trust/certificates${query}`, { token })).body

  it('takes a certificate in DER, PEM or Base64 whatever the content type, once, and lists it', async () => {
    const ca = makeGostCa('УЦ Федерального казначейства (тест)')
    const admin = h.orgs[0]!.admin
    const added = await post('/api/trust/certificates', admin, ca.certificate as BodyInit, 'application/json')
    expect(added.status).toBe(201)
    expect(added.body).toMatchObject({ source: 'certificate', alreadyTrusted: 0 })
    expect(added.body.added.map((c: { commonName: string }) => c.commonName)).toEqual([
      'УЦ Федерального казначейства (тест)',
    ])
    for (const again of [pem(ca.certificate), b64(ca.certificate)]) {
      const second = await post('/api/trust/certificates', admin, again, 'text/plain')
      expect(second.status).toBe(201)
      expect(second.body).toMatchObject({ added: [], alreadyTrusted: 1 })
    }
    const listed = await list(admin)
    expect(listed.certificates.map((c: { commonName: string }) => c.commonName)).toContain(
      'УЦ Федерального казначейства (тест)',
    )
    // sealed: the other organization's admin sees nothing of it and cannot remove it
    const other = h.orgs[1]!.admin
    expect((await list(other)).certificates).toEqual([])
    const id = added.body.added[0].id
    expect((await h.call('DELETE', `/api/trust/certificates/${id}`, { token: other })).status).toBe(403)
    expect((await h.call('DELETE', `/api/trust/certificates/${id}`, { token: admin })).status).toBe(200)
    expect((await list(admin)).certificates.map((c: { id: string }) => c.id)).not.toContain(id)
    expect((await h.call('DELETE', `/api/trust/certificates/${id}`, { token: admin })).status).toBe(404)
  })

  it('takes the official XML list: the standing CAs, not those whose accreditation ended', async () => {
    const standing = makeGostCa('Действующий УЦ')
    const ended = makeGostCa('Бывший УЦ')
    const xml = trustedListXml(standing.certificate, ended.certificate)
    const res = await post('/api/trust/certificates', h.orgs[1]!.admin, `\uFEFF${xml}`, 'application/pdf')
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ source: 'trusted-list', skipped: 1 })
    expect(res.body.added.map((c: { commonName: string }) => c.commonName)).toEqual(['Действующий УЦ'])
  })

  it('the installation admin names the organization; others may not, and a clerk may not at all', async () => {
    const ca = makeGostCa('УЦ установки')
    const root = await h.installationAdmin()
    expect((await post('/api/trust/certificates', root, ca.certificate as BodyInit)).status).toBe(422)
    const named = await post(
      `/api/trust/certificates?organizationId=${h.orgs[1]!.id}`,
      root,
      ca.certificate as BodyInit,
    )
    expect(named.status).toBe(201)
    expect(named.body.organizationId).toBe(h.orgs[1]!.id)
    const foreign = await post(
      `/api/trust/certificates?organizationId=${h.orgs[1]!.id}`,
      h.orgs[0]!.admin,
      ca.certificate as BodyInit,
    )
    expect(foreign.status).toBe(403)
    expect((await post('/api/trust/certificates', h.orgs[0]!.clerk, ca.certificate as BodyInit)).status).toBe(403)
    expect((await h.call('GET', '/api/trust/certificates', { token: h.orgs[0]!.clerk })).status).toBe(403)
  })

  it.each([
    ['garbage', new Uint8Array([0x30, 0x03, 1, 2, 3]), /не читается/],
    ['an empty body', new Uint8Array(), /пусто/],
    ['XML of something else', new TextEncoder().encode('<?xml version="1.0"?><a/>'), /не список аккредитованных/],
    ['a text', new TextEncoder().encode('здравствуйте'), /не сертификат/],
  ])('refuses %s with 422 and stores nothing', async (_, body, reason) => {
    const admin = h.orgs[0]!.admin
    const before = (await list(admin)).certificates.length
    const res = await post('/api/trust/certificates', admin, body as BodyInit)
    expect(res.status).toBe(422)
    expect(res.body.error.message).toMatch(reason)
    expect((await list(admin)).certificates.length).toBe(before)
  })

  it('refuses a user certificate (not a CA) and a body over the limit', async () => {
    const ca = makeGostCa('УЦ с директором')
    const person = ca.issue({ commonName: 'Не УЦ', snils: '11223344595' })
    const res = await post('/api/trust/certificates', h.orgs[0]!.admin, person.certificate as BodyInit)
    expect(res.status).toBe(422)
    expect(res.body.error.message).toMatch(/не сертификат удостоверяющего центра/)
    const huge = await post('/api/trust/certificates', h.orgs[0]!.admin, new Uint8Array(41 * 1024 * 1024) as BodyInit)
    expect(huge.status).toBe(413)
  })

  it('loads a CRL of a trusted CA whose signature holds, newest kept; refuses others', async () => {
    const admin = h.orgs[0]!.admin
    const ca = makeGostCa('УЦ со списком отзыва')
    await post('/api/trust/certificates', admin, ca.certificate as BodyInit)
    const person = ca.issue({ commonName: 'Отозванный Директор', snils: '11223344595' })
    const older = ca.crl()
    ca.revoke(person)
    await new Promise((r) => setTimeout(r, 1100)) // CRL times are in whole seconds
    const newer = ca.crl()
    const loaded = await post('/api/trust/crls', admin, pem(newer, 'X509 CRL'), 'text/plain')
    expect(loaded.status).toBe(201)
    expect(loaded.body).toMatchObject({ revoked: 1 })
    const stale = await post('/api/trust/crls', admin, older as BodyInit)
    expect(stale.status).toBe(409)
    // not on the list: the CRL of a CA the organization does not trust
    const stranger = makeGostCa('Чужой УЦ со списком')
    const untrusted = await post('/api/trust/crls', admin, stranger.crl() as BodyInit)
    expect(untrusted.status).toBe(422)
    expect(untrusted.body.error.message).toMatch(/не в списке доверенных/)
    // the same name, another key: a forged CRL
    const forger = makeGostCa('УЦ со списком отзыва')
    const forged = await post('/api/trust/crls', admin, forger.crl() as BodyInit)
    expect(forged.status).toBe(422)
    expect(forged.body.error.message).toMatch(/не сходится/)
    expect((await post('/api/trust/crls', admin, new Uint8Array([1, 2, 3]) as BodyInit)).status).toBe(422)
  })
})
