import { z } from '@hono/zod-openapi'

/** What the probes answer, 200 or 503 alike: a load balancer reads the status. */
export const Health = z
  .object({
    status: z.enum(['ok', 'down']),
    database: z.object({ reachable: z.boolean(), ms: z.number().optional(), error: z.string().optional() }),
  })
  .meta({ id: 'Health' })
export const Readiness = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    failing: z.array(z.string()),
    checks: z.record(z.string(), z.object({ ok: z.boolean() }).catchall(z.unknown())),
  })
  .meta({ id: 'Readiness' })
export const Live = z.object({ status: z.literal('live') }).meta({ id: 'Live' })
