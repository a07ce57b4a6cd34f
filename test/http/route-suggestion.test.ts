import { describe, expect, it } from 'vitest'
import { sampleContent, useHarness } from '../support/harness'
import { approver, approverId, director, directorId } from '../support/people'
import { testDatabases } from '../support/databases'

describe.each(testDatabases())('the route offered when sending ($name)', ({ open }) => {
  const h = useHarness(open)
  const clerk = () => h.orgs[0]!.clerk
  const draft = async (over = {}) =>
    (await h.call('POST', '/api/orders', { token: clerk(), body: sampleContent(over) })).body.id as string
  const suggestion = async (id: string) =>
    (await h.call('GET', `/api/orders/${id}/route-suggestion`, { token: clerk() })).body

  it('takes the signer from the signer block, then the approvers of the last route of the kind, never another kind’s', async () => {
    // «Е.В. Смирнова» of the sample is the account «Смирнова Елена Викторовна» (director 0); no route yet
    const first = await draft()
    expect(await suggestion(first)).toMatchObject({
      steps: [],
      signer: { userId: directorId(0) },
      signerFrom: 'document',
      saved: false,
    })
    const sent = await h.call('POST', `/api/orders/${first}/submit`, {
      token: clerk(),
      body: { steps: [[approver(1), approver(2)], [approver(3)]], signer: director(1) },
    })
    expect(sent.status).toBe(200)

    // the next order of the kind is offered the same steps; its signer block names director 0, who is offered
    const second = await draft()
    const offered = await suggestion(second)
    expect(offered.steps.map((s: { userId: string }[]) => s.map((p) => p.userId))).toEqual([
      [approverId(1), approverId(2)],
      [approverId(3)],
    ])
    expect(offered).toMatchObject({ signer: { userId: directorId(0) }, signerFrom: 'document', saved: true })
    // a signer block that names no account: the last route's signer
    const unnamed = await draft({ signer: { position: 'Директор', name: 'И.И. Иванов' } })
    expect(await suggestion(unnamed)).toMatchObject({ signer: { userId: directorId(1) }, signerFrom: 'saved' })
    // another kind has a route of its own
    const order = await draft({ kind: 'rasporyazhenie', signer: { position: 'Директор', name: 'И.И. Иванов' } })
    expect(await suggestion(order)).toMatchObject({ steps: [], signer: null, saved: false })

    // the order page's form has them chosen: a clerk only presses «Отправить»
    const page = await h.call('GET', `/orders/${second}`, { token: clerk() })
    expect(page.text).toMatch(new RegExp(`<option value="${approverId(1)}" selected="">`))
    expect(page.text).toMatch(new RegExp(`<option value="${directorId(0)}" selected="">`))
    expect(page.text).toContain('Подписывающий взят из подписи в тексте приказа.')
  })

  it('offers nobody disabled, and nothing of another organization', async () => {
    const id = await draft()
    await h.call('POST', `/api/orders/${id}/submit`, {
      token: clerk(),
      body: { approvers: [approver(5), approver(6)], sequential: true, signer: director(2) },
    })
    const admin = h.orgs[0]!.admin
    expect(
      (await h.call('PATCH', `/api/users/${approverId(5)}`, { token: admin, body: { disabled: true } })).status,
    ).toBe(200)
    const next = await draft()
    expect((await suggestion(next)).steps).toEqual([[expect.objectContaining({ userId: approverId(6) })]])
    expect((await h.call('GET', `/api/orders/${next}/route-suggestion`, { token: h.orgs[1]!.clerk })).status).toBe(403)
  })
})
