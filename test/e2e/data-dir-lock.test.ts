import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { LOCK_FILE } from '../../src/db/data-dir-lock'
import { sampleContent, tokenOf } from '../support/harness'
import { addPersonOver, client, startArgs, startServer, type RunningServer } from '../support/server'

const root = fileURLToPath(new URL('../..', import.meta.url))
const ADMIN = { ADMIN_EMAIL: 'admin@school.test', ADMIN_PASSWORD: 'admin-password-1' }
const CLERK = { email: 'clerk@school.test', password: 'clerk-password-1' }
const servers: RunningServer[] = []
const dirs: string[] = []
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop('SIGKILL')))
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

const start = async (env: Record<string, string>) => {
  const s = await startServer({ ...ADMIN, ...env })
  servers.push(s)
  return s
}

const tempDataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'orders-lock-'))
  dirs.push(dir)
  return dir
}

/** The service started where it must not run: how it ended, what it said, how long it took. */
const runToExit = (env: Record<string, string>) =>
  new Promise<{ code: number | null; output: string; ms: number }>((resolve) => {
    const began = Date.now()
    const proc = spawn(process.execPath, startArgs, {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', ...ADMIN, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    proc.stdout.on('data', (d) => (output += d))
    proc.stderr.on('data', (d) => (output += d))
    const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000)
    proc.once('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, output, ms: Date.now() - began })
    })
  })

const setUpOrganization = async (base: string) => {
  const admin = client(base)
  await admin.signIn(ADMIN.ADMIN_EMAIL, ADMIN.ADMIN_PASSWORD)
  const org = (await admin.call('POST', '/api/organizations', { name: ['МБОУ «СШ № 7»'], place: 'Смоленск' })).body
  const user = { ...CLERK, name: 'Делопроизводитель', role: 'clerk', organizationId: org.id }
  expect((await admin.call('POST', '/api/users', user)).status).toBe(201)
  const journal = { name: 'Приказы', kind: 'prikaz', pattern: '{n}-ОД', reset: 'never', organizationId: org.id }
  expect((await admin.call('POST', '/api/journals', journal)).status).toBe(201)
  signerRef = (
    await addPersonOver(base, admin, org.id, { ...DIRECTOR, name: 'Петров Сергей Николаевич', role: 'director' })
  ).ref
}
const DIRECTOR = { email: 'director@school.test' }
let signerRef: { userId: string }

/** The clerk, and the director who signs (by link, signed in as herself), on this process. */
const signIn = async (base: string) => {
  const c = client(base)
  await c.signIn(CLERK.email, CLERK.password)
  const director = client(base)
  await director.signIn(DIRECTOR.email, 'person-password-1')
  return Object.assign(c, { director })
}

const registeredOrder = async (c: Awaited<ReturnType<typeof signIn>>) => {
  const id = (await c.call('POST', '/api/orders', sampleContent())).body.id as string
  const submit = { approvers: [], sequential: false, signer: signerRef }
  const link = (await c.call('POST', `/api/orders/${id}/submit`, submit)).body.links[0].url
  expect((await c.director.call('POST', `/api/links/${tokenOf(link)}/sign`)).status).toBe(200)
  const reg = await c.call('POST', `/api/orders/${id}/register`, {})
  expect(reg.status).toBe(200)
  return { id, number: reg.body.number as string }
}

describe('the embedded data directory is locked', () => {
  it('refuses a second process at once, naming the holder; a SIGKILLed holder loses no order (3 times)', async () => {
    const dir = tempDataDir()
    let first = await start({ DATA_DIR: dir })
    await setUpOrganization(first.url)
    const orders: { id: string; number: string }[] = []
    for (let round = 0; round < 3; round++) {
      const second = await runToExit({ DATA_DIR: dir })
      expect(second.code).not.toBe(0)
      expect(second.output).toContain(`pid ${first.proc.pid}`)
      expect(second.output).toContain(dir)
      expect(second.ms).toBeLessThan(15_000)

      const clerk = await signIn(first.url)
      for (let i = 0; i < 3; i++) orders.push(await registeredOrder(clerk))
      await first.stop('SIGKILL')

      first = await start({ DATA_DIR: dir })
      const again = await signIn(first.url)
      for (const o of orders) {
        const res = await again.call('GET', `/api/orders/${o.id}`)
        expect(res.status).toBe(200)
        expect([res.body.status, res.body.number]).toEqual(['registered', o.number])
      }
    }
    expect(orders.map((o) => o.number)).toEqual(Array.from({ length: 9 }, (_, i) => `${i + 1}-ОД`))
    // seven process starts (7–12 s each on a loaded 2-core machine) and nine sealed registrations
  }, 240_000)

  it('is released by a SIGTERM shutdown: the pid is cleared and the next process starts', async () => {
    const dir = tempDataDir()
    const first = await start({ DATA_DIR: dir })
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(first.proc.pid))
    const exited = new Promise<number | null>((done) => first.proc.once('exit', (code) => done(code)))
    await first.stop('SIGTERM')
    expect(await exited).toBe(0)
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe('')
    const next = await start({ DATA_DIR: dir })
    expect((await fetch(`${next.url}/api/health`)).status).toBe(200)
  }, 120_000)
})
