import { createHash } from 'node:crypto'
import { and, asc, desc, eq, gt, inArray, isNull } from 'drizzle-orm'
import type { Db } from './client'
import { auditEvents, auditHeads, orders } from './schema'

export type AuditInput = {
  organizationId: string
  orderId?: string | null
  action: string
  actor: { type: 'user' | 'link' | 'executor' | 'system'; id?: string | null; name: string }
  fromState?: string | null
  toState?: string | null
  data?: Record<string, unknown>
  ip?: string | null
  userAgent?: string | null
  at: Date
}

export const GENESIS = '0'.repeat(64)

export type ChainedFields = Omit<typeof auditEvents.$inferSelect, 'seq' | 'hash'>
export type ChainedEvent = ChainedFields & { hash: string }

/** Canonical JSON (sorted keys) so that the hash does not depend on key order. */
const canonical = (v: unknown): string => {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined)
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`)
      .join(',')}}`
  }
  return JSON.stringify(v ?? null)
}

const auditHash = (e: ChainedFields): string => createHash('sha256').update(canonical(e)).digest('hex')

/** The event as it will be stored, linked to the hash before it. Pure. */
export const chainEvent = (input: AuditInput, prevHash: string): ChainedEvent => {
  const fields = eventFields(input, prevHash)
  return { ...fields, hash: auditHash(fields) }
}

export const eventFields = (input: AuditInput, prevHash: string): ChainedFields => ({
  organizationId: input.organizationId,
  orderId: input.orderId ?? null,
  action: input.action,
  actorType: input.actor.type,
  actorId: input.actor.id ?? null,
  actorName: input.actor.name,
  fromState: input.fromState ?? null,
  toState: input.toState ?? null,
  data: input.data ?? {},
  ip: input.ip ?? null,
  userAgent: input.userAgent ?? null,
  at: input.at.toISOString(),
  prevHash,
})

export const insertAuditEvent = (tx: Db, event: ChainedEvent) => tx.insert(auditEvents).values(event)

/**
 * Events of an order form the order's own chain, whose head sits on the order row: the order's
 * row lock, which every order event holds, orders them without a lock shared by all orders.
 * Events outside any order (users, journals) chain per organization under the head row's lock.
 */
export const appendOrganizationAudit = async (tx: Db, input: AuditInput): Promise<void> => {
  await tx.insert(auditHeads).values({ organizationId: input.organizationId, hash: GENESIS }).onConflictDoNothing()
  const [head] = await tx
    .select()
    .from(auditHeads)
    .where(eq(auditHeads.organizationId, input.organizationId))
    .for('update')
  const event = chainEvent({ ...input, orderId: null }, head!.hash)
  await insertAuditEvent(tx, event)
  await tx
    .update(auditHeads)
    .set({ hash: event.hash, count: head!.count + 1 })
    .where(eq(auditHeads.organizationId, input.organizationId))
}

/** The latest events of an organization outside its orders (its profile, people, directories), newest first. */
export const listOrganizationEvents = (db: Db, organizationId: string, actions: string[], limit = 50) =>
  db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.organizationId, organizationId),
        isNull(auditEvents.orderId),
        inArray(auditEvents.action, actions),
      ),
    )
    .orderBy(desc(auditEvents.seq))
    .limit(limit)

export const listOrderAudit = (db: Db, orderId: string) =>
  db.select().from(auditEvents).where(eq(auditEvents.orderId, orderId)).orderBy(asc(auditEvents.seq))

/** One page of an order's events, oldest first, keyset-paged on seq (`audit_order_idx`): events after `afterSeq`. */
export const listOrderAuditPage = (db: Db, orderId: string, page: { afterSeq?: number; limit: number }) =>
  db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.orderId, orderId),
        page.afterSeq === undefined ? undefined : gt(auditEvents.seq, page.afterSeq),
      ),
    )
    // (order_id, seq), the index's own order (order_id is one value here): for an order with many events the
    // planner would otherwise walk the whole table in seq order, every other order's events included
    .orderBy(asc(auditEvents.orderId), asc(auditEvents.seq))
    .limit(page.limit)

/** Why a chain does not hold: an event whose fields do not give its hash, a link to a hash that is not the one before, or a head that is not the last event. */
export type ChainBreak = { seq: number; reason: 'hash' | 'link' | 'head' }

export type ChainReport = {
  scope: 'organization' | 'order'
  organizationId: string
  orderId?: string
  events: number
  ok: boolean
  brokenAt?: ChainBreak
}

/**
 * Walks one chain in seq order from the genesis hash: each event must link to the hash of the one
 * before and hash to its own stored hash, and the last must be the stored head. A changed row breaks
 * at its own seq (hash), a deleted or reordered one at the next (link), a deleted last one at the head.
 */
export const walkChain = (rows: (typeof auditEvents.$inferSelect)[], head: string): ChainBreak | undefined => {
  let prev = GENESIS
  let lastSeq = 0
  for (const { seq, hash, ...fields } of rows) {
    if (fields.prevHash !== prev) return { seq, reason: 'link' }
    if (auditHash({ ...fields, at: new Date(fields.at).toISOString() }) !== hash) return { seq, reason: 'hash' }
    prev = hash
    lastSeq = seq
  }
  return prev === head ? undefined : { seq: lastSeq, reason: 'head' }
}

const report = (
  base: Omit<ChainReport, 'events' | 'ok' | 'brokenAt'>,
  rows: (typeof auditEvents.$inferSelect)[],
  head: string,
): ChainReport => {
  const brokenAt = walkChain(rows, head)
  return { ...base, events: rows.length, ok: !brokenAt, ...(brokenAt ? { brokenAt } : {}) }
}

/** Every chain of an organization: its own (users, journals) first, then each order's. */
export const auditChains = async (db: Db, organizationId: string): Promise<ChainReport[]> => {
  const [head] = await db.select().from(auditHeads).where(eq(auditHeads.organizationId, organizationId))
  const own = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, organizationId), isNull(auditEvents.orderId)))
    .orderBy(asc(auditEvents.seq))
  const chains = [report({ scope: 'organization', organizationId }, own, head?.hash ?? GENESIS)]
  const orderRows = await db
    .select({ id: orders.id, auditHash: orders.auditHash })
    .from(orders)
    .where(eq(orders.organizationId, organizationId))
    .orderBy(asc(orders.createdAt), asc(orders.id))
  for (const order of orderRows) {
    chains.push(
      report(
        { scope: 'order', organizationId, orderId: order.id },
        await listOrderAudit(db, order.id),
        order.auditHash,
      ),
    )
  }
  return chains
}

/** The first place an organization's chains do not hold, or null when every chain holds. */
export const verifyAuditChain = async (db: Db, organizationId: string): Promise<ChainBreak | null> =>
  (await auditChains(db, organizationId)).find((c) => !c.ok)?.brokenAt ?? null
