import { describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../src/db/audit'
import type { Db } from '../../src/db/client'
import { findUserByEmail } from '../../src/db/users'
import type { ServiceContext } from '../../src/services/context'
import { registerOrder } from '../../src/services/register-order'
import { sampleContent, tokenOf, useHarness } from '../support/harness'
import { director } from '../support/people'
import { testDatabases } from '../support/databases'

describe.each(testDatabases(20))('registration numbers under concurrency ($name)', ({ open }) => {
  const h = useHarness(open)

  const signedOrder = async (clerk: string) => {
    const id = (await h.call('POST', '/api/orders', { token: clerk, body: sampleContent() })).body.id as string
    const link = (
      await h.call('POST', `/api/orders/${id}/submit`, {
        token: clerk,
        body: { approvers: [], sequential: false, signer: director(0, clerk === h.orgs[1]!.clerk ? 1 : 0) },
      })
    ).body.links[0].url
    expect((await h.call('POST', `/api/links/${tokenOf(link)}/sign`)).status).toBe(200)
    return id
  }
  /**
   * Signed orders to register. Each submission renders and each signature signs, so they are made a few at
   * a time (the rendering queue is bounded); the concurrency under test is the registrations' alone.
   */
  const signedOrders = async (n: number, org = 0) => {
    const ids: string[] = []
    for (let i = 0; i < n; i += 4)
      ids.push(
        ...(await Promise.all(Array.from({ length: Math.min(4, n - i) }, () => signedOrder(h.orgs[org]!.clerk)))),
      )
    return ids
  }

  it('gives 100 concurrent registrations in one journal 100 distinct consecutive numbers', async () => {
    const ids = await signedOrders(100)
    const results = await Promise.all(
      ids.map((id) => h.call('POST', `/api/orders/${id}/register`, { token: h.orgs[0]!.clerk, body: {} })),
    )
    expect(results.map((r) => r.status)).toEqual(ids.map(() => 200))
    const numbers = results.map((r) => r.body.number as string)
    expect(new Set(numbers).size).toBe(100)
    const seqs = numbers.map((n) => Number(n.replace('-ОД', ''))).sort((a, b) => a - b)
    expect(seqs).toEqual(Array.from({ length: 100 }, (_, i) => i + 1))
    // the audit chain did not fork under the same concurrency
    expect(await verifyAuditChain(h.database.db, h.orgs[0]!.id)).toBeNull()
  }, 600_000)

  it('returns a number to the journal when the registration fails, so no gap appears', async () => {
    const [ok, later] = await signedOrders(2, 1)
    // a registration whose transaction then fails gives its number back with the rollback
    const clerk: ServiceContext = {
      ...h.deps,
      actor: {
        type: 'user',
        id: (await findUserByEmail(h.database.db, 'clerk1@test.local'))!.id,
        name: 'clerk 1',
        role: 'clerk',
        organizationId: h.orgs[1]!.id,
      },
      meta: {},
    }
    await expect(
      h.database.db.transaction(async (tx) => {
        expect((await registerOrder({ ...clerk, db: tx as unknown as Db }, ok!, {})).number).toBe('1-ОД')
        throw new Error('failed after the number was taken')
      }),
    ).rejects.toThrow('failed after the number was taken')
    expect((await h.call('GET', `/api/orders/${ok}`, { token: h.orgs[1]!.clerk })).body).toMatchObject({
      status: 'signed',
      number: null,
    })
    const first = await h.call('POST', `/api/orders/${ok}/register`, { token: h.orgs[1]!.clerk, body: {} })
    const second = await h.call('POST', `/api/orders/${later}/register`, { token: h.orgs[1]!.clerk, body: {} })
    expect([first.body.number, second.body.number]).toEqual(['1-ОД', '2-ОД'])
    // registering twice is refused and takes no number
    expect((await h.call('POST', `/api/orders/${ok}/register`, { token: h.orgs[1]!.clerk, body: {} })).status).toBe(409)
  })
})
