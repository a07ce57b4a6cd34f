import { ORGANIZATION_TIME_ZONE } from '../domain/dates'
import { and, desc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm'
import type { OrderContent } from '../domain/content'
import type { OrderState } from '../../workflows/order.machine'
import type { Db } from './client'
import { FOLD_FROM, FOLD_TO } from '../domain/order-search'
import { approvals, orders, orderSearch, orderVersions, SEARCH_CONFIG } from './schema'

export type OrderRow = typeof orders.$inferSelect

export const insertOrder = async (db: Db, values: typeof orders.$inferInsert) =>
  (await db.insert(orders).values(values).returning())[0]!

export const insertOrderVersion = (db: Db, values: typeof orderVersions.$inferInsert) =>
  db.insert(orderVersions).values(values)

/** The searchable text of an order's current version. */
export const saveSearchText = (db: Db, order: { id: string; organizationId: string }, text: string) =>
  db
    .insert(orderSearch)
    .values({ orderId: order.id, organizationId: order.organizationId, text })
    .onConflictDoUpdate({ target: orderSearch.orderId, set: { text } })

export const findOrder = async (db: Db, id: string) => (await db.select().from(orders).where(eq(orders.id, id)))[0]

/** Reads the order and holds its row lock to the end of the transaction: events on one order queue. */
export const lockOrder = async (db: Db, id: string) =>
  (await db.select().from(orders).where(eq(orders.id, id)).for('update'))[0]

export const updateOrder = (db: Db, id: string, values: Partial<typeof orders.$inferInsert>) =>
  db.update(orders).set(values).where(eq(orders.id, id))

export const findOrderContent = async (db: Db, id: string, version: number): Promise<OrderContent> =>
  (
    await db
      .select({ content: orderVersions.content })
      .from(orderVersions)
      .where(and(eq(orderVersions.orderId, id), eq(orderVersions.version, version)))
  )[0]!.content

/** One version's content and when it was saved: the time every rendering of the version carries. */
export const findOrderVersion = async (db: Db, id: string, version: number) =>
  (
    await db
      .select({
        content: orderVersions.content,
        createdAt: orderVersions.createdAt,
        letterhead: orderVersions.letterhead,
      })
      .from(orderVersions)
      .where(and(eq(orderVersions.orderId, id), eq(orderVersions.version, version)))
  )[0]!

export const listOrderVersions = (db: Db, id: string) =>
  db
    .select({ version: orderVersions.version, createdAt: orderVersions.createdAt, createdBy: orderVersions.createdBy })
    .from(orderVersions)
    .where(eq(orderVersions.orderId, id))
    .orderBy(orderVersions.version)

/** What a user typed, as a query in the configuration the stored words were made with (quotes, OR, -word). */
export const searchQuery = (q: string) => sql`websearch_to_tsquery(${sql.raw(`'${SEARCH_CONFIG}'`)}, ${q})`

export type OrderFilter = {
  organizationId?: string
  status?: OrderState[]
  q?: string
  /** a registration number as `foldNumber` gives it: that number, its litera numbers, or a pattern's suffix after it */
  number?: string
  /** the registration date */
  date?: string
  /** words of the name of the person who signs or signed (`signerWords`) */
  signer?: string[]
  from?: string
  to?: string
  limit: number
  after?: { createdAt: Date; id: string }
}

/** Newest first, keyset-paged on (created_at, id) so that pages stay stable while orders are added. */
export const listOrders = (db: Db, f: OrderFilter) => {
  const where: (SQL | undefined)[] = []
  if (f.organizationId) where.push(eq(orders.organizationId, f.organizationId))
  if (f.status?.length) where.push(or(...f.status.map((s) => eq(orders.status, s))))
  // the organization's matching orders first, from the GIN index (`offset 0` keeps the planner from turning
  // this into a probe of each order's words, newest first, which reads and unpacks every document until
  // 50 match), then the list's own order over them
  if (f.q) {
    const scope = f.organizationId ? sql`and ${orderSearch.organizationId} = ${f.organizationId}` : sql``
    where.push(sql`${orders.id} in (select ${orderSearch.orderId} from ${orderSearch}
      where ${orderSearch.words} @@ ${searchQuery(f.q)} ${scope} offset 0)`)
  }
  if (f.number) {
    const folded = sql`translate(${orders.number}, ${FOLD_FROM}, ${FOLD_TO})`
    const prefix = f.number.replace(/[\\%_]/g, '\\$&') // the number is text in the pattern, never a wildcard
    where.push(sql`(${folded} = ${f.number} or ${folded} like ${`${prefix}-%`} or ${folded} like ${`${prefix}/%`})`)
  }
  if (f.date) where.push(eq(orders.date, f.date))
  // a signer's name of no letters names nobody
  if (f.signer && !f.signer.length) where.push(sql`false`)
  if (f.signer?.length) {
    const name = sql`' ' || translate(${approvals.name}, ${FOLD_FROM}, ${FOLD_TO})`
    const words = f.signer.map((w) => sql`${name} like ${`% ${w}%`}`)
    where.push(sql`exists (select 1 from ${approvals} where ${approvals.orderId} = ${orders.id}
      and ${approvals.role} = 'signer' and ${and(...words)})`)
  }
  const day = sql`coalesce(${orders.date}, (${orders.createdAt} at time zone ${ORGANIZATION_TIME_ZONE})::date)`
  if (f.from) where.push(gte(day, f.from))
  if (f.to) where.push(lte(day, f.to))
  // a row comparison, which the index reads as one range (an `or` of two conditions it cannot)
  if (f.after)
    where.push(
      sql`(${orders.createdAt}, ${orders.id}) < (${f.after.createdAt.toISOString()}::timestamptz, ${f.after.id}::uuid)`,
    )
  return db
    .select()
    .from(orders)
    .where(and(...where))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(f.limit)
}

/** The title, number and date of each order named, in one query: what a list of control items shows of its orders. */
export const listOrderHeads = (db: Db, ids: string[]) =>
  ids.length
    ? db
        .select({ id: orders.id, title: orders.title, number: orders.number, date: orders.date })
        .from(orders)
        .where(inArray(orders.id, ids))
    : Promise.resolve([])
