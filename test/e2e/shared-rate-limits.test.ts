import { afterAll, describe, expect, it } from 'vitest'
import { freshPostgresDatabase, postgresUrl } from '../support/databases'
import { type RunningServer, startServer } from '../support/server'

const servers: RunningServer[] = []
const cleanups: (() => Promise<void>)[] = []
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop('SIGKILL')))
  for (const c of cleanups) await c()
})

const signIn = async (base: string, email: string) => {
  const res = await fetch(`${base}/api/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'not the password' }),
  })
  return res.status
}

// behind a load balancer each instance used to allow the whole limit: N instances, N times the guesses
describe.skipIf(!postgresUrl)('rate limits shared by two service processes on one PostgreSQL', () => {
  it('four failed sign-ins from one address, spread over both processes, lock it on both', async () => {
    const { url, drop } = await freshPostgresDatabase(postgresUrl!)
    cleanups.push(drop)
    const env = {
      DATABASE_URL: url,
      SIGNING_KEY: 'shared rate limits test key',
      ADMIN_EMAIL: 'admin@school.test',
      ADMIN_PASSWORD: 'admin-password-1',
      RATE_SIGNIN_ADDRESS: '4/10m',
    }
    const a = await startServer(env)
    servers.push(a)
    const b = await startServer(env)
    servers.push(b)
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push(await signIn(i % 2 ? b.url : a.url, `nobody${i}@school.test`))
    expect(statuses).toEqual([401, 401, 401, 401])
    expect(await signIn(a.url, 'nobody@school.test')).toBe(429)
    expect(await signIn(b.url, 'nobody@school.test')).toBe(429)
  }, 240_000)
})
