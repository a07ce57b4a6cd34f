import { describe, expect, it } from 'vitest'
import { testDatabases } from '../support/databases'
import { sampleContent, tokenOf, useHarness } from '../support/harness'
import { director } from '../support/people'
import { signInByForm } from '../support/session'

const utf8Name = (res: { headers: Headers }) =>
  decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1]!)

describe.each(testDatabases())('the file that counts ($name)', ({ open }) => {
  const h = useHarness(open)
  const bytesOf = async (path: string, token: string) =>
    new Uint8Array(await (await h.app.request(path, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer())

  it('is the draft, then the signed file, then the sealed registered one, each named as a clerk names it', async () => {
    const clerk = h.orgs[0]!.clerk
    const title = 'О проведении олимпиады на 2026/2027 учебный год'
    const id = (await h.call('POST', '/api/orders', { token: clerk, body: sampleContent({ title }) })).body.id
    const draft = await h.call('GET', `/api/orders/${id}/file.pdf`, { token: clerk })
    expect(draft.status).toBe(200)
    expect(draft.headers.get('x-order-file')).toBe('rendering')
    expect(utf8Name(draft)).toBe('Проект приказа «О проведении олимпиады на 2026-2027 учебный год».pdf')
    expect(draft.headers.get('content-disposition')).toMatch(
      /^inline; filename="Proekt prikaza 'O provedenii olimpiady na 2026-2027 uchebnyi god'\.pdf"; filename\*=UTF-8''/,
    )
    // the document.pdf route names its rendering the same way, without the order's id
    expect(utf8Name(await h.call('GET', `/api/orders/${id}/document.pdf`, { token: clerk }))).toBe(utf8Name(draft))

    const link = (
      await h.call('POST', `/api/orders/${id}/submit`, {
        token: clerk,
        body: { approvers: [], sequential: false, signer: director() },
      })
    ).body.links[0].url
    // on signature the file that counts is still the project: nobody has signed
    expect((await h.call('GET', `/api/orders/${id}/file.pdf`, { token: clerk })).headers.get('x-order-file')).toBe(
      'rendering',
    )
    expect((await h.call('POST', `/api/links/${tokenOf(link)}/sign`)).status).toBe(200)
    const signed = await h.app.request(`/api/orders/${id}/file.pdf?download=1`, {
      headers: { authorization: `Bearer ${clerk}` },
    })
    expect(signed.headers.get('x-order-file')).toBe('signed')
    expect(signed.headers.get('content-disposition')).toMatch(/^attachment; /)
    expect(utf8Name(signed)).toBe('Приказ «О проведении олимпиады на 2026-2027 учебный год» (подписан).pdf')
    expect(Buffer.from(await signed.arrayBuffer()).equals(await bytesOf(`/api/orders/${id}/signed.pdf`, clerk))).toBe(
      true,
    )

    const reg = (await h.call('POST', `/api/orders/${id}/register`, { token: clerk, body: {} })).body
    expect(reg.sealed).toBe(true)
    const sealed = await h.app.request(`/api/orders/${id}/file.pdf`, { headers: { authorization: `Bearer ${clerk}` } })
    expect(sealed.headers.get('x-order-file')).toBe('registered')
    const day = reg.date.split('-').reverse().join('.')
    expect(utf8Name(sealed)).toBe(`Приказ № ${reg.number} от ${day}.pdf`)
    expect(sealed.headers.get('content-disposition')).toContain(
      `filename="Prikaz N ${reg.number.replace('ОД', 'OD')} ot ${day}.pdf"`,
    )
    const sealedBytes = Buffer.from(await sealed.arrayBuffer())
    expect(sealedBytes.equals(await bytesOf(`/api/orders/${id}/registered.pdf`, clerk))).toBe(true)
    expect(sealedBytes.equals(await bytesOf(`/api/orders/${id}/signed.pdf`, clerk))).toBe(false)
    // the ETag is the file's: a client holding it is told 304 without the bytes
    const again = await h.app.request(`/api/orders/${id}/file.pdf`, {
      headers: { authorization: `Bearer ${clerk}`, 'if-none-match': sealed.headers.get('etag')! },
    })
    expect(again.status).toBe(304)

    // another organization's clerk gets nothing of it
    expect((await h.call('GET', `/api/orders/${id}/file.pdf`, { token: h.orgs[1]!.clerk })).status).toBe(403)

    // the order page offers the same file by its name, the approval sheet and the verification page
    const { session } = await signInByForm(h.app)
    const page = await (await h.app.request(`/orders/${id}`, { headers: { cookie: session } })).text()
    expect(page).toContain(`Приказ № ${reg.number} от ${day}.pdf`)
    expect(page).toContain(`href="/api/orders/${id}/file.pdf?download=1"`)
    expect(page).toContain(`src="/api/orders/${id}/file.pdf"`)
    expect(page).toContain(`href="/orders/${id}/approval-sheet"`)
    expect(page).toContain(`href="/verify/${id}"`)
    const sheet = await (await h.app.request(`/orders/${id}/approval-sheet`, { headers: { cookie: session } })).text()
    expect(sheet).toContain('Лист согласования')
    expect(sheet).toMatch(/<td>подписано<\/td>/)
  })
})
