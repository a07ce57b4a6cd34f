import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { sampleContent } from '../support/harness'
import { requestJson, startServer, type RunningServer } from '../support/server'

const ADMIN = { email: 'admin@logs.test', password: 'Admin-Secret-Pass-1' }
const CLERK = { email: 'clerk@logs.test', password: 'Clerk-Secret-Pass-2' }
const SECRET_TEXT = 'Уникальныйтекстприказа'

let server: RunningServer | undefined
const dataDir = mkdtempSync(join(tmpdir(), 'logs-e2e-'))
afterAll(async () => {
  await server?.stop('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
})

describe('the log of a real process at LOG_LEVEL=debug', () => {
  it('has a JSON line with a request id for every request, and no password, token, hash or order text', async () => {
    server = await startServer({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'debug',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    })
    const call = async (method: string, path: string, body?: unknown, token?: string) => {
      const res = await requestJson(server!.url + path, method, { body, token })
      return { status: res.status, requestId: res.headers.get('x-request-id'), json: res.body }
    }
    const signIn = async (email: string, password: string) =>
      (await call('POST', '/api/auth/token', { email, password })).json.token as string

    const adminToken = await signIn(ADMIN.email, ADMIN.password)
    const org = (await call('POST', '/api/organizations', { name: ['ШКОЛА'], place: 'Смоленск' }, adminToken)).json
    const user = { ...CLERK, name: 'Делопроизводитель', role: 'clerk', organizationId: org.id }
    expect((await call('POST', '/api/users', user, adminToken)).status).toBe(201)
    const journal = { name: 'Приказы', kind: 'prikaz', pattern: '{n}-ОД', reset: 'never', organizationId: org.id }
    expect((await call('POST', '/api/journals', journal, adminToken)).status).toBe(201)
    const clerkToken = await signIn(CLERK.email, CLERK.password)

    const content = sampleContent({ title: `О ${SECRET_TEXT}`, preamble: `${SECRET_TEXT} в преамбуле,` })
    const created = await call('POST', '/api/orders', content, clerkToken)
    expect(created.status).toBe(201)
    // the route names accounts; each person decides signed in as themselves
    const person = async (email: string, name: string, role: string) => {
      const made = await call(
        'POST',
        '/api/users',
        { email, name, position: 'Директор', role, password: CLERK.password, organizationId: org.id },
        adminToken,
      )
      return { userId: made.json.id as string, token: await signIn(email, CLERK.password) }
    }
    const deputy = await person('deputy@logs.test', 'Лаврушкина Елена Андреевна', 'approver')
    const director = await person('director@logs.test', 'Смирнова Елена Викторовна', 'director')
    const route = { steps: [[{ userId: deputy.userId }]], signer: { userId: director.userId } }
    const submitted = await call('POST', `/api/orders/${created.json.id}/submit`, route, clerkToken)
    const links = (submitted.json.links as { url: string }[]).map((l) => l.url.split('/links/')[1]!)
    expect(links).toHaveLength(2)
    expect(
      (await fetch(`${server.url}/links/${links[0]}`, { headers: { authorization: `Bearer ${deputy.token}` } })).status,
    ).toBe(200)
    const approved = await call(
      'POST',
      `/api/links/${links[0]}/approve`,
      { comment: `${SECRET_TEXT} согласовано` },
      deputy.token,
    )
    expect(approved.status).toBe(200)
    expect((await call('POST', `/api/links/${links[1]}/sign`, undefined, director.token)).status).toBe(200)
    expect((await call('GET', `/api/orders?q=${encodeURIComponent(SECRET_TEXT)}`, undefined, clerkToken)).status).toBe(
      200,
    )

    // failures: a wrong password, a bad body, a used link, a bad token
    const wrong = await call('POST', '/api/auth/token', { email: CLERK.email, password: `${CLERK.password}-wrong` })
    expect(wrong.status).toBe(401)
    const bad = await call('POST', '/api/orders', { ...content, points: 'не массив' }, clerkToken)
    expect(bad.status).toBe(422)
    const used = await call('POST', `/api/links/${links[0]}/approve`, {}, deputy.token)
    expect(used.status).toBeGreaterThanOrEqual(400)
    const badToken = await call('GET', '/api/orders', undefined, `${clerkToken}x`)
    expect(badToken.status).toBe(401)
    // every error answer carries the request id its log line has
    for (const e of [wrong, bad, used, badToken]) expect(e.json.error.requestId).toBe(e.requestId)

    await new Promise((r) => setTimeout(r, 200)) // the last lines reach the pipe
    const output = server.output()
    for (const secret of [
      ADMIN.password,
      CLERK.password,
      adminToken,
      clerkToken,
      ...links,
      SECRET_TEXT,
      encodeURIComponent(SECRET_TEXT),
      'scrypt$',
      CLERK.email,
    ])
      expect(output, `the log holds ${secret.slice(0, 12)}…`).not.toContain(secret)

    const lines = output.split('\n').filter((l) => l.trim())
    const json = lines.map((l) => JSON.parse(l) as Record<string, unknown>) // every line is JSON
    const answered = json.filter((l) => l.msg === 'answered')
    expect(answered.length).toBeGreaterThanOrEqual(14)
    for (const l of answered) expect(l.requestId).toMatch(/^[0-9a-f-]{36}$/)
    for (const e of [wrong, bad, used, badToken])
      expect(answered.find((l) => l.requestId === e.requestId)).toMatchObject({ status: e.status })
    expect(answered.find((l) => l.requestId === approved.requestId)).toMatchObject({
      route: '/api/links/:token/approve',
    })
  }, 120_000)
})
