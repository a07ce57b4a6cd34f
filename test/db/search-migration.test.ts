import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/client'
import { migrateDatabase } from '../../src/db/migrate'
import { listOrders } from '../../src/db/orders'
import { queryRows } from '../../src/db/raw'

const drizzleDir = fileURLToPath(new URL('../../drizzle/', import.meta.url))
const journal = JSON.parse(readFileSync(`${drizzleDir}meta/_journal.json`, 'utf8')) as {
  entries: { idx: number; tag: string; when: number }[]
}

describe('migration 0010 on a database written before it', () => {
  it('gives every searched order its organization and its words, and the search finds it', async () => {
    const database = await openDatabase({})
    try {
      const db = database.db
      // the schema as migration 0009 left it, recorded as applied the way drizzle's migrator records it
      const before = journal.entries.filter((e) => e.idx < 10)
      for (const e of before) {
        for (const statement of readFileSync(`${drizzleDir}${e.tag}.sql`, 'utf8').split('--> statement-breakpoint'))
          if (statement.trim()) await db.execute(sql.raw(statement))
      }
      await db.execute(sql.raw('create schema drizzle'))
      await db.execute(
        sql.raw(
          'create table drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)',
        ),
      )
      await db.execute(
        sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('old', ${before.at(-1)!.when})`,
      )
      const [org] = await queryRows<{ id: string }>(
        db,
        sql`insert into organizations (name) values ('["Школа"]'::jsonb) returning id::text`,
      )
      const [user] = await queryRows<{ id: string }>(
        db,
        sql`insert into users (organization_id, email, name, role, password_hash)
          values (${org!.id}, 'c@old.test', 'Клерк', 'clerk', 'x') returning id::text`,
      )
      const [order] = await queryRows<{ id: string }>(
        db,
        sql`insert into orders (organization_id, kind, title, version, snapshot, machine_version, audit_hash, created_by)
          values (${org!.id}, 'prikaz', 'Дорожная карта', 1, '{"value":"draft","context":{}}', 1, 'h', ${user!.id})
          returning id::text`,
      )
      await db.execute(
        sql`insert into order_search (order_id, text) values (${order!.id}, 'Об утверждении плана («дорожная карта»)')`,
      )

      await migrateDatabase(database)

      const [row] = await queryRows<{ organization_id: string; words: string }>(
        db,
        sql`select organization_id::text, words::text from order_search where order_id = ${order!.id}`,
      )
      expect(row!.organization_id).toBe(org!.id)
      expect(row!.words).toContain("'дорожн'")
      const found = await listOrders(db, { organizationId: org!.id, q: 'дорожной карты', limit: 10 })
      expect(found.map((o) => o.id)).toEqual([order!.id])
    } finally {
      await database.close()
    }
  })
})
