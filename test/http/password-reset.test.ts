import { isNull } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { mailOutbox } from '../../src/db/schema'
import { findUserByEmail } from '../../src/db/users'
import { openLetter } from '../../src/services/mail-outbox'
import { issuePasswordReset } from '../../src/services/password-reset'
import { testDatabases } from '../support/databases'
import { PASSWORD, useHarness } from '../support/harness'
import { FORM, form } from '../support/session'

describe.each(testDatabases())('a set-password link (POST /api/users/:id/password-reset) ($name)', ({ open }) => {
  const h = useHarness(open)
  const issue = (userId: string, token = h.orgs[0]!.admin) =>
    h.call('POST', `/api/users/${userId}/password-reset`, { token })
  const pathOf = (url: string) => new URL(url).pathname
  const post = (path: string, password: string, repeat = password) =>
    h.app.request(path, { method: 'POST', headers: { 'content-type': FORM }, body: form({ password, repeat }) })
  const signIn = (email: string, password: string) => h.call('POST', '/api/auth/token', { body: { email, password } })

  it('works once: sets the password, ends the sessions; used, replaced or expired it is 410', async () => {
    const person = await h.addPerson({ name: 'Павлова Ольга Михайловна', email: 'pavlova@test.local' })
    const issued = await issue(person.userId)
    expect(issued.status).toBe(200)
    expect(issued.body).toMatchObject({ mailed: false })
    expect(issued.body.url).toMatch(/^http:\/\/orders\.test\/password\/[\w-]{40,}$/)
    const path = pathOf(issued.body.url)

    const page = await h.app.request(path)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Павлова Ольга Михайловна')
    const mismatch = await post(path, 'a new password 1', 'a new password 2')
    expect(mismatch.status).toBe(422)
    expect(await mismatch.text()).toContain('Пароли не совпадают')
    expect((await post(path, 'short')).status).toBe(422)
    expect((await h.call('GET', '/api/orders', { token: person.token })).status).toBe(200) // nothing changed yet

    const set = await post(path, 'a new password 1')
    expect(set.status).toBe(303)
    expect(set.headers.get('location')).toBe('/signin')
    expect((await h.call('GET', '/api/orders', { token: person.token })).status).toBe(401)
    expect((await signIn('pavlova@test.local', PASSWORD)).status).toBe(401)
    expect((await signIn('pavlova@test.local', 'a new password 1')).status).toBe(200)
    // once only
    expect((await h.app.request(path)).status).toBe(410)
    expect((await post(path, 'a third password')).status).toBe(410)
    expect((await signIn('pavlova@test.local', 'a third password')).status).toBe(401)

    // a new link replaces the one before; a day later it is gone
    const first = pathOf((await issue(person.userId)).body.url)
    const second = pathOf((await issue(person.userId)).body.url)
    expect((await h.app.request(first)).status).toBe(410)
    expect((await h.app.request(second)).status).toBe(200)
    h.clock.advanceDays(1)
    expect((await post(second, 'a fourth password')).status).toBe(410)
    h.clock.advanceDays(-1)
  })

  it('goes by mail when mail is set up: the letter holds the link, the answer does not', async () => {
    const person = await h.addPerson({ name: 'Кузнецов Павел Игоревич', email: 'kuznetsov@test.local' })
    const mailer = { send: async () => {} }
    const admin = (await findUserByEmail(h.deps.db, 'admin0@test.local'))!
    const ctx = {
      ...h.deps,
      mailer,
      actor: {
        type: 'user' as const,
        id: admin.id,
        name: admin.name,
        role: 'admin' as const,
        organizationId: admin.organizationId,
      },
      meta: {},
    }
    const answer = await issuePasswordReset(ctx, person.userId)
    expect(answer).toMatchObject({ mailed: true })
    expect(answer).not.toHaveProperty('url')
    const letters = (await h.deps.db.select().from(mailOutbox).where(isNull(mailOutbox.orderId))).map((r) =>
      openLetter(h.deps, r.sealed),
    )
    const letter = letters.find((l) => l.to === 'kuznetsov@test.local')!
    const url = /http:\/\/orders\.test\/password\/[\w-]+/.exec(letter.text)![0]
    expect((await h.app.request(pathOf(url))).status).toBe(200)
  })

  it('of two uses at once, one sets the password', async () => {
    const person = await h.addPerson({ name: 'Волков Николай Степанович', email: 'volkov@test.local' })
    const path = pathOf((await issue(person.userId)).body.url)
    const answers = await Promise.all([post(path, 'password one 1'), post(path, 'password two 2')])
    expect(answers.map((a) => a.status).sort()).toEqual([303, 410])
    const ok = await Promise.all([
      signIn('volkov@test.local', 'password one 1'),
      signIn('volkov@test.local', 'password two 2'),
    ])
    expect(ok.map((a) => a.status).sort()).toEqual([200, 401])
  })

  it('is the admin’s of the person’s organization; not for a disabled person; a made-up link is 410', async () => {
    const person = await h.addPerson({ name: 'Морозова Татьяна Юрьевна', email: 'morozova@test.local' })
    expect((await issue(person.userId, h.orgs[1]!.admin)).status).toBe(403)
    expect((await issue(person.userId, h.orgs[0]!.clerk)).status).toBe(403)
    expect((await issue('00000000-0000-4000-8000-00000000dead')).status).toBe(404)
    expect(
      (await h.call('PATCH', `/api/users/${person.userId}`, { token: h.orgs[0]!.admin, body: { disabled: true } }))
        .status,
    ).toBe(200)
    const refused = await issue(person.userId)
    expect(refused.status).toBe(422)
    expect(refused.body.error.message).toContain('отключена')
    expect((await h.app.request(`/password/${'x'.repeat(43)}`)).status).toBe(410)
  })
})
