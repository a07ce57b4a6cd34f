import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import postgres from 'postgres'
import { lockDataDir } from './data-dir-lock'
import { attachFiles, directoryStore } from './file-store'
import { unrepairedPostgres } from './patch-postgres.mjs'
import * as schema from './schema'

/** Both drivers behind one type: the query builder is the same, so repositories never know which. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>

export type Database = {
  db: Db
  driver: 'pglite' | 'postgres'
  url?: string
  close: () => Promise<void>
}

/**
 * drizzle runs every query as an unnamed statement, and postgres.js then asks the server for the types of its
 * parameters before it may send them: two round trips per query, a fresh parse and plan each time (5 ms for a
 * registration's 24 control items), and nothing pipelined behind it. A query with parameters is therefore
 * prepared once per connection and executed by name afterwards (one round trip, pipelined); outside a
 * transaction the driver prepares again on its own when a migration changed a table under a prepared statement
 * (migrations run before the pool serves, and no query selects `*`). Statements accumulate per connection, one
 * per distinct text (IN lists, multi-row inserts), until the driver renews it (`max_lifetime`, 30–60 min). Queries without
 * parameters stay unnamed: they need no round trip for types, and a migration's file may hold several statements.
 */
const preparingQueries = (client: postgres.Sql): postgres.Sql =>
  new Proxy(client, {
    get(target, key) {
      if (key === 'unsafe')
        return (...call: Parameters<postgres.Sql['unsafe']>) => {
          const [query, args, options] = call
          // `unsafe(query)` and `unsafe(query, options)` are passed on as they are
          if (!Array.isArray(args) || !args.length) return target.unsafe(...call)
          // drizzle says `prepare: false` for every query it has not been asked to prepare by name
          return target.unsafe(query, args, { ...options, prepare: true })
        }
      // a transaction's (and a savepoint's) own client prepares the same way
      if (key === 'begin' || key === 'savepoint')
        return (...args: unknown[]) => {
          const body = args.pop() as (tx: postgres.Sql) => unknown
          return (Reflect.get(target, key) as (...a: unknown[]) => unknown)(...args, (tx: postgres.Sql) =>
            body(preparingQueries(tx)),
          )
        }
      const value = Reflect.get(target, key)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })

export type DatabaseOptions = { url: string; poolSize?: number } | { dataDir?: string } // no dataDir: in memory

/**
 * postgres.js is repaired in node_modules by `postinstall` (src/db/patch-postgres.mjs); an install without its
 * scripts (`npm ci --ignore-scripts`, an install script declined) leaves it as released, and a restart of
 * PostgreSQL would then crash the service. So the service does not start on PostgreSQL without the repair.
 */
export const assertPostgresRepaired = (root?: string) => {
  const unrepaired = unrepairedPostgres(root)
  if (unrepaired.length)
    throw new Error(
      `postgres.js без исправления сервиса (${unrepaired.join(', ')}): установка прошла без postinstall ` +
        '(npm ci --ignore-scripts или отклонённый скрипт установки). Выполните `node src/db/patch-postgres.mjs` и запустите сервис снова',
    )
}

export const openDatabase = async (options: DatabaseOptions): Promise<Database> => {
  if ('url' in options) {
    assertPostgresRepaired()
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
    const db = drizzlePostgres(preparingQueries(client), { schema }) as unknown as Db
    return { db, driver: 'postgres', url: options.url, close: () => client.end({ timeout: 5 }) }
  }
  // a second process on one data directory destroys the database: lock it before PGlite opens it
  const unlock = options.dataDir ? lockDataDir(options.dataDir) : () => {}
  try {
    const client = await PGlite.create(options.dataDir)
    const db = drizzlePglite(client, { schema }) as unknown as Db
    // the stored files sit beside the database in its directory (src/db/file-store.ts); in memory, in their rows
    if (options.dataDir) attachFiles(db, directoryStore(join(options.dataDir, 'files')))
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
