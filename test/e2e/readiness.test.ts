import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { afterAll, describe, expect, it } from 'vitest'
import { freshPostgresDatabase, postgresUrl } from '../support/databases'
import { type RunningServer, startServer } from '../support/server'
import { startSmtp } from '../support/smtp'

/**
 * Readiness of the real process (src/main.ts): besides the database and the migrations, it checks that the
 * signing keys open and that its background work is alive, and a load balancer sees 503 when either is not.
 */
// no ADMIN_EMAIL: the first start seeds the demo organization, whose CA is made at start
const servers: RunningServer[] = []
const cleanups: (() => Promise<void> | void)[] = []
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop('SIGKILL')))
  for (const c of cleanups.reverse()) await c()
})

const ready = async (base: string) => {
  const res = await fetch(`${base}/api/health/ready`)
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any }
}
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))
/** the background work starts just after the listening line: ready a moment later */
const untilReady = async (base: string) => {
  for (let i = 0; i < 100; i++) {
    const r = await ready(base)
    if (r.status === 200) return r
    await pause(200)
  }
  return ready(base)
}

describe('readiness of the service process', () => {
  it.runIf(postgresUrl)(
    'PostgreSQL with mail: not ready when a CA key does not open, or when the reminders queue is gone',
    async () => {
      const { url, drop } = await freshPostgresDatabase(postgresUrl!)
      cleanups.push(drop)
      const smtp = await startSmtp()
      cleanups.push(smtp.close)
      const server = await startServer({ DATABASE_URL: url, SMTP_URL: smtp.url })
      servers.push(server)
      const sql = postgres(url, { max: 1, onnotice: () => {} })
      cleanups.push(() => sql.end())

      const up = await untilReady(server.url)
      expect(up.status).toBe(200)
      expect(up.body.failing).toEqual([])
      expect(Object.keys(up.body.checks).sort()).toEqual(['database', 'migrations', 'queue', 'signingKeys'])
      // the demo organization's CA, opened
      expect(up.body.checks.signingKeys).toMatchObject({ ok: true, detail: { authorities: 1 } })
      // each background part of this process: the sealing sweep ran at start; the outbox and the reminders
      expect(up.body.checks.queue.detail.sealing).toMatchObject({ running: false, lastError: null })
      expect(up.body.checks.queue.detail.sealing.lastRunAt).toEqual(expect.any(String))
      expect(up.body.checks.queue.detail.outbox).toMatchObject({ lastError: null })
      expect(up.body.checks.queue.detail.reminders).toEqual({ queue: 'control-reminders' })

      // a CA key that SIGNING_KEY does not open: nothing can be signed or sealed here
      const [ca] = await sql`select id, sealed_key from signing_credentials where kind = 'ca'`
      const damaged = Buffer.from(ca!.sealed_key as Uint8Array)
      damaged[damaged.length - 1]! ^= 1
      await sql`update signing_credentials set sealed_key = ${damaged} where id = ${ca!.id}`
      const noKeys = await ready(server.url)
      expect(noKeys.status).toBe(503)
      expect(noKeys.retryAfter).toBe('5')
      expect(noKeys.body.failing).toEqual(['signingKeys'])
      expect(noKeys.body.checks.signingKeys.error).toContain('does not open')
      await sql`update signing_credentials set sealed_key = ${ca!.sealed_key} where id = ${ca!.id}`
      expect((await ready(server.url)).status).toBe(200)

      // the reminders' queue lost (pg-boss answers from its own connection, and finds no queue)
      await sql`delete from pgboss.job where name = 'control-reminders'`
      await sql`delete from pgboss.schedule where name = 'control-reminders'`
      await sql`delete from pgboss.queue where name = 'control-reminders'`
      const noQueue = await ready(server.url)
      expect(noQueue.status).toBe(503)
      expect(noQueue.body.failing).toEqual(['queue'])
      expect(noQueue.body.checks.queue.error).toContain('control-reminders')
      // the liveness answer does not change: a restart is not what this needs
      expect((await fetch(`${server.url}/api/health/live`)).status).toBe(200)
    },
    120_000,
  )

  it('embedded database without mail: the sealing sweep is the queue, and the keys are checked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orders-ready-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const server = await startServer({ DATA_DIR: dir })
    servers.push(server)
    const up = await untilReady(server.url)
    expect(up.status).toBe(200)
    expect(up.body.checks.signingKeys).toMatchObject({ ok: true, detail: { authorities: 1 } })
    expect(Object.keys(up.body.checks.queue.detail)).toEqual(['sealing'])
  }, 120_000)
})
