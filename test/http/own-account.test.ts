import { describe, expect, it } from 'vitest'
import { testDatabases } from '../support/databases'
import { PASSWORD, useHarness } from '../support/harness'

describe.each(testDatabases())('a person’s own password and sessions ($name)', ({ open }) => {
  const h = useHarness(open)
  const signIn = async (email: string, password = PASSWORD) =>
    h.call('POST', '/api/auth/token', { body: { email, password } })

  it('changes the password with the current one; every other session ends, this one goes on', async () => {
    await h.addPerson({ name: 'Зайцев Олег Петрович', email: 'zaitsev@test.local' })
    const here = (await signIn('zaitsev@test.local')).body.token
    const elsewhere = (await signIn('zaitsev@test.local')).body.token
    const change = (body: unknown, token = here) => h.call('POST', '/api/auth/password', { token, body })

    const wrong = await change({ current: 'not my password', next: 'a new password 1' })
    expect(wrong.status).toBe(422)
    expect(wrong.body.error.details[0]).toMatchObject({ path: 'current' })
    expect((await change({ current: PASSWORD, next: 'short' })).status).toBe(422)
    expect((await change({ current: PASSWORD, next: PASSWORD })).status).toBe(422)
    expect((await change({ current: PASSWORD })).status).toBe(422)
    expect((await h.call('GET', '/api/orders', { token: elsewhere })).status).toBe(200) // nothing changed
    expect(
      (await h.call('POST', '/api/auth/password', { body: { current: PASSWORD, next: 'x'.repeat(9) } })).status,
    ).toBe(401)

    const changed = await change({ current: PASSWORD, next: 'a new password 1' })
    expect(changed.status).toBe(200)
    // the harness's own token of the person and the second sign-in
    expect(changed.body.sessionsEnded).toBe(2)
    expect((await h.call('GET', '/api/orders', { token: elsewhere })).status).toBe(401)
    expect((await h.call('GET', '/api/orders', { token: here })).status).toBe(200)
    expect((await signIn('zaitsev@test.local')).status).toBe(401)
    expect((await signIn('zaitsev@test.local', 'a new password 1')).status).toBe(200)
  })

  it('lists the caller’s own sessions and ends one at once; another person’s is unknown to them', async () => {
    await h.addPerson({ name: 'Соколов Дмитрий Ильич', email: 'sokolov@test.local' })
    const phone = (await signIn('sokolov@test.local')).body.token
    const laptop = (await signIn('sokolov@test.local')).body.token
    const listed = await h.call('GET', '/api/auth/sessions', { token: phone })
    expect(listed.status).toBe(200)
    expect(listed.body.items).toHaveLength(3) // with the harness's own token of the person
    expect(listed.body.items.filter((s: { current: boolean }) => s.current)).toHaveLength(1)
    expect(JSON.stringify(listed.body)).not.toContain(phone)
    // the laptop's, as the laptop sees it: its current one, one of the phone's others
    const laptopId = (await h.call('GET', '/api/auth/sessions', { token: laptop })).body.items.find(
      (s: { current: boolean }) => s.current,
    ).id
    expect(listed.body.items.find((s: { id: string }) => s.id === laptopId).current).toBe(false)

    // another person cannot end it, nor learn that it exists
    expect((await h.call('DELETE', `/api/auth/sessions/${laptopId}`, { token: h.orgs[0]!.admin })).status).toBe(404)
    expect((await h.call('DELETE', `/api/auth/sessions/${laptopId}`)).status).toBe(401)
    expect((await h.call('DELETE', '/api/auth/sessions/not-an-id', { token: phone })).status).toBe(404)
    expect((await h.call('GET', '/api/orders', { token: laptop })).status).toBe(200)

    const ended = await h.call('DELETE', `/api/auth/sessions/${laptopId}`, { token: phone })
    expect(ended.status).toBe(200)
    expect((await h.call('GET', '/api/orders', { token: laptop })).status).toBe(401)
    expect((await h.call('GET', '/api/orders', { token: phone })).status).toBe(200)
    expect((await h.call('DELETE', `/api/auth/sessions/${laptopId}`, { token: phone })).status).toBe(404)
    expect((await h.call('GET', '/api/auth/sessions', { token: phone })).body.items).toHaveLength(2)
  })
})
