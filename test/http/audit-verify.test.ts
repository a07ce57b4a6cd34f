import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { queryRows } from '../../src/db/raw'
import { sampleContent, useHarness } from '../support/harness'
import { testDatabases } from '../support/databases'

type Chain = { scope: string; organizationId: string; orderId?: string; ok: boolean; brokenAt?: unknown }

describe.each(testDatabases())('GET /api/audit/verify ($name)', ({ open }) => {
  const h = useHarness(open)

  it('is for admins only', async () => {
    expect((await h.call('GET', '/api/audit/verify')).status).toBe(401)
    expect((await h.call('GET', '/api/audit/verify', { token: h.orgs[0]!.clerk })).status).toBe(403)
  })

  it('reports every chain; a tampered row by its seq, to the installation admin and only its own to an org admin', async () => {
    const ids = []
    for (const org of h.orgs)
      ids.push((await h.call('POST', '/api/orders', { token: org.clerk, body: sampleContent() })).body.id as string)
    const root = await h.installationAdmin()
    const clean = await h.call('GET', '/api/audit/verify', { token: root })
    expect(clean.status).toBe(200)
    expect(clean.body.ok).toBe(true)
    const orgIds = new Set(clean.body.chains.map((c: Chain) => c.organizationId))
    expect(orgIds).toEqual(new Set(h.orgs.map((o) => o.id)))
    expect(clean.body.chains.filter((c: Chain) => c.scope === 'order').map((c: Chain) => c.orderId)).toEqual(
      expect.arrayContaining(ids),
    )

    const [event] = await queryRows<{ seq: number }>(
      h.database.db,
      sql`select seq from audit_events where order_id = ${ids[1]!} order by seq limit 1`,
    )
    await h.database.db.execute(sql`update audit_events set data = '{}'::jsonb where seq = ${event!.seq}`)
    const broken = await h.call('GET', '/api/audit/verify', { token: root })
    expect(broken.body.ok).toBe(false)
    expect(broken.body.chains.filter((c: Chain) => !c.ok)).toEqual([
      {
        scope: 'order',
        organizationId: h.orgs[1]!.id,
        orderId: ids[1],
        events: 1,
        ok: false,
        brokenAt: { seq: Number(event!.seq), reason: 'hash' },
      },
    ])

    // the first organization's admin sees its own chains, which hold
    const own = await h.call('GET', '/api/audit/verify', { token: h.orgs[0]!.admin })
    expect(own.body.ok).toBe(true)
    expect(new Set(own.body.chains.map((c: Chain) => c.organizationId))).toEqual(new Set([h.orgs[0]!.id]))
    // the second's sees the break
    const other = await h.call('GET', '/api/audit/verify', { token: h.orgs[1]!.admin })
    expect(other.body.ok).toBe(false)
  })

  it('is described in OpenAPI with its answer', async () => {
    const doc = (await h.call('GET', '/openapi.json')).body
    const op = doc.paths['/api/audit/verify'].get
    expect(op.security).toEqual([{ bearer: [] }])
    expect(op.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/AuditVerification')
    expect(Object.keys(doc.components.schemas.AuditVerification.properties)).toEqual(['ok', 'chains'])
  })
})
