import { appendAudit, type AuditInput } from '../db/audit'
import type { Db } from '../db/client'
import type { ServiceContext } from './context'

/** Writes the audit event of a use case with its actor, time, IP and user agent, inside its transaction. */
export const recordEvent = (
  tx: Db,
  ctx: ServiceContext,
  event: Omit<AuditInput, 'actor' | 'ip' | 'userAgent' | 'at'> & { at?: Date },
) =>
  appendAudit(tx, {
    ...event,
    at: event.at ?? ctx.clock.now(),
    actor: { type: ctx.actor.type === 'anonymous' ? 'system' : ctx.actor.type, id: 'id' in ctx.actor ? ctx.actor.id : null, name: ctx.actor.name },
    ip: ctx.meta.ip,
    userAgent: ctx.meta.userAgent,
  })
