import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { listOrganizationEvents } from '../../src/db/audit'
import { registerOrder } from '../support/control'
import { testDatabases } from '../support/databases'
import { sampleContent, useHarness } from '../support/harness'
import { pngOf } from '../support/images'
import { directorId } from '../support/people'
import { hasTool, run } from '../support/tools'

const dir = mkdtempSync(join(tmpdir(), 'org-profile-'))

describe.each(testDatabases())('the organization profile ($name)', ({ open }) => {
  const h = useHarness(open)
  const admin = () => h.orgs[0]!.admin
  const clerk = () => h.orgs[0]!.clerk
  const patch = (body: unknown, { id = h.orgs[0]!.id, token = admin() } = {}) =>
    h.call('PATCH', `/api/organizations/${id}`, { token, body })

  /** The words of an order's current PDF, as pdftotext reads them. */
  const pdfText = async (path: string) => {
    const res = await h.app.request(path, { headers: { authorization: `Bearer ${clerk()}` } })
    expect(res.status).toBe(200)
    const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`)
    writeFileSync(file, new Uint8Array(await res.arrayBuffer()))
    return { file, text: run('pdftotext', [file, '-']).replace(/\s+/g, ' ') }
  }
  const draft = async (content = sampleContent()) => {
    const res = await h.call('POST', '/api/orders', { token: clerk(), body: content })
    expect(res.status).toBe(201)
    return res.body.id as string
  }

  it.runIf(hasTool('pdftotext'))(
    'a renamed organization prints on the next draft, never on an order registered before',
    async () => {
      const registered = await registerOrder(h, sampleContent())
      const before = await draft()
      const changed = await patch({
        parent: ['АДМИНИСТРАЦИЯ ГОРОДА НОВОГРАДА'],
        name: ['КОМИТЕТ ПО ОБРАЗОВАНИЮ'],
        place: 'г. Новоград',
        directives: { prikaz: 'ПРИКАЗЫВАЮ:' },
        defaultSignerId: directorId(1),
      })
      expect(changed.status).toBe(200)
      expect(changed.body).toMatchObject({
        name: ['КОМИТЕТ ПО ОБРАЗОВАНИЮ'],
        place: 'г. Новоград',
        directives: { prikaz: 'ПРИКАЗЫВАЮ:' },
        defaultSignerId: directorId(1),
      })

      // the default signer: the editor's new order starts with them, the submit form chooses them
      const editor = await h.call('GET', '/orders/new', { token: clerk() })
      expect(editor.text).toContain(
        '"defaults":{"kind":"prikaz","signer":{"position":"Директор","name":"С.Н. Петров"}}',
      )
      const people = (await h.call('GET', '/api/people', { token: clerk() })).body.items
      expect(
        people.filter((p: { defaultSigner: boolean }) => p.defaultSigner).map((p: { id: string }) => p.id),
      ).toEqual([directorId(1)])

      const next = (await pdfText(`/api/orders/${await draft()}/document.pdf`)).text
      expect(next).toContain('АДМИНИСТРАЦИЯ ГОРОДА НОВОГРАДА')
      expect(next).toContain('КОМИТЕТ ПО ОБРАЗОВАНИЮ')
      expect(next).toContain('г. Новоград')
      expect(next).toContain('ПРИКАЗЫВАЮ:')
      expect(next).not.toContain('п р и к а з ы в а ю')

      // saved before the change: the registered order and the earlier draft print what they were saved with
      for (const path of [
        `/api/orders/${registered}/document.pdf`,
        `/api/orders/${registered}/registered.pdf`,
        `/api/orders/${before}/document.pdf`,
      ]) {
        const { text } = await pdfText(path)
        expect(text).toContain('УПРАВЛЕНИЕ ОБРАЗОВАНИЯ')
        expect(text).not.toContain('КОМИТЕТ ПО ОБРАЗОВАНИЮ')
        expect(text).toContain('п р и к а з ы в а ю')
      }
      // the earlier draft takes the profile when it is edited: a new version pins the letterhead anew
      expect((await h.call('PUT', `/api/orders/${before}`, { token: clerk(), body: sampleContent() })).status).toBe(200)
      expect((await pdfText(`/api/orders/${before}/document.pdf`)).text).toContain('КОМИТЕТ ПО ОБРАЗОВАНИЮ')

      // an order's own block wins over the profile
      const own = await draft(sampleContent({ organization: { name: ['ШКОЛА № 7'], place: 'пос. Лесной' } }))
      const ownText = (await pdfText(`/api/orders/${own}/document.pdf`)).text
      expect(ownText).toContain('ШКОЛА № 7')
      expect(ownText).not.toContain('КОМИТЕТ ПО ОБРАЗОВАНИЮ')
    },
  )

  it.runIf(hasTool('pdfimages'))('prints the emblem above the letterhead of a new draft; null removes it', async () => {
    const withLogo = await patch({ logo: { data: pngOf(40, 48).toString('base64') } })
    expect(withLogo.status).toBe(200)
    expect(withLogo.body.logo).toMatch(/^[0-9a-f]{64}$/)
    const { file } = await pdfText(`/api/orders/${await draft()}/document.pdf`)
    expect(run('pdfimages', ['-list', file])).toMatch(/\s40\s+48\s+rgb/)

    expect((await patch({ logo: null })).body.logo).toBeNull()
    const { file: plain } = await pdfText(`/api/orders/${await draft()}/document.pdf`)
    expect(run('pdfimages', ['-list', plain])).not.toMatch(/\s40\s+48\s+rgb/)
  })

  it('refuses a kind the organization does not issue, and directive words for it', async () => {
    expect((await patch({ kinds: ['prikaz'] })).status).toBe(200)
    const refused = await h.call('POST', '/api/orders', {
      token: clerk(),
      body: sampleContent({ kind: 'rasporyazhenie' }),
    })
    expect(refused.status).toBe(422)
    expect(refused.body.error.message).toContain('распоряжение')
    const words = await patch({ directives: { rasporyazhenie: 'ОБЯЗЫВАЮ:' } })
    expect(words.status).toBe(422)
    expect(words.body.error.details[0].path).toBe('directives.rasporyazhenie')
    expect((await patch({ kinds: ['prikaz', 'rasporyazhenie'] })).status).toBe(200)
    expect(
      (await h.call('POST', '/api/orders', { token: clerk(), body: sampleContent({ kind: 'rasporyazhenie' }) })).status,
    ).toBe(201)
  })

  it('refuses bad input with a 4xx naming it, and changes nothing', async () => {
    const before = (await h.call('GET', '/api/organizations', { token: admin() })).body.items[0]
    const cases: [unknown, number, string][] = [
      [{ name: [] }, 422, 'name'],
      [{ name: ['ИМЯ\u0000'] }, 422, 'name.0'],
      [{ defaultSignerId: directorId(0, 1) }, 422, 'defaultSignerId'], // a director of the other organization
      [{ defaultSignerId: h.orgs[0]!.id }, 422, 'defaultSignerId'], // no such person
      [{ kinds: ['prikaz', 'prikaz'] }, 422, 'kinds'],
      [{ logo: { data: Buffer.from('GIF89a not an emblem').toString('base64') } }, 422, 'logo'],
      [{ logo: { data: pngOf(40, 48).subarray(0, 60).toString('base64') } }, 422, 'logo'],
      [{ place: 'г. Город', color: 'red' }, 422, ''],
    ]
    for (const [body, status, path] of cases) {
      const res = await patch(body)
      expect(res.status, JSON.stringify(body)).toBe(status)
      expect(JSON.stringify(res.body.error.details ?? [])).toContain(`"path":"${path}`)
    }
    // a clerk's own organization: admin only
    expect((await patch({ place: 'x' }, { token: clerk() })).status).toBe(403)
    // another organization's profile, and one that does not exist
    expect((await patch({ place: 'x' }, { id: h.orgs[1]!.id })).status).toBe(403)
    expect((await patch({ place: 'x' }, { id: '00000000-0000-4000-8000-000000000000' })).status).toBe(403)
    const root = await h.installationAdmin()
    expect((await patch({ place: 'x' }, { id: '00000000-0000-4000-8000-000000000000', token: root })).status).toBe(404)
    expect((await h.call('GET', '/api/organizations', { token: admin() })).body.items[0]).toEqual(before)
  })

  it('records every change as an event of the organization, with what it was and what it became', async () => {
    const root = await h.installationAdmin()
    const res = await patch({ place: 'г. Смоленск' }, { id: h.orgs[1]!.id, token: root })
    expect(res.status).toBe(200)
    const [last] = await listOrganizationEvents(h.deps.db, h.orgs[1]!.id, ['organization_changed'])
    expect(last!.actorName).toBe('Администратор установки')
    expect(last!.data).toEqual({ fields: ['place'], before: { place: 'Смоленск' }, after: { place: 'г. Смоленск' } })
    // a change to what it already is records nothing
    expect((await patch({ place: 'г. Смоленск' }, { id: h.orgs[1]!.id, token: root })).status).toBe(200)
    expect(await listOrganizationEvents(h.deps.db, h.orgs[1]!.id, ['organization_changed'])).toHaveLength(1)
  })
})
