import { describe, expect, it } from 'vitest'
import { testDatabases } from '../support/databases'
import { sampleContent, tokenOf, useHarness } from '../support/harness'
import { approver, director } from '../support/people'

const RACERS = 6

describe.each(testDatabases())('racing uses of one link ($name)', ({ open }) => {
  const h = useHarness(open)

  const submit = async (route: object) => {
    const clerk = h.orgs[0]!.clerk
    const id = (await h.call('POST', '/api/orders', { token: clerk, body: sampleContent() })).body.id as string
    const res = await h.call('POST', `/api/orders/${id}/submit`, { token: clerk, body: route })
    expect(res.status).toBe(200)
    return { id, tokens: (res.body.links as { url: string }[]).map((l) => tokenOf(l.url)) }
  }

  const race = (path: string, body?: object) =>
    Promise.all(Array.from({ length: RACERS }, () => h.call('POST', path, { body })))

  const history = async (id: string) =>
    (await h.call('GET', `/api/orders/${id}/history`, { token: h.orgs[0]!.clerk })).body.events as {
      action: string
    }[]

  it('of parallel approvals by one link exactly one succeeds, every other is 410', async () => {
    const o = await submit({ approvers: [approver(), approver(1)], sequential: false, signer: director() })
    const answers = await race(`/api/links/${o.tokens[0]}/approve`, {})
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(RACERS - 1).fill(410)])
    for (const a of answers.filter((x) => x.status === 410)) expect(a.body.error.message).toContain('использована')
    expect((await history(o.id)).filter((e) => e.action === 'approved')).toHaveLength(1)
  })

  it('of parallel signatures by one link exactly one succeeds, every other is 410', async () => {
    const o = await submit({ approvers: [], sequential: false, signer: director() })
    const answers = await race(`/api/links/${o.tokens[0]}/sign`)
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(RACERS - 1).fill(410)])
    expect((await history(o.id)).filter((e) => e.action === 'signed')).toHaveLength(1)
  })

  it('a decision racing a cancellation either lands before it or finds the link revoked (410)', async () => {
    const o = await submit({ approvers: [approver()], sequential: false, signer: director() })
    const [approve, cancel] = await Promise.all([
      h.call('POST', `/api/links/${o.tokens[0]}/approve`, { body: {} }),
      h.call('POST', `/api/orders/${o.id}/cancel`, { token: h.orgs[0]!.clerk, body: { reason: 'не нужен' } }),
    ])
    expect(cancel.status).toBe(200)
    expect([200, 410]).toContain(approve.status)
  })
})
