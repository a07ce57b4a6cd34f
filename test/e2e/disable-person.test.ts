import { afterAll, describe, expect, it } from 'vitest'
import { freshPostgresDatabase, postgresUrl } from '../support/databases'
import { sampleContent } from '../support/harness'
import { addJournal, addPersonOver, client, requestJson, type RunningServer, startServer } from '../support/server'

const ADMIN = { ADMIN_EMAIL: 'admin@school.test', ADMIN_PASSWORD: 'admin-password-1' }
const servers: RunningServer[] = []
const cleanups: (() => Promise<void>)[] = []
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop('SIGKILL')))
  for (const c of cleanups) await c()
})

/**
 * Disabling a person through one instance stops them on the other within a second: each process remembers a
 * token for at most TOKEN_MEMORY_MS (src/services/auth.ts) and every lookup checks the database.
 */
describe.skipIf(!postgresUrl)('a disabled person on two service processes sharing PostgreSQL', () => {
  it('is refused by the other instance within a second, and their link decides nothing', async () => {
    const { url, drop } = await freshPostgresDatabase(postgresUrl!)
    cleanups.push(drop)
    const env = { ...ADMIN, DATABASE_URL: url, SIGNING_KEY: 'two instances, one key' }
    const a = await startServer(env)
    servers.push(a)
    const b = await startServer(env)
    servers.push(b)
    const admin = client(a.url)
    await admin.signIn(ADMIN.ADMIN_EMAIL, ADMIN.ADMIN_PASSWORD)
    const org = (await admin.call('POST', '/api/organizations', { name: ['МБОУ «СШ № 5»'], place: 'Смоленск' })).body
    await addJournal(admin, org.id)
    await admin.call('POST', '/api/users', {
      email: 'writer@school.test',
      name: 'Делопроизводитель',
      role: 'clerk',
      password: 'clerk-password-1',
      organizationId: org.id,
    })
    const writer = client(a.url)
    await writer.signIn('writer@school.test', 'clerk-password-1')
    const deputy = await addPersonOver(b.url, admin, org.id, {
      email: 'deputy@school.test',
      name: 'Романова Ирина Евгеньевна',
      role: 'approver',
    })
    const director = await addPersonOver(a.url, admin, org.id, {
      email: 'director@school.test',
      name: 'Петров Сергей Николаевич',
      role: 'director',
    })
    const id = (await writer.call('POST', '/api/orders', sampleContent())).body.id
    const links = (
      await writer.call('POST', `/api/orders/${id}/submit`, { approvers: [deputy.ref], signer: director.ref })
    ).body.links as { url: string }[]
    const visa = links[0]!.url.split('/links/')[1]!
    // the deputy works on instance b: her token is remembered there now
    expect((await deputy.client.call('GET', '/api/orders')).status).toBe(200)

    const disabled = await admin.call('PATCH', `/api/users/${deputy.ref.userId}`, { disabled: true })
    expect(disabled.status).toBe(200)
    const at = performance.now()
    let refusedAfter: number | undefined
    while (performance.now() - at < 3_000) {
      if ((await deputy.client.call('GET', '/api/orders')).status === 401) {
        refusedAfter = performance.now() - at
        break
      }
      await new Promise((r) => setTimeout(r, 20))
    }
    expect(refusedAfter).toBeDefined()
    expect(refusedAfter!).toBeLessThan(1_000)
    // her link decides nothing on either instance, signed in or not; the order waits on her as before
    for (const base of [a.url, b.url]) {
      expect((await requestJson(`${base}/api/links/${visa}/approve`, 'POST', { body: {} })).status).toBe(403)
      const page = await fetch(`${base}/links/${visa}`)
      expect(page.status).toBe(403)
    }
    expect((await deputy.client.call('POST', `/api/links/${visa}/approve`, {})).status).toBe(401)
    expect((await writer.call('GET', `/api/orders/${id}`)).body.status).toBe('approval')
    const again = await requestJson(`${b.url}/api/auth/token`, 'POST', {
      body: { email: 'deputy@school.test', password: deputy.password },
    })
    expect(again.status).toBe(403)
  }, 240_000)
})
