import { describe, expect, it } from 'vitest'
import { auditEvents, users } from '../../src/db/schema'
import { testDatabases } from '../support/databases'
import { PASSWORD, useHarness } from '../support/harness'

describe.each(testDatabases())('СНИЛС and ИНН on accounts ($name)', ({ open }) => {
  const h = useHarness(open)
  const account = (email: string, over: Record<string, unknown> = {}) => ({
    email,
    name: 'Иванова Мария Петровна',
    role: 'director',
    password: PASSWORD,
    ...over,
  })
  const stored = async (email: string) => (await h.deps.db.select().from(users)).find((u) => u.email === email)

  it('POST /api/users keeps the digits of a СНИЛС written with dashes and spaces, and an ИНН', async () => {
    const res = await h.call('POST', '/api/users', {
      token: h.orgs[0]!.admin,
      body: account('snils1@test.local', { snils: '112-233-445 95', inn: '5001 0073 2259' }),
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ snils: '11223344595', inn: '500100732259' })
    expect(await stored('snils1@test.local')).toMatchObject({ snils: '11223344595', inn: '500100732259' })
    // the audit log says an identifier was given, never the number
    const audit = JSON.stringify(await h.deps.db.select().from(auditEvents))
    expect(audit).toContain('snilsGiven')
    expect(audit).not.toContain('11223344595')
  })

  it.each([
    ['a wrong control number', { snils: '112-233-445 96' }, 'snils', /контрольное число/],
    ['ten digits', { snils: '1122334459' }, 'snils', /11 цифр/],
    ['a wrong ИНН', { inn: '500100732258' }, 'inn', /контрольные цифры/],
  ])('POST /api/users refuses %s with 422 naming the field, and stores no account', async (_, over, path, message) => {
    const email = `bad-${path}-${Math.random().toString(36).slice(2)}@test.local`
    const res = await h.call('POST', '/api/users', { token: h.orgs[0]!.admin, body: account(email, over) })
    expect(res.status).toBe(422)
    const detail = res.body.error.details.find((d: { path: string }) => d.path === path)
    expect(detail.message).toMatch(message)
    expect(await stored(email)).toBeUndefined()
  })

  it('PATCH /api/users/:id sets, keeps and removes a СНИЛС; refuses a bad one, an empty change, another organization', async () => {
    const created = await h.call('POST', '/api/users', {
      token: h.orgs[0]!.admin,
      body: account('snils2@test.local'),
    })
    const path = `/api/users/${created.body.id}`
    const admin = h.orgs[0]!.admin
    const set = await h.call('PATCH', path, { token: admin, body: { snils: '11223344595' } })
    expect(set.status).toBe(200)
    expect(set.body).toMatchObject({ snils: '11223344595', disabled: false })
    // disabling leaves the СНИЛС as it is
    expect((await h.call('PATCH', path, { token: admin, body: { disabled: true } })).body.snils).toBe('11223344595')
    const bad = await h.call('PATCH', path, { token: admin, body: { snils: '112-233-445 96' } })
    expect(bad.status).toBe(422)
    expect((await stored('snils2@test.local'))?.snils).toBe('11223344595')
    expect((await h.call('PATCH', path, { token: admin, body: {} })).status).toBe(422)
    expect((await h.call('PATCH', path, { token: h.orgs[1]!.admin, body: { snils: null } })).status).toBe(403)
    expect((await stored('snils2@test.local'))?.snils).toBe('11223344595')
    const removed = await h.call('PATCH', path, { token: admin, body: { snils: null } })
    expect(removed.status).toBe(200)
    expect(removed.body.snils).toBeNull()
    expect((await stored('snils2@test.local'))?.snils).toBeNull()
  })
})
