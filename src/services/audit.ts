import { appendOrganizationAudit, chainEvent, type AuditInput, type ChainedEvent } from '../db/audit'
import type { Db } from '../db/client'
import type { ServiceContext } from './context'

type EventFields = Omit<AuditInput, 'actor' | 'ip' | 'userAgent' | 'at'> & { at?: Date }

const withActor = (ctx: ServiceContext, event: EventFields): AuditInput => ({
  ...event,
  at: event.at ?? ctx.clock.now(),
  actor: {
    type: ctx.actor.type === 'anonymous' ? 'system' : ctx.actor.type,
    id: 'id' in ctx.actor ? ctx.actor.id : null,
    name: ctx.actor.name,
  },
  ip: ctx.meta.ip,
  userAgent: ctx.meta.userAgent,
})

/** An event outside any order (organizations, users, journals), with its actor, time, IP and user agent. */
export const recordEvent = (tx: Db, ctx: ServiceContext, event: Omit<EventFields, 'orderId'>) =>
  appendOrganizationAudit(tx, withActor(ctx, event))

/** An order's next event, chained to the order's head hash; the caller stores it with the order row. */
export const orderEvent = (
  ctx: ServiceContext,
  order: { id: string; organizationId: string; auditHash: string },
  event: Omit<EventFields, 'orderId' | 'organizationId'>,
): ChainedEvent =>
  chainEvent(withActor(ctx, { ...event, orderId: order.id, organizationId: order.organizationId }), order.auditHash)
