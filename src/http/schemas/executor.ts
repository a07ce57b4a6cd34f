import { z } from '@hono/zod-openapi'
import { Id, Timestamp } from './common'
import { ControlItem } from './control'

/** What the executor's side answers (routes/executor.ts) and the controller's links for executors. */
export const ExecutorItems = z
  .object({ executor: z.object({ id: Id, name: z.string() }), items: z.array(ControlItem) })
  .meta({ id: 'ExecutorItems' })
export const Acknowledged = z.object({ orderId: Id, confirmedAt: Timestamp }).meta({ id: 'Acknowledged' })
export const ExecutorLink = z.object({ url: z.string() }).meta({ id: 'ExecutorLink' })
export const ExecutorLinkRevoked = z
  .object({ id: Id, revoked: z.number().int().meta({ description: 'links revoked' }) })
  .meta({ id: 'ExecutorLinkRevoked' })
