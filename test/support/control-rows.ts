import { sql } from 'drizzle-orm'
import type { Db } from '../../src/db/client'
import { queryRows } from '../../src/db/raw'

/** An organization, its clerk and one registered order, written straight into the tables: a home for control items. */
export const seedRegisteredOrder = async (db: Db) => {
  const [org] = await queryRows<{ id: string }>(
    db,
    sql`insert into organizations (name) values ('["ШКОЛА"]'::jsonb) returning id`,
  )
  const organizationId = org!.id
  const [user] = await queryRows<{ id: string }>(
    db,
    sql`insert into users (organization_id, email, name, role, password_hash)
        values (${organizationId}, 'clerk@test.local', 'Делопроизводитель', 'clerk', 'x') returning id`,
  )
  const [order] = await queryRows<{ id: string }>(
    db,
    sql`insert into orders (organization_id, kind, title, version, snapshot, machine_version, audit_hash, created_by)
        values (${organizationId}, 'prikaz', 'Приказ', 1, '{"value": "registered", "context": {}}'::jsonb, 1, 'x', ${user!.id})
        returning id`,
  )
  return { organizationId, orderId: order!.id }
}
