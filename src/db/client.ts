import { PGlite } from '@electric-sql/pglite'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import postgres from 'postgres'
import { lockDataDir } from './data-dir-lock'
import * as schema from './schema'

/** Both drivers behind one type: the query builder is the same, so repositories never know which. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>

export type Database = {
  db: Db
  driver: 'pglite' | 'postgres'
  url?: string
  close: () => Promise<void>
}

export type DatabaseOptions = { url: string; poolSize?: number } | { dataDir?: string } // no dataDir: in memory

export const openDatabase = async (options: DatabaseOptions): Promise<Database> => {
  if ('url' in options) {
    // While the server is down (a restart) every query must fail fast, as a 503, and never wait: a connection
    // is tried again at most 1 s after it failed (the driver's default backoff grows to 20 s, and the queries
    // queued on it wait that long), and one that cannot be made in 10 s fails its queries. Once the server is
    // back, the pool makes its connections again on the next queries, without a restart of the service.
    const client = postgres(options.url, {
      max: options.poolSize ?? 10,
      connect_timeout: 10,
      backoff: (retries: number) => Math.min(0.1 * 2 ** retries, 1),
      onnotice: () => {},
    })
    const db = drizzlePostgres(client, { schema }) as unknown as Db
    return { db, driver: 'postgres', url: options.url, close: () => client.end({ timeout: 5 }) }
  }
  // a second process on one data directory destroys the database: lock it before PGlite opens it
  const unlock = options.dataDir ? lockDataDir(options.dataDir) : () => {}
  try {
    const client = await PGlite.create(options.dataDir)
    const db = drizzlePglite(client, { schema }) as unknown as Db
    const close = async () => {
      try {
        await client.close()
      } finally {
        unlock()
      }
    }
    return { db, driver: 'pglite', close }
  } catch (e) {
    unlock()
    throw e
  }
}
