import { createHash } from 'node:crypto'
import { asc, eq, sql } from 'drizzle-orm'
import type { Db } from './client'
import { auditEvents, auditHeads } from './schema'

export type AuditInput = {
  organizationId: string
  orderId?: string | null
  action: string
  actor: { type: 'user' | 'link' | 'system'; id?: string | null; name: string }
  fromState?: string | null
  toState?: string | null
  data?: Record<string, unknown>
  ip?: string | null
  userAgent?: string | null
  at: Date
}

const GENESIS = '0'.repeat(64)

type ChainedFields = Omit<typeof auditEvents.$inferSelect, 'seq' | 'hash'>

/** Canonical JSON (sorted keys) so that the hash does not depend on key order. */
const canonical = (v: unknown): string => {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined)
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`
  }
  return JSON.stringify(v ?? null)
}

export const auditHash = (e: ChainedFields): string => createHash('sha256').update(canonical(e)).digest('hex')

/**
 * Appends one event to the organization's chain. The head row is locked for the rest of the
 * transaction, so concurrent appends queue instead of forking the chain.
 */
export const appendAudit = async (tx: Db, input: AuditInput): Promise<void> => {
  await tx.insert(auditHeads).values({ organizationId: input.organizationId, hash: GENESIS }).onConflictDoNothing()
  const [head] = await tx
    .select()
    .from(auditHeads)
    .where(eq(auditHeads.organizationId, input.organizationId))
    .for('update')
  const fields: ChainedFields = {
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
    prevHash: head!.hash,
  }
  const hash = auditHash(fields)
  await tx.insert(auditEvents).values({ ...fields, hash })
  await tx
    .update(auditHeads)
    .set({ hash, count: sql`${auditHeads.count} + 1` })
    .where(eq(auditHeads.organizationId, input.organizationId))
}

export const listOrderAudit = (db: Db, orderId: string) =>
  db.select().from(auditEvents).where(eq(auditEvents.orderId, orderId)).orderBy(asc(auditEvents.seq))

/** Walks an organization's chain; returns the seq of the first event that does not fit, or null. */
export const verifyAuditChain = async (db: Db, organizationId: string): Promise<number | null> => {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.organizationId, organizationId))
    .orderBy(asc(auditEvents.seq))
  let prev = GENESIS
  for (const { seq, hash, ...fields } of rows) {
    const at = new Date(fields.at).toISOString()
    if (fields.prevHash !== prev || auditHash({ ...fields, at }) !== hash) return seq
    prev = hash
  }
  const [head] = await db.select().from(auditHeads).where(eq(auditHeads.organizationId, organizationId))
  return head && head.hash !== prev ? -1 : null
}
