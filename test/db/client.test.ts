import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/db/client'
import { queryRows } from '../../src/db/raw'
import { users } from '../../src/db/schema'
import { postgresUrl, testDatabases } from '../support/databases'

const postgres = testDatabases(1).find((d) => d.name === 'postgres')

/**
 * On PostgreSQL a query with parameters is prepared once per connection and run by name afterwards (drizzle
 * alone sends every one unnamed, which costs postgres.js a round trip for the parameters' types, a parse and a
 * plan each time); the server's own list of the connection's prepared statements shows it. One connection
 * (pool of 1), so the list read is the one the queries went down.
 */
describe.skipIf(!postgresUrl)('the PostgreSQL client', () => {
  let database: Database
  beforeAll(async () => {
    database = await postgres!.open()
  })
  afterAll(() => database?.close())

  const prepared = async (db: Database['db'], fragment: string) =>
    (
      await queryRows<{ statement: string }>(
        db,
        sql`select statement from pg_prepared_statements where statement like ${`%${fragment}%`}`,
      )
    ).length

  it('prepares a query with parameters and runs it again by name', async () => {
    const find = (email: string) => database.db.select().from(users).where(eq(users.email, email))
    await find('nobody@example.test')
    await find('somebody@example.test')
    // the fragment is the query's own text; the reading query is prepared too, so it is counted once
    expect(await prepared(database.db, 'from "users" where "users"."email" = $1')).toBe(1)
  })

  it('prepares inside a transaction too, where the transaction has its own client', async () => {
    await database.db.transaction(async (tx) => {
      await tx.select().from(users).where(eq(users.name, 'В транзакции'))
      expect(await prepared(tx, 'where "users"."name" = $1')).toBe(1)
      await tx.transaction(async (savepoint) => {
        await savepoint.select().from(users).where(eq(users.role, 'admin'))
        expect(await prepared(savepoint, 'where "users"."role" = $1')).toBe(1)
      })
    })
  })

  it('passes the driver’s own forms of unsafe on as they are (options and no parameters)', async () => {
    const client = (database.db as unknown as { $client: import('postgres').Sql }).$client
    expect(await client.unsafe('select 41 + 1 as n', { prepare: false } as never)).toEqual([{ n: 42 }])
    expect(await client.unsafe('select 7 as n')).toEqual([{ n: 7 }])
  })

  it('leaves a query without parameters unnamed: several statements in one text still run', async () => {
    await database.db.execute(sql.raw('select 1; select 2'))
    expect(await prepared(database.db, 'select 1; select 2')).toBe(0)
  })
})
