import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/postgres-js'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import { repoFile } from '../paths'
import type { Database, Db } from './client'
import { unavailableOf } from './errors'
import { queryRows } from './raw'

const migrationsFolder = fileURLToPath(repoFile('drizzle'))
const MIGRATION_LOCK = 74_201_337

/** The time stamp of the newest migration in drizzle-kit's journal, which drizzle records as `created_at`. */
let newest: number | undefined
const newestMigration = (): number => {
  if (newest !== undefined) return newest
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: { when: number }[]
  }
  newest = Math.max(...journal.entries.map((e) => e.when))
  return newest
}

/**
 * Has this database applied every migration of `drizzle/`? Drizzle's migrator applies exactly the
 * migrations newer than the newest `created_at` it recorded, so this is its own rule read in one
 * query, without its schema and table creation and its transaction. No table yet: not migrated.
 */
export const isMigrated = async (db: Db): Promise<boolean> => {
  try {
    const [row] = await queryRows<{ at: string | null }>(
      db,
      sql`select max(created_at)::text as at from drizzle.__drizzle_migrations`,
    )
    return row?.at != null && Number(row.at) >= newestMigration()
  } catch (e) {
    // no table yet is «not migrated»; a database that does not answer is not an answer at all
    if (unavailableOf(e)) throw e
    return false
  }
}

/** Applies the drizzle-kit migrations of `drizzle/`; both drivers read the same folder. */
export const migrateDatabase = async (database: Database): Promise<void> => {
  // a restart finds everything applied: one select instead of the migrator's round (start-up time)
  if (await isMigrated(database.db)) return
  if (database.driver === 'pglite') return migratePglite(database.db as never, { migrationsFolder })
  // several instances may start at once: one session-level lock on a connection of its own serializes them
  const client = postgres(database.url!, { max: 1, onnotice: () => {} })
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`
    await migratePostgres(drizzle(client), { migrationsFolder })
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`
  } finally {
    await client.end({ timeout: 5 })
  }
}
