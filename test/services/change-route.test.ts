import { PDFDocument } from '@cantoo/pdf-lib'
import { describe, expect, it } from 'vitest'
import { findOrder } from '../../src/db/orders'
import { findRendering } from '../../src/db/renderings'
import { testDatabases } from '../support/databases'
import { sampleContent, tokenOf, useHarness } from '../support/harness'
import { approver, approverAccount, director, directorAccount } from '../support/people'
import { hasTool, pdfText } from '../support/tools'

type Link = { role: string; name: string; url: string }

describe.each(testDatabases())('changing the route before anyone decided ($name)', ({ open }) => {
  const h = useHarness(open)
  const clerk = () => h.orgs[0]!.clerk

  const submit = async (route: object) => {
    const id = (await h.call('POST', '/api/orders', { token: clerk(), body: sampleContent() })).body.id as string
    const res = await h.call('POST', `/api/orders/${id}/submit`, { token: clerk(), body: route })
    expect(res.status).toBe(200)
    return { id, tokens: (res.body.links as Link[]).map((l) => tokenOf(l.url)) }
  }
  const changeRoute = (id: string, route: object, token = clerk()) =>
    h.call('PUT', `/api/orders/${id}/route`, { token, body: route })
  const approve = (t: string) => h.call('POST', `/api/links/${t}/approve`, { body: {} })
  /** The file the round's visas and signature go on (revision round·1000 of the version). */
  const fileToSign = async (id: string, round: number) =>
    (await findRendering(h.deps.db, {
      orderId: id,
      version: 1,
      stage: 'signed',
      format: 'pdf',
      revision: round * 1000,
    }))!
  const fieldNames = async (pdf: Uint8Array) =>
    (await PDFDocument.load(pdf))
      .getForm()
      .getFields()
      .map((f) => f.getName())

  it('renders the file to sign again, revokes the old links and runs the new route to the signature', async () => {
    const o = await submit({ approvers: [approver(0)], sequential: true, signer: director(0) })
    const pinnedBefore = (await findOrder(h.deps.db, o.id))!.documentSha256
    const res = await changeRoute(o.id, {
      steps: [[approver(1)], [approver(2)]],
      signer: director(1),
    })
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('approval')
    expect((res.body.links as Link[]).map((l) => [l.role, l.name])).toEqual([
      ['approver', approverAccount(1).name],
      ['approver', approverAccount(2).name],
      ['signer', directorAccount(1).name],
    ])
    // the old route's links are gone, the person who stayed off the route and the old signer alike
    const old = await approve(o.tokens[0]!)
    expect(old.status).toBe(410)
    expect(old.body.error.message).toContain('маршрут изменён')
    expect((await h.call('POST', `/api/links/${o.tokens[1]}/sign`)).status).toBe(410)

    // the file to sign of the new round: two visa fields and the signer's, the new signer printed, pinned
    const file = await fileToSign(o.id, 2)
    const order = (await findOrder(h.deps.db, o.id))!
    expect(order.documentSha256).toBe(file.sha256)
    expect(order.documentSha256).not.toBe(pinnedBefore)
    expect((await fieldNames(file.bytes)).filter((n) => /^(visa\d+|signer)$/.test(n)).sort()).toEqual([
      'signer',
      'visa1',
      'visa2',
    ])
    if (hasTool('pdftotext')) {
      const text = pdfText(file.bytes)
      expect(text).toContain('С.Н. Петров') // director 1, «Петров Сергей Николаевич»
      expect(text).not.toContain('Е.В. Смирнова')
    }

    const [a1, a2, d1] = (res.body.links as Link[]).map((l) => tokenOf(l.url))
    expect((await approve(a1!)).body.status).toBe('approval')
    expect((await approve(a2!)).body.status).toBe('signature')
    expect((await h.call('POST', `/api/links/${d1}/sign`)).body.status).toBe('signed')
    const signed = await h.app.request(`/api/orders/${o.id}/signed.pdf`, {
      headers: { authorization: `Bearer ${clerk()}` },
    })
    const report = await (
      await h.app.request('/api/verify', { method: 'POST', body: new Uint8Array(await signed.arrayBuffer()) })
    ).json()
    expect(report.overall).toBe('valid')
    expect(report.signatures.map((s: { signer?: { commonName: string } }) => s.signer?.commonName)).toEqual([
      approverAccount(1).name,
      approverAccount(2).name,
      directorAccount(1).name,
    ])

    const events = (await h.call('GET', `/api/orders/${o.id}/history`, { token: clerk() })).body.events as {
      action: string
      fromState: string
      toState: string
      data: { round: number; previous: { round: number; people: { name: string }[] }; signer: string }
    }[]
    const changed = events.filter((e) => e.action === 'route_changed')
    expect(changed.map((e) => [e.fromState, e.toState, e.data.round, e.data.signer])).toEqual([
      ['approval', 'approval', 2, directorAccount(1).name],
    ])
    expect(changed[0]!.data.previous).toMatchObject({
      round: 1,
      people: [{ name: approverAccount(0).name }, { name: directorAccount(0).name }],
    })
    expect(JSON.stringify(events)).not.toContain('/links/')
  })

  it('takes an order waiting on its signer alone into approval when the new route names approvers', async () => {
    const o = await submit({ approvers: [], sequential: false, signer: director(0) })
    const res = await changeRoute(o.id, { approvers: [approver(3)], sequential: false, signer: director(0) })
    expect(res.body.status).toBe('approval')
    const [a, d] = (res.body.links as Link[]).map((l) => tokenOf(l.url))
    expect((await h.call('POST', `/api/links/${d}/sign`)).status).toBe(409) // not the signer's turn yet
    expect((await h.call('POST', `/api/links/${o.tokens[0]}/sign`)).status).toBe(410)
    expect((await approve(a!)).body.status).toBe('signature')
  })

  it('is a 409 after a decision, saying to return the order first; nothing changes', async () => {
    const o = await submit({ approvers: [approver(0), approver(1)], sequential: false, signer: director(0) })
    expect((await approve(o.tokens[0]!)).status).toBe(200)
    const before = (await h.call('GET', `/api/orders/${o.id}`, { token: clerk() })).body
    const res = await changeRoute(o.id, { approvers: [approver(2)], sequential: false, signer: director(0) })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('lifecycle_forbids')
    expect(res.body.error.message).toContain('возвращён на доработку')
    expect(res.body.error.details.state).toBe('approval')
    expect(before.allowedActions).not.toContain('change_route')
    expect((await h.call('GET', `/api/orders/${o.id}`, { token: clerk() })).body).toEqual(before)
    // the route goes on: the other approver's link still decides
    expect((await approve(o.tokens[1]!)).body.status).toBe('signature')
  })

  it('lets a decision and a route change at once not both win', async () => {
    for (let i = 0; i < 3; i++) {
      const o = await submit({ approvers: [approver(0)], sequential: false, signer: director(0) })
      const [decision, change] = await Promise.all([
        approve(o.tokens[0]!),
        changeRoute(o.id, { approvers: [approver(1)], sequential: false, signer: director(0) }),
      ])
      expect([
        [200, 409],
        [410, 200],
      ]).toContainEqual([decision.status, change.status])
      const order = (await h.call('GET', `/api/orders/${o.id}`, { token: clerk() })).body
      const decided = order.approvals.filter((a: { decision: string }) => a.decision === 'approved')
      // a visa given belongs to the only round there is; a route changed leaves the old round undecided
      expect(decided.map((a: { round: number }) => a.round)).toEqual(decision.status === 200 ? [1] : [])
      expect(Math.max(...order.approvals.map((a: { round: number }) => a.round))).toBe(change.status === 200 ? 2 : 1)
    }
  })

  it('refuses a route of names, another organization’s people or a non-director signer (422), and the controller (403)', async () => {
    const o = await submit({ approvers: [approver(0)], sequential: false, signer: director(0) })
    const before = (await h.call('GET', `/api/orders/${o.id}`, { token: clerk() })).body
    const typed = await changeRoute(o.id, {
      approvers: [{ name: 'Рубцов А.А.', email: 'r@x.test' }],
      signer: director(0),
    })
    expect(typed.status).toBe(422)
    const foreign = await changeRoute(o.id, { approvers: [approver(1, 1)], signer: director(0) })
    expect([foreign.status, foreign.body.error.details[0].path]).toEqual([422, 'approvers.0.userId'])
    expect((await changeRoute(o.id, { approvers: [], signer: approver(1) })).status).toBe(422)
    expect((await changeRoute(o.id, { approvers: [], signer: director(1) }, h.orgs[0]!.controller)).status).toBe(403)
    expect((await changeRoute(o.id, { approvers: [], signer: director(1) }, h.orgs[1]!.clerk)).status).toBe(403)
    expect((await h.call('GET', `/api/orders/${o.id}`, { token: clerk() })).body).toEqual(before)
    expect((await approve(o.tokens[0]!)).status).toBe(200)
  })
})
