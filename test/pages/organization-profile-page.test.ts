import { describe, expect, it } from 'vitest'
import { testDatabases } from '../support/databases'
import { useHarness } from '../support/harness'
import { pngOf } from '../support/images'
import { directorAccount, directorId } from '../support/people'
import { signInByForm } from '../support/session'

describe.each(testDatabases())('the organization profile page ($name)', ({ open }) => {
  const h = useHarness(open)
  const path = () => `/admin/organizations/${h.orgs[0]!.id}`

  /** The profile form as the admin's browser posts it: the page's fields, with the session's token. */
  const post = async (
    session: { session: string; csrf: string },
    fields: Record<string, string | Blob>,
    to = path(),
  ) => {
    const form = new FormData()
    form.set('_csrf', session.csrf)
    for (const [k, v] of Object.entries(fields)) form.set(k, v)
    return h.app.request(to, { method: 'POST', headers: { cookie: session.session }, body: form })
  }
  const base = {
    name: 'УПРАВЛЕНИЕ ОБРАЗОВАНИЯ',
    parent: '',
    place: 'Смоленск',
    'kind-prikaz': 'on',
    'kind-rasporyazhenie': 'on',
  }

  it('shows the profile, saves the form (emblem included) and lists the change in its history', async () => {
    const admin = await signInByForm(h.app, 'admin0@test.local')
    const page = await (await h.app.request(path(), { headers: { cookie: admin.session } })).text()
    expect(page).toContain('Профиль организации')
    expect(page).toContain('>УПРАВЛЕНИЕ ОБРАЗОВАНИЯ</textarea>')
    // the signers offered: active directors with a position
    expect(page).toContain(directorAccount(0).name)

    const saved = await post(admin, {
      ...base,
      name: 'КОМИТЕТ\r\nПО ОБРАЗОВАНИЮ',
      parent: 'АДМИНИСТРАЦИЯ ГОРОДА',
      'directive-prikaz': 'ПРИКАЗЫВАЮ:',
      defaultSignerId: directorId(2),
      logo: new File([pngOf(20, 20)], 'герб.png', { type: 'image/png' }),
    })
    expect(saved.status).toBe(303)
    expect(saved.headers.get('location')).toBe(`${path()}?done=saved`)
    const after = (await h.call('GET', '/api/organizations', { token: h.orgs[0]!.admin })).body.items[0]
    expect(after).toMatchObject({
      name: ['КОМИТЕТ', 'ПО ОБРАЗОВАНИЮ'],
      parent: ['АДМИНИСТРАЦИЯ ГОРОДА'],
      directives: { prikaz: 'ПРИКАЗЫВАЮ:' },
      defaultSignerId: directorId(2),
    })
    expect(after.logo).toMatch(/^[0-9a-f]{64}$/)
    const shown = await (await h.app.request(`${path()}?done=saved`, { headers: { cookie: admin.session } })).text()
    expect(shown).toContain('Сохранено.')
    expect(shown).toContain('src="data:image/png;base64,')
    expect(shown).toMatch(
      /изменено: наименование, вышестоящий орган, распорядительные слова, подписант по умолчанию, эмблема/,
    )

    // blank fields clear what may be empty; the emblem is removed by its box
    expect((await post(admin, { ...base, removeLogo: 'on' })).status).toBe(303)
    expect((await h.call('GET', '/api/organizations', { token: h.orgs[0]!.admin })).body.items[0]).toMatchObject({
      name: ['УПРАВЛЕНИЕ ОБРАЗОВАНИЯ'],
      parent: [],
      directives: {},
      defaultSignerId: null,
      logo: null,
    })
  })

  it('shows a refusal on the page with what is wrong, and changes nothing', async () => {
    const admin = await signInByForm(h.app, 'admin0@test.local')
    const before = (await h.call('GET', '/api/organizations', { token: h.orgs[0]!.admin })).body.items[0]
    const refused = await post(admin, {
      ...base,
      name: 'НОВОЕ ИМЯ',
      logo: new File([Buffer.from('not an image')], 'x.png', { type: 'image/png' }),
    })
    expect(refused.status).toBe(422)
    const html = await refused.text()
    expect(html).toContain('role="alert"')
    expect(html).toContain('нужен файл PNG или JPEG')
    const none = await post(admin, { name: 'НОВОЕ ИМЯ' }) // no kind ticked
    expect(none.status).toBe(422)
    expect(await none.text()).toContain('хотя бы один вид документов')
    expect((await h.call('GET', '/api/organizations', { token: h.orgs[0]!.admin })).body.items[0]).toEqual(before)
  })

  it("is the admin's, of their own organization only", async () => {
    const admin = await signInByForm(h.app, 'admin0@test.local')
    const other = `/admin/organizations/${h.orgs[1]!.id}`
    expect((await h.app.request(other, { headers: { cookie: admin.session } })).status).toBe(403)
    expect((await post(admin, base, other)).status).toBe(403)
    const clerk = await signInByForm(h.app, 'clerk0@test.local')
    expect((await h.app.request(path(), { headers: { cookie: clerk.session } })).status).toBe(403)
    expect((await post(clerk, base)).status).toBe(403)
    expect((await h.app.request(path())).status).toBe(302)
  })
})
