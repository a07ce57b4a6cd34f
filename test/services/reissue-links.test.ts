import { describe, expect, it } from 'vitest'
import { testDatabases } from '../support/databases'
import { sampleContent, tokenOf, useHarness } from '../support/harness'
import { approver, approverAccount, director, directorAccount } from '../support/people'

type Link = { role: string; name: string; url: string; expiresAt: string }

describe.each(testDatabases())('re-issuing the links of a stuck order ($name)', ({ open }) => {
  const h = useHarness(open)
  const clerk = () => h.orgs[0]!.clerk

  const submit = async (route: object) => {
    const id = (await h.call('POST', '/api/orders', { token: clerk(), body: sampleContent() })).body.id as string
    const res = await h.call('POST', `/api/orders/${id}/submit`, { token: clerk(), body: route })
    expect(res.status).toBe(200)
    return { id, tokens: (res.body.links as Link[]).map((l) => tokenOf(l.url)) }
  }
  const reissue = (id: string, token = clerk()) => h.call('POST', `/api/orders/${id}/links/reissue`, { token })
  const expireLinks = () => h.setClock(new Date(h.clock.now().getTime() + 8 * 86_400_000))

  it('revives an order whose links expired: old links 410, new ones decide, step by step', async () => {
    const o = await submit({ approvers: [approver(), approver(1)], sequential: true, signer: director() })
    const [a, b, c] = o.tokens
    await expireLinks()
    expect((await h.call('POST', `/api/links/${a}/approve`, { body: {} })).status).toBe(410)

    const first = await reissue(o.id)
    expect(first.status).toBe(200)
    expect(first.body.status).toBe('approval')
    expect(first.body.links.map((l: Link) => [l.role, l.name])).toEqual([['approver', approverAccount(0).name]])
    expect(new Date(first.body.links[0].expiresAt).getTime()).toBe(h.clock.now().getTime() + 7 * 86_400_000)
    const a2 = tokenOf(first.body.links[0].url)
    const old = await h.call('POST', `/api/links/${a}/approve`, { body: {} })
    expect(old.status).toBe(410)
    expect(old.body.error.message).toContain('отозвана')
    expect((await h.call('POST', `/api/links/${a2}/approve`, { body: {} })).body.status).toBe('approval')

    // B's link has not expired yet; re-issuing revokes it all the same
    const second = (await reissue(o.id)).body
    expect(second.links.map((l: Link) => [l.role, l.name])).toEqual([['approver', approverAccount(1).name]])
    expect((await h.call('POST', `/api/links/${b}/approve`, { body: {} })).status).toBe(410)
    const b2 = tokenOf(second.links[0].url)
    expect((await h.call('POST', `/api/links/${b2}/approve`, { body: {} })).body.status).toBe('signature')

    const third = (await reissue(o.id)).body
    expect([third.status, third.links.map((l: Link) => [l.role, l.name])]).toEqual([
      'signature',
      [['signer', directorAccount(0).name]],
    ])
    expect((await h.call('POST', `/api/links/${c}/sign`)).status).toBe(410)
    expect((await h.call('POST', `/api/links/${tokenOf(third.links[0].url)}/sign`)).body.status).toBe('signed')

    // the audit log records every re-issue, and no token is in it
    const events = (await h.call('GET', `/api/orders/${o.id}/history`, { token: clerk() })).body.events as {
      action: string
      data: { approvals: { name: string }[] }
      fromState: string
      toState: string
    }[]
    const reissued = events.filter((e) => e.action === 'links_reissued')
    expect(reissued.map((e) => [e.fromState, e.toState, e.data.approvals.map((p) => p.name)])).toEqual([
      ['approval', 'approval', [approverAccount(0).name]],
      ['approval', 'approval', [approverAccount(1).name]],
      ['signature', 'signature', [directorAccount(0).name]],
    ])
    const logged = JSON.stringify(events)
    const tokens = [
      a,
      b,
      c,
      a2,
      b2,
      ...[first, { body: second }, { body: third }].map((r) => tokenOf(r.body.links[0].url)),
    ]
    for (const t of tokens) expect(logged).not.toContain(t!)
    expect(logged).not.toContain('/links/')
  })

  it('re-issues only the undecided approvers of a parallel step', async () => {
    const o = await submit({ approvers: [approver(), approver(1)], sequential: false, signer: director() })
    expect((await h.call('POST', `/api/links/${o.tokens[0]}/approve`, { body: {} })).status).toBe(200)
    const res = await reissue(o.id)
    expect(res.body.links.map((l: Link) => l.name)).toEqual([approverAccount(1).name])
    // the signer's link of the round is untouched while approval runs
    expect((await h.call('GET', `/links/${o.tokens[2]}`)).status).toBe(200)
  })

  it('is a 409 where no link is awaited, and nothing changes', async () => {
    const draft = (await h.call('POST', '/api/orders', { token: clerk(), body: sampleContent() })).body.id
    const signed = await submit({ approvers: [], sequential: false, signer: director() })
    await h.call('POST', `/api/links/${signed.tokens[0]}/sign`)
    for (const [id, state] of [
      [draft, 'draft'],
      [signed.id, 'signed'],
    ]) {
      const before = (await h.call('GET', `/api/orders/${id}`, { token: clerk() })).body
      const res = await reissue(id)
      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('lifecycle_forbids')
      expect(res.body.error.details.state).toBe(state)
      expect((await h.call('GET', `/api/orders/${id}`, { token: clerk() })).body).toEqual(before)
    }
  })

  it('is for the clerk: a controller gets 403, anonymous 401', async () => {
    const o = await submit({ approvers: [approver()], sequential: false, signer: director() })
    expect((await reissue(o.id, h.orgs[0]!.controller)).status).toBe(403)
    expect((await h.call('POST', `/api/orders/${o.id}/links/reissue`)).status).toBe(401)
    expect((await h.call('POST', `/api/links/${o.tokens[0]}/approve`, { body: {} })).status).toBe(200)
  })

  it('is described in the OpenAPI document', async () => {
    const doc = (await h.call('GET', '/openapi.json')).body
    const op = doc.paths['/api/orders/{id}/links/reissue']?.post
    expect(op?.responses).toHaveProperty('200')
    expect(op?.responses).toHaveProperty('409')
  })
})
