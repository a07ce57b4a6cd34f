import { fileURLToPath } from 'node:url'
import { drizzle } from 'drizzle-orm/postgres-js'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import type { Database } from './client'

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url))
const MIGRATION_LOCK = 74_201_337

/** Applies the drizzle-kit migrations of `drizzle/`; both drivers read the same folder. */
export const migrateDatabase = async (database: Database): Promise<void> => {
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
