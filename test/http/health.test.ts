import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createRenderPool } from '../../src/documents/render-pool'
import { createApp } from '../../src/http/app'
import { systemClock } from '../../src/services/context'
import { testDatabases } from '../support/databases'
import { testKeys } from '../support/harness'

/** The app over a database, with the parts it needs and none it would start (an idle pool starts no thread). */
const appOver = (db: { db: Parameters<typeof createApp>[0]['db'] }) =>
  createApp(
    {
      db: db.db,
      clock: systemClock,
      linkTtlDays: 7,
      publicUrl: 'http://t',
      renderer: createRenderPool(),
      keys: testKeys,
    },
    { log: () => {} },
  )

describe.each(testDatabases())('health ($name)', ({ open }) => {
  it('answers 200 while the database answers, and 503 once it does not', async () => {
    const db = await open()
    const app = appOver(db)
    const up = await app.request('/api/health')
    expect(up.status).toBe(200)
    expect(await up.json()).toMatchObject({ status: 'ok', database: { reachable: true } })
    await db.close()
    const down = await app.request('/api/health')
    expect(down.status).toBe(503)
    expect(await down.json()).toMatchObject({ status: 'down', database: { reachable: false } })
  })

  it('tells liveness from readiness: a closed database is not ready, and the process is still live', async () => {
    const db = await open()
    const app = appOver(db)
    const ready = await app.request('/api/health/ready')
    expect(ready.status).toBe(200)
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      failing: [],
      checks: { database: { ok: true }, migrations: { ok: true } },
    })
    await db.close()
    const notReady = await app.request('/api/health/ready')
    expect(notReady.status).toBe(503)
    expect(notReady.headers.get('retry-after')).toBe('5')
    const body = (await notReady.json()) as { status: string; failing: string[]; checks: Record<string, any> }
    expect(body.status).toBe('not_ready')
    expect(body.failing).toContain('database')
    expect(body.checks.database.ok).toBe(false)
    expect(body.checks.database.error).toBeTruthy()
    const live = await app.request('/api/health/live')
    expect(live.status).toBe(200)
    expect(await live.json()).toEqual({ status: 'live' })
  })

  it('is not ready while a migration is missing, or while a configured part fails or hangs', async () => {
    const db = await open()
    try {
      let queue: () => Promise<unknown> = async () => ({ sealing: { lastRunAt: '2026-11-24T00:00:00.000Z' } })
      const app = createApp(
        {
          db: db.db,
          clock: systemClock,
          linkTtlDays: 7,
          publicUrl: 'http://t',
          renderer: createRenderPool(),
          keys: testKeys,
        },
        { log: () => {}, readiness: { queue: () => queue(), signingKeys: async () => 'readable' } },
      )
      const ready = await app.request('/api/health/ready')
      expect(ready.status).toBe(200)
      // what a check tells of itself (an object) goes with its answer; anything else is not shown
      const checks = ((await ready.json()) as { checks: Record<string, any> }).checks
      expect(checks.queue).toEqual({
        ok: true,
        ms: expect.any(Number),
        detail: { sealing: { lastRunAt: '2026-11-24T00:00:00.000Z' } },
      })
      expect(checks.signingKeys).toEqual({ ok: true, ms: expect.any(Number) })
      queue = async () => {
        throw new Error('queue stopped')
      }
      const failed = await app.request('/api/health/ready')
      expect(failed.status).toBe(503)
      expect(await failed.json()).toMatchObject({
        failing: ['queue'],
        checks: { queue: { ok: false, error: 'queue stopped' } },
      })
      queue = () => new Promise(() => {}) // never answers
      const hung = await app.request('/api/health/ready')
      expect(hung.status).toBe(503)
      expect(await hung.json()).toMatchObject({
        failing: ['queue'],
        checks: { queue: { error: 'no answer in 2000 ms' } },
      })
      queue = async () => {}
      await db.db.execute(
        sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`,
      )
      const behind = await app.request('/api/health/ready')
      expect(behind.status).toBe(503)
      expect(await behind.json()).toMatchObject({ failing: ['migrations'] })
    } finally {
      await db.close()
    }
  })
})
