import { describe, expect, it } from 'vitest'
import { sampleContent, tokenOf, useHarness } from '../support/harness'
import { approver, director, directorId } from '../support/people'
import { testDatabases } from '../support/databases'

describe.each(testDatabases())('signing links ($name)', ({ open }) => {
  const h = useHarness(open)

  const submitted = async () => {
    const clerk = h.orgs[0]!.clerk
    const id = (await h.call('POST', '/api/orders', { token: clerk, body: sampleContent() })).body.id as string
    const links = (
      await h.call('POST', `/api/orders/${id}/submit`, {
        token: clerk,
        body: { approvers: [approver(), approver(1)], sequential: true, signer: director() },
      })
    ).body.links
    return { id, a: tokenOf(links[0].url), b: tokenOf(links[1].url), signer: tokenOf(links[2].url) }
  }
  const status = async (id: string) =>
    (await h.call('GET', `/api/orders/${id}`, { token: h.orgs[0]!.clerk })).body.status

  it('answers 404 for an unknown or malformed token, on the API and on the page', async () => {
    for (const token of ['x'.repeat(43), 'short', '..%2F..%2Fetc']) {
      const res = await h.call('POST', `/api/links/${token}/approve`, { body: {} })
      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('not_found')
    }
    const page = await h.call('GET', `/links/${'y'.repeat(43)}`)
    expect(page.status).toBe(404)
    expect(page.text).toContain('Ссылка не найдена')
  })

  it('answers 410 for a used link', async () => {
    const o = await submitted()
    expect((await h.call('POST', `/api/links/${o.a}/approve`, { body: {} })).status).toBe(200)
    const again = await h.call('POST', `/api/links/${o.a}/approve`, { body: {} })
    expect(again.status).toBe(410)
    expect(again.body.error.message).toContain('использована')
    expect((await h.call('POST', `/api/links/${o.a}/return`, { body: { comment: 'передумал' } })).status).toBe(410)
    expect(await status(o.id)).toBe('approval')
  })

  it('answers 410 for an expired link, and the page says so', async () => {
    const o = await submitted()
    await h.setClock(new Date(h.clock.now().getTime() + 7 * 86_400_000 + 1000))
    const res = await h.call('POST', `/api/links/${o.a}/approve`, { body: {} })
    expect(res.status).toBe(410)
    expect(res.body.error.message).toContain('Срок действия ссылки истёк')
    const page = await h.call('GET', `/links/${o.a}`)
    expect(page.status).toBe(410)
    expect(page.text).toContain('больше не действует')
    expect(await status(o.id)).toBe('approval')
  })

  it('a link lasts seven days to the millisecond: usable just before, gone at the moment it expires', async () => {
    const issued = h.clock.now().getTime()
    const o = await submitted()
    const expires = issued + 7 * 86_400_000
    await h.setClock(new Date(expires))
    const gone = await h.call('POST', `/api/links/${o.a}/approve`, { body: {} })
    expect(gone.status).toBe(410)
    expect(gone.body.error.message).toContain('Срок действия ссылки истёк')
    await h.setClock(new Date(expires - 1))
    expect((await h.call('POST', `/api/links/${o.a}/approve`, { body: {} })).status).toBe(200)
  })

  it('answers 410 for links revoked by a return and by a cancellation', async () => {
    const returned = await submitted()
    await h.call('POST', `/api/links/${returned.a}/return`, { body: { comment: 'исправить п. 1' } })
    for (const t of [returned.b, returned.signer]) {
      const res = await h.call('POST', `/api/links/${t}/${t === returned.signer ? 'sign' : 'approve'}`, { body: {} })
      expect(res.status).toBe(410)
      expect(res.body.error.message).toContain('отозвана')
    }
    const cancelled = await submitted()
    await h.call('POST', `/api/orders/${cancelled.id}/cancel`, { token: h.orgs[0]!.clerk, body: { reason: 'отменён' } })
    expect((await h.call('POST', `/api/links/${cancelled.a}/approve`, { body: {} })).status).toBe(410)
  })

  it('binds a link to one decision: an approver cannot sign, the signer cannot approve (403) nor return before its turn (409)', async () => {
    const o = await submitted()
    const sign = await h.call('POST', `/api/links/${o.a}/sign`)
    expect(sign.status).toBe(403)
    expect(sign.body.error.code).toBe('wrong_link')
    expect((await h.call('POST', `/api/links/${o.signer}/approve`, { body: {} })).status).toBe(403)
    // the director may return the order, at signature: during approval it is not yet their turn
    expect((await h.call('POST', `/api/links/${o.signer}/return`, { body: { comment: 'нет' } })).status).toBe(409)
    expect(await status(o.id)).toBe('approval')
  })

  it('answers 409 to a later step and to the signer before their turn; the link stays usable', async () => {
    const o = await submitted()
    const early = await h.call('POST', `/api/links/${o.b}/approve`, { body: {} })
    expect(early.status).toBe(409)
    expect(early.body.error.message).toContain('ещё не началось')
    const page = await h.call('GET', `/links/${o.b}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('ещё не начался')
    expect(page.text).not.toContain('Согласовать</button>')
    expect((await h.call('POST', `/api/links/${o.signer}/sign`)).status).toBe(409)
    await h.call('POST', `/api/links/${o.a}/approve`, { body: {} })
    expect((await h.call('POST', `/api/links/${o.b}/approve`, { body: {} })).status).toBe(200)
    expect((await h.call('POST', `/api/links/${o.signer}/sign`)).status).toBe(200)
    expect(await status(o.id)).toBe('signed')
  })

  it("lets the link's person read the PDF while the link lives, and not after; nobody else at all", async () => {
    const o = await submitted()
    const pdf = await h.call('GET', `/links/${o.a}/document.pdf`)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(pdf.text.slice(0, 5)).toBe('%PDF-')
    // without its person the link shows nothing: not signed in 401, signed in as another (the signer) 403
    expect((await h.call('GET', `/links/${o.a}/document.pdf`, { anonymous: true })).status).toBe(401)
    expect(
      (await h.call('GET', `/links/${o.a}/document.pdf`, { token: h.personTokens.get(directorId()) })).status,
    ).toBe(403)
    expect((await h.call('GET', `/links/${o.a}`)).text).toContain(`/links/${o.a}/document.pdf`)
    await h.call('POST', `/api/links/${o.a}/approve`, { body: {} })
    expect((await h.call('GET', `/links/${o.a}/document.pdf`)).status).toBe(410)
    expect((await h.call('GET', `/links/${'z'.repeat(43)}/document.pdf`)).status).toBe(404)
  })

  it('stores only hashes of the tokens', async () => {
    const o = await submitted()
    const { signingLinks } = await import('../../src/db/schema')
    const rows = await h.database.db.select().from(signingLinks)
    expect(rows.some((r) => r.tokenHash === o.a || r.tokenHash.includes(o.a))).toBe(false)
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.tokenHash))).toBe(true)
  })
})
