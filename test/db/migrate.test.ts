import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { isMigrated, migrateDatabase } from '../../src/db/migrate'
import { queryRows } from '../../src/db/raw'
import { openDatabase } from '../../src/db/client'

describe('migrations at start', () => {
  it('a new database is not migrated; after migrating it is, and a second run applies nothing', async () => {
    const database = await openDatabase({})
    try {
      expect(await isMigrated(database.db)).toBe(false)
      await migrateDatabase(database)
      expect(await isMigrated(database.db)).toBe(true)
      const count = async () =>
        (
          await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`)
        )[0]!.n
      const before = await count()
      await migrateDatabase(database)
      expect(await count()).toBe(before)
      // a database one migration behind is not current, and migrating brings it back
      await database.db.execute(
        sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`,
      )
      expect(await isMigrated(database.db)).toBe(false)
    } finally {
      await database.close()
    }
  })
})
