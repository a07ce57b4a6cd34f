import { and, eq, sql } from 'drizzle-orm'
import type { Db } from './client'
import { approvals, orders } from './schema'

/** The latest round of an order's approvals: a return's visas are of it until the order is sent again. */
const latestRound = sql`(select max(r.round) from ${approvals} r where r.order_id = ${orders.id})`

/**
 * The clerk's piles: drafts (never sent, or sent again and returned), on approval or signature, returned for
 * revision (a draft whose latest round has a return), signed and waiting for registration.
 */
export const countClerkPiles = async (db: Db, organizationId: string) => {
  const returned = sql<boolean>`exists (select 1 from ${approvals} a where a.order_id = ${orders.id}
    and a.decision = 'returned' and a.round = ${latestRound})`
  const [row] = await db
    .select({
      drafts: sql<number>`count(*) filter (where ${orders.status} = 'draft' and not ${returned})::int`,
      returned: sql<number>`count(*) filter (where ${orders.status} = 'draft' and ${returned})::int`,
      onApproval: sql<number>`count(*) filter (where ${orders.status} in ('approval', 'signature'))::int`,
      signed: sql<number>`count(*) filter (where ${orders.status} = 'signed')::int`,
    })
    .from(orders)
    .where(
      and(
        eq(orders.organizationId, organizationId),
        sql`${orders.status} in ('draft', 'approval', 'signature', 'signed')`,
      ),
    )
  return row ?? { drafts: 0, returned: 0, onApproval: 0, signed: 0 }
}

/**
 * The orders waiting for this person's decision now: a visa of the step whose turn it is (the lowest step with a
 * visa pending in the order's latest round), or the signature of an order on signature.
 */
export const listAwaitingDecision = (db: Db, userId: string) =>
  db
    .select({ id: orders.id, title: orders.title, kind: orders.kind, role: approvals.role, status: orders.status })
    .from(approvals)
    .innerJoin(orders, eq(orders.id, approvals.orderId))
    .where(
      and(
        eq(approvals.userId, userId),
        eq(approvals.decision, 'pending'),
        sql`${approvals.round} = ${latestRound}`,
        sql`((${approvals.role} = 'signer' and ${orders.status} = 'signature') or (${approvals.role} = 'approver'
          and ${orders.status} = 'approval' and ${approvals.step} = (select min(s.step) from ${approvals} s
            where s.order_id = ${orders.id} and s.round = ${approvals.round} and s.role = 'approver'
              and s.decision = 'pending')))`,
      ),
    )
    .orderBy(orders.createdAt)
    .limit(200)
