import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Database, openDatabase } from '../../src/db/client'
import { migrateDatabase } from '../../src/db/migrate'
import { inTransaction } from '../../src/services/context'
import { freshPostgresDatabase, postgresUrl } from '../support/databases'

/**
 * Connections the server ended (`pg_terminate_backend`: an administrator, a failover, an idle-session timeout)
 * were handed out again: the backends gone from pg_stat_activity, the first transactions still got the dead
 * sockets (ECONNRESET, CONNECTION_CLOSED: 503s) before the driver saw them close. A transaction whose BEGIN
 * failed so is now run again on the next connection (`inTransaction`). Queries in flight on a killed connection
 * fail once, fast (the service answers 503); the 70-second wait the attack round saw did not reproduce.
 */
describe.skipIf(!postgresUrl)('connections the server terminates', () => {
  let database: Database
  let admin: postgres.Sql
  let drop: () => Promise<void>
  let name: string
  beforeAll(async () => {
    const fresh = await freshPostgresDatabase(postgresUrl!)
    drop = fresh.drop
    name = new URL(fresh.url).pathname.slice(1)
    database = await openDatabase({ url: fresh.url, poolSize: 4 })
    await migrateDatabase(database)
    admin = postgres(postgresUrl!, { max: 1, onnotice: () => {} })
  })
  afterAll(async () => {
    await database?.close()
    await admin?.end()
    await drop?.()
  })

  const terminateAll = async () =>
    (
      await admin.unsafe(
        'select pid, pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [name],
      )
    ).map((r) => r.pid as number)
  const fillPool = () => Promise.all(Array.from({ length: 8 }, () => database.db.execute(sql`select pg_sleep(0.02)`)))
  const backends = async () =>
    (await admin.unsafe('select pid from pg_stat_activity where datname = $1', [name])).map((r) => r.pid as number)
  // pg_terminate_backend only signals: a busy server ends the backends a moment later (a query sent in that moment
  // is answered 57P01, the one failure no pool can avoid), so the test waits until they are gone
  const gone = async (pids: number[]) => {
    for (let i = 0; i < 100 && (await backends()).some((p) => pids.includes(p)); i++)
      await new Promise((r) => setTimeout(r, 50))
  }

  it('idle ones: every later query succeeds at once, on new connections', async () => {
    await fillPool()
    const before = await backends()
    expect((await terminateAll()).length).toBeGreaterThan(0)
    await gone(before)
    const started = Date.now()
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        inTransaction(database, async (tx) => tx.execute(sql`select ${i}::int as n`)).then(() => 'ok'),
      ),
    )
    expect(answers).toEqual(Array(12).fill('ok'))
    expect(Date.now() - started).toBeLessThan(5_000)
    const after = await backends()
    expect(after.some((pid) => before.includes(pid))).toBe(false)
  })

  it('busy ones: the queries on them fail once, fast; the next ones succeed', async () => {
    await fillPool()
    const inflight = Array.from({ length: 8 }, () =>
      database.db.execute(sql`select pg_sleep(1)`).then(
        () => 'ok',
        (e: { code?: string; cause?: { code?: string } }) => e.cause?.code ?? e.code,
      ),
    )
    await new Promise((r) => setTimeout(r, 200))
    const started = Date.now()
    const killed = await terminateAll()
    expect(killed.length).toBeGreaterThan(0)
    const failed = await Promise.all(inflight)
    expect(Date.now() - started).toBeLessThan(5_000)
    for (const f of failed) expect(['ok', 'CONNECTION_CLOSED', '57P01']).toContain(f)
    await gone(killed)
    for (let i = 0; i < 12; i++)
      expect(await inTransaction(database, async (tx) => tx.execute(sql`select ${i}::int as n`))).toBeTruthy()
  })
})
