import { describe, expect, it } from 'vitest'
import { sampleContent, tokenOf, useHarness } from '../support/harness'
import { approver, approverAccount, director, directorAccount } from '../support/people'
import { testDatabases } from '../support/databases'

describe.each(testDatabases())("the director's return ($name)", ({ open }) => {
  const h = useHarness(open)
  const clerk = () => h.orgs[0]!.clerk

  const atSignature = async () => {
    const id = (await h.call('POST', '/api/orders', { token: clerk(), body: sampleContent() })).body.id as string
    const links = (
      await h.call('POST', `/api/orders/${id}/submit`, {
        token: clerk(),
        body: { approvers: [approver(1)], signer: director() },
      })
    ).body.links as { url: string }[]
    const [visa, sign] = links.map((l) => tokenOf(l.url))
    return { id, visa: visa!, sign: sign! }
  }

  it('is refused before the signer’s turn and without a comment; then returns the order to draft and revokes every link', async () => {
    const { id, visa, sign } = await atSignature()
    // during approval the signer's turn has not come
    const early = await h.call('POST', `/api/links/${sign}/return`, { body: { comment: 'Нет' } })
    expect(early.status).toBe(409)
    expect(early.body.error.message).toContain('Вернуть приказ можно, когда он дойдёт до подписания')
    expect((await h.call('POST', `/api/links/${visa}/approve`, { body: {} })).status).toBe(200)

    // the page shows the visas (who, when) and offers the return beside the signature
    const page = await h.call('GET', `/links/${sign}`)
    expect(page.text).toContain('Визы согласования')
    expect(page.text).toMatch(new RegExp(`${approverAccount(1).name}</b>, [^:]*: согласовано \\d{2}\\.\\d{2}\\.\\d{4}`))
    expect(page.text).toContain('Вернуть на доработку')
    expect(page.text).toContain('Да, подписать')

    const empty = await h.call('POST', `/api/links/${sign}/return`, { body: { comment: '  ' } })
    expect(empty.status).toBe(422)
    expect((await h.call('GET', `/api/orders/${id}`, { token: clerk() })).body.status).toBe('signature')

    const back = await h.call('POST', `/api/links/${sign}/return`, { body: { comment: 'Срок в п. 2 нереален' } })
    expect(back.status).toBe(200)
    expect(back.body.status).toBe('draft')
    expect((await h.call('POST', `/api/links/${sign}/sign`, { body: {} })).status).toBe(410)
    expect((await h.call('GET', `/links/${sign}`)).status).toBe(410)

    const history = (await h.call('GET', `/api/orders/${id}/history`, { token: clerk() })).body.events
    expect(history.at(-1)).toMatchObject({ action: 'returned', fromState: 'signature', toState: 'draft' })

    // the clerk's list marks it, with the comment and who returned it
    const row = (await h.call('GET', '/api/orders?status=draft', { token: clerk() })).body.items.find(
      (o: { id: string }) => o.id === id,
    )
    expect(row.returned).toMatchObject({ by: directorAccount(0).name, role: 'signer', comment: 'Срок в п. 2 нереален' })
    const list = await h.call('GET', '/orders', { token: clerk() })
    expect(list.text).toContain('возвращён</span>')
    expect(list.text).toContain('«Срок в п. 2 нереален»')

    // fixed and sent again, it is no longer marked
    expect(
      (await h.call('PUT', `/api/orders/${id}`, { token: clerk(), body: sampleContent({ title: 'Исправленный' }) }))
        .status,
    ).toBe(200)
    const again = await h.call('POST', `/api/orders/${id}/submit`, {
      token: clerk(),
      body: { approvers: [], signer: director() },
    })
    expect(again.status).toBe(200)
    const after = (await h.call('GET', '/api/orders', { token: clerk() })).body.items.find(
      (o: { id: string }) => o.id === id,
    )
    expect(after).toMatchObject({ status: 'signature', returned: null })
  })

  it('a signer link still cannot approve, and an approver link cannot sign', async () => {
    const { visa, sign } = await atSignature()
    expect((await h.call('POST', `/api/links/${sign}/approve`, { body: {} })).body.error.code).toBe('wrong_link')
    expect((await h.call('POST', `/api/links/${visa}/sign`, { body: {} })).body.error.code).toBe('wrong_link')
  })
})
