import { z } from 'zod'
import { auditChains } from '../db/audit'
import { listOrganizations } from '../db/users'
import { authorize, organizationScope } from './access'
import type { ServiceContext } from './context'

export const AuditVerification = z
  .object({
    ok: z.boolean(),
    chains: z.array(
      z.object({
        scope: z.enum(['organization', 'order']),
        organizationId: z.string(),
        orderId: z.string().optional(),
        events: z.number().int(),
        ok: z.boolean(),
        brokenAt: z
          .object({
            seq: z.number().int(),
            reason: z
              .enum(['hash', 'link', 'head'])
              .describe(
                'hash: the event does not give its hash; link: it does not follow the one before; head: the stored head is not the last event',
              ),
          })
          .optional(),
      }),
    ),
  })
  .meta({ id: 'AuditVerification' })

/**
 * Walks the audit chains an admin answers for: the installation's admin every organization's, an
 * organization's admin its own. Reads only; a broken chain is reported, not repaired.
 */
export const verifyAudit = async (ctx: ServiceContext): Promise<z.infer<typeof AuditVerification>> => {
  const scope = organizationScope(authorize(ctx, 'audit.verify'))
  const organizations = scope ? [scope] : (await listOrganizations(ctx.db)).map((o) => o.id)
  const chains = []
  for (const id of organizations) chains.push(...(await auditChains(ctx.db, id)))
  return { ok: chains.every((c) => c.ok), chains }
}
