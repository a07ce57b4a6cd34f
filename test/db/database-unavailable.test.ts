import { createServer } from 'node:net'
import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../src/db/client'
import { conflictOf, unavailableOf } from '../../src/db/errors'
import { freshPostgresDatabase, postgresUrl } from '../support/databases'

const closedPort = () =>
  new Promise<number>((resolve) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })

const failure = async (p: Promise<unknown>) => {
  try {
    await p
  } catch (e) {
    return e
  }
  throw new Error('expected a failure')
}

const opened: Database[] = []
const drops: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const d of opened) await d.close()
  for (const d of drops) await d()
})

/**
 * The errors of a database that does not answer, made for real (a port nobody listens on, a backend ended by
 * the server), through the service's own client: they are 503 `unavailable` with Retry-After, while the
 * database's answers (a taken unique key, a wrong query) are not; and the pool serves again afterwards.
 */
describe('a database that does not answer', () => {
  it('is unavailable when nobody listens on its port', async () => {
    const db = await openDatabase({ url: `postgres://postgres@127.0.0.1:${await closedPort()}/postgres`, poolSize: 2 })
    opened.push(db)
    const e = await failure(db.db.execute(sql`select 1`))
    const refusal = unavailableOf(e)
    expect(refusal?.code).toBe('unavailable')
    expect(refusal?.options.retryAfter).toBe(5)
    expect(refusal?.details).toEqual({ reason: 'ECONNREFUSED' })
  })

  describe.skipIf(!postgresUrl)('on PostgreSQL', () => {
    it('is unavailable when the server ends the session, even inside a transaction, and the pool serves again', async () => {
      const { url, drop } = await freshPostgresDatabase(postgresUrl!)
      drops.push(drop)
      const database = await openDatabase({ url, poolSize: 2 })
      opened.push(database)
      const admin = postgres(postgresUrl!, { max: 1, onnotice: () => {} })
      try {
        // a transaction whose backend the server ends (as a restart does) while it still has work to do:
        // its next query and the driver's ROLLBACK after it find the connection gone
        const e = await failure(
          database.db.transaction(async (tx) => {
            const [row] = (await tx.execute(sql`select pg_backend_pid() as pid`)) as unknown as { pid: number }[]
            await admin`select pg_terminate_backend(${row!.pid})`
            await new Promise((r) => setTimeout(r, 200))
            await tx.execute(sql`select 1`)
          }),
        )
        expect(unavailableOf(e)?.code).toBe('unavailable')
        // a session ended by the server outside a transaction: SQLSTATE 57P01
        const ended = await failure(database.db.execute(sql`select pg_terminate_backend(pg_backend_pid())`))
        expect(unavailableOf(ended)?.code).toBe('unavailable')
        // the same pool, not reopened, serves again
        for (let i = 0; i < 4; i++) expect(await database.db.execute(sql`select 1 as one`)).toEqual([{ one: 1 }])
        // the database's own answers are not «unavailable»
        const syntax = await failure(database.db.execute(sql`selec 1`))
        expect(unavailableOf(syntax)).toBeUndefined()
        await database.db.execute(sql`create table t (k int primary key)`)
        await database.db.execute(sql`insert into t values (1)`)
        const taken = await failure(database.db.execute(sql`insert into t values (1)`))
        expect(unavailableOf(taken)).toBeUndefined()
        expect(conflictOf(taken)?.code).toBe('conflict')
        // a key the service has no words for is named as it is, about no one field
        expect(conflictOf(taken)?.details).toEqual([
          { path: '(body)', message: 'такая запись уже есть', code: 't_pkey' },
        ])
      } finally {
        await admin.end()
      }
    })

    it('is unavailable when the server has no connection left for the service (SQLSTATE 53300)', async () => {
      const role = `orders_limited_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
      const admin = postgres(postgresUrl!, { max: 1, onnotice: () => {} })
      await admin.unsafe(`create role ${role} login connection limit 1`)
      try {
        const url = new URL(postgresUrl!)
        url.username = role
        const database = await openDatabase({ url: url.toString(), poolSize: 2 })
        try {
          // two queries at once want two connections; the server lets the role have one
          const e = await failure(
            database.db.transaction(async (tx) => {
              await tx.execute(sql`select 1`)
              await database.db.execute(sql`select 2`)
            }),
          )
          expect(unavailableOf(e)).toMatchObject({ code: 'unavailable', details: { reason: '53300' } })
        } finally {
          await database.close()
        }
      } finally {
        await admin.unsafe(`drop role if exists ${role}`)
        await admin.end()
      }
    })
  })
})
