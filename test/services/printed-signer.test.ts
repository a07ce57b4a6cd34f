import { describe, expect, it } from 'vitest'
import { docxText } from '../../src/documents/docx-text'
import { testDatabases } from '../support/databases'
import { sampleContent, tokenOf, useHarness } from '../support/harness'
import { approver, director, directorAccount } from '../support/people'
import { hasTool, pdfText } from '../support/tools'

describe.each(testDatabases())('the signer block every rendering prints is the route’s signer ($name)', ({ open }) => {
  const h = useHarness(open)
  const clerk = () => h.orgs[0]!.clerk
  const file = async (id: string, name: string) => {
    const res = await h.app.request(`/api/orders/${id}/${name}`, { headers: { authorization: `Bearer ${clerk()}` } })
    expect(res.status, name).toBe(200)
    return new Uint8Array(await res.arrayBuffer())
  }
  const folded = (s: string) => s.replace(/\s+/g, ' ')
  /** The PDF and DOCX of the order's current stage, and (given) more PDFs: each must print `shown`, never `gone`. */
  const expectSigner = async (id: string, shown: string, gone: string[], pdfs: string[] = ['document.pdf']) => {
    const docx = folded(docxText(await file(id, 'document.docx')))
    expect(docx).toContain(shown)
    for (const g of gone) expect(docx).not.toContain(g)
    if (!hasTool('pdftotext')) return
    for (const name of pdfs) {
      const text = pdfText(await file(id, name))
      expect(text, name).toContain(shown)
      for (const g of gone) expect(text, name).not.toContain(g)
    }
  }

  it('prints the typed signer before any route, then the route’s, a new route’s after a change, and keeps it registered', async () => {
    // the draft types «Е.В. Смирнова»; director 1 is «Петров Сергей Николаевич», director 2 «Рубцов Андрей Андреевич»
    const id = (await h.call('POST', '/api/orders', { token: clerk(), body: sampleContent() })).body.id as string
    await expectSigner(id, 'Е.В. Смирнова', [])

    const submitted = await h.call('POST', `/api/orders/${id}/submit`, {
      token: clerk(),
      body: { approvers: [approver(0)], sequential: false, signer: director(1) },
    })
    expect(submitted.status).toBe(200)
    // the draft's rendering in approval, PDF and DOCX alike, already names who signs
    await expectSigner(id, 'С.Н. Петров', ['Е.В. Смирнова'])

    const changed = await h.call('PUT', `/api/orders/${id}/route`, {
      token: clerk(),
      body: { approvers: [approver(0)], sequential: false, signer: director(2) },
    })
    expect(changed.status).toBe(200)
    await expectSigner(id, 'А.А. Рубцов', ['Е.В. Смирнова', 'С.Н. Петров'])

    const [visa, sign] = (changed.body.links as { url: string }[]).map((l) => tokenOf(l.url))
    expect((await h.call('POST', `/api/links/${visa}/approve`, { body: {} })).status).toBe(200)
    expect((await h.call('POST', `/api/links/${sign}/sign`)).status).toBe(200)
    await expectSigner(id, 'А.А. Рубцов', ['Е.В. Смирнова', 'С.Н. Петров'], ['document.pdf', 'signed.pdf'])
    expect((await h.call('POST', `/api/orders/${id}/register`, { token: clerk(), body: {} })).status).toBe(200)
    // the registered rendering (PDF, DOCX) and the sealed file agree with the signed one
    await expectSigner(id, 'А.А. Рубцов', ['Е.В. Смирнова', 'С.Н. Петров'], ['document.pdf', 'registered.pdf'])
    const report = await (
      await h.app.request('/api/verify', { method: 'POST', body: await file(id, 'registered.pdf') })
    ).json()
    expect(report.signatures[1].signer.commonName).toBe(directorAccount(2).name)
  })
})
