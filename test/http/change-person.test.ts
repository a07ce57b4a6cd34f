import { describe, expect, it } from 'vitest'
import { listOrganizationEvents } from '../../src/db/audit'
import { findUserByEmail } from '../../src/db/users'
import { testDatabases } from '../support/databases'
import { PASSWORD, sampleContent, tokenOf, useHarness } from '../support/harness'
import { director } from '../support/people'

describe.each(testDatabases())('an admin changes a person (PATCH /api/users/:id) ($name)', ({ open }) => {
  const h = useHarness(open)
  const admin = () => h.orgs[0]!.admin
  const patch = (id: string, body: unknown, token = admin()) => h.call('PATCH', `/api/users/${id}`, { token, body })
  const user = async (email: string) =>
    (await h.call('GET', '/api/people', { token: h.orgs[0]!.clerk })).body.items.find(
      (p: { email: string }) => p.email === email,
    )
  const newAdmin = async (email: string, org = 0) => {
    const made = await h.call('POST', '/api/users', {
      token: h.orgs[org]!.admin,
      body: { email, name: 'Второй Администратор', role: 'admin', password: PASSWORD },
    })
    expect(made.status).toBe(201)
    return made.body.id as string
  }

  it('changes name, position, role and e-mail; the old certificate is revoked; the change is an event', async () => {
    const person = await h.addPerson({ name: 'Орлова Марина Сергеевна', email: 'orlova@test.local' })
    // a visa, so that she holds a certificate in her old name
    const id = (await h.call('POST', '/api/orders', { token: h.orgs[0]!.clerk, body: sampleContent() })).body.id
    const route = await h.call('POST', `/api/orders/${id}/submit`, {
      token: h.orgs[0]!.clerk,
      body: { approvers: [{ userId: person.userId }], signer: director() },
    })
    expect((await h.call('POST', `/api/links/${tokenOf(route.body.links[0].url)}/approve`, { body: {} })).status).toBe(
      200,
    )

    const changed = await patch(person.userId, {
      name: 'Кузнецова Марина Сергеевна',
      position: 'Начальник отдела',
      role: 'controller',
      email: 'Kuznetsova@test.local',
    })
    expect(changed.status).toBe(200)
    expect(changed.body).toMatchObject({
      name: 'Кузнецова Марина Сергеевна',
      position: 'Начальник отдела',
      role: 'controller',
      email: 'Kuznetsova@test.local',
      disabled: false,
    })
    expect(changed.body.certificatesRevoked).toHaveLength(1)
    // she signs in by her new address only
    const signIn = (email: string) => h.call('POST', '/api/auth/token', { body: { email, password: PASSWORD } })
    expect((await signIn('kuznetsova@test.local')).status).toBe(200)
    expect((await signIn('orlova@test.local')).status).toBe(401)
    const [event] = await listOrganizationEvents(h.deps.db, h.orgs[0]!.id, ['user_changed'])
    expect(event!.data).toMatchObject({
      userId: person.userId,
      fields: ['name', 'position', 'role', 'email'],
      before: { name: 'Орлова Марина Сергеевна', role: 'approver', email: 'orlova@test.local' },
      after: { name: 'Кузнецова Марина Сергеевна', role: 'controller' },
    })
    // a null position clears it
    expect((await patch(person.userId, { position: null })).body.position).toBeNull()
  })

  it('refuses a taken e-mail (409, in any case), an empty or unknown change, another organization, nothing changed', async () => {
    const person = await h.addPerson({ name: 'Белова Анна Викторовна', email: 'belova@test.local' })
    const before = await user('belova@test.local')
    const taken = await patch(person.userId, { email: 'CLERK0@test.local', name: 'Новое Имя' })
    expect(taken.status).toBe(409)
    expect(taken.body.error.details[0]).toMatchObject({ path: 'email' })
    for (const body of [
      {},
      { name: '' },
      { name: 'Имя\u0000' },
      { role: 'root' },
      { email: 'не почта' },
      { salary: 1 },
    ])
      expect((await patch(person.userId, body)).status, JSON.stringify(body)).toBe(422)
    expect((await patch(person.userId, { name: 'X' }, h.orgs[1]!.admin)).status).toBe(403)
    expect((await patch(person.userId, { name: 'X' }, h.orgs[0]!.clerk)).status).toBe(403)
    expect((await patch('00000000-0000-4000-8000-000000000009', { name: 'X' })).status).toBe(404)
    // the installation's admin is nobody's to change
    const root = await h.installationAdmin()
    const rootId = (await findUserByEmail(h.deps.db, 'root@test.local'))!.id
    expect((await patch(rootId, { name: 'X' })).status).toBe(403)
    expect((await patch(rootId, { name: 'X' }, root)).status).toBe(403)
    expect(await user('belova@test.local')).toEqual(before)
  })

  it('keeps an active admin: the last one is neither disabled nor demoted; with two, one may go', async () => {
    const root = await h.installationAdmin()
    const only = (await findUserByEmail(h.deps.db, 'admin0@test.local'))!.id
    for (const [body, path] of [
      [{ role: 'clerk' }, 'role'],
      [{ disabled: true }, 'disabled'],
    ] as const) {
      const res = await patch(only, body, root)
      expect(res.status).toBe(422)
      expect(res.body.error.details[0]).toMatchObject({ path })
      expect(res.body.error.message).toContain('последний действующий администратор')
    }
    expect((await patch(only, { disabled: true })).status).toBe(422) // herself
    const second = await newAdmin('admin-b@test.local')
    expect((await patch(second, { role: 'clerk' }, root)).status).toBe(200)
    expect((await patch(only, { role: 'clerk' }, root)).status).toBe(422)
  })

  it('of two admins demoted at once, one stays', async () => {
    const root = await h.installationAdmin()
    const first = (await findUserByEmail(h.deps.db, 'admin1@test.local'))!.id
    const second = await newAdmin('admin-c@test.local', 1)
    const answers = await Promise.all([patch(first, { role: 'clerk' }, root), patch(second, { role: 'clerk' }, root)])
    expect(answers.map((a) => a.status).sort()).toEqual([200, 422])
    const roles = await Promise.all(
      ['admin1@test.local', 'admin-c@test.local'].map(async (e) => (await findUserByEmail(h.deps.db, e))!.role),
    )
    expect(roles.sort()).toEqual(['admin', 'clerk'])
  })
})
