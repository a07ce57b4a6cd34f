import { createHash } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { findOrder } from '../../src/db/orders'
import { buildOrderView } from '../../src/documents/order-view'
import { renderings } from '../../src/db/schema'
import { storedRendering } from '../../src/services/renderings'
import { testDatabases } from '../support/databases'
import { sampleContent, tokenOf, useHarness } from '../support/harness'
import { approver, director } from '../support/people'

const longOrder = sampleContent({
  appendices: [
    {
      title: 'План',
      table: {
        columns: [{ title: '№' }, { title: 'Мероприятие' }, { title: 'Срок' }],
        rows: Array.from({ length: 400 }, (_, i) => ({
          cells: [`${i + 1}`, `Мероприятие номер ${i + 1} по плану работы на учебный год`, 'до 30.06.2027'],
        })),
      },
    },
  ],
})

const sha256 = (bytes: ArrayBuffer) => createHash('sha256').update(new Uint8Array(bytes)).digest('hex')

describe.each(testDatabases())('stored renderings ($name)', ({ open }) => {
  const h = useHarness(open)
  const clerk = () => h.orgs[0]!.clerk
  const get = (id: string, file = 'document.pdf', headers: Record<string, string> = {}) =>
    h.app.request(`/api/orders/${id}/${file}`, { headers: { authorization: `Bearer ${clerk()}`, ...headers } })
  const draft = async () => (await h.call('POST', '/api/orders', { token: clerk(), body: sampleContent() })).body.id
  const rowsOf = (id: string) =>
    h.database.db
      .select({
        version: renderings.version,
        stage: renderings.stage,
        format: renderings.format,
        sha: renderings.sha256,
      })
      .from(renderings)
      .where(eq(renderings.orderId, id))

  it('serves the stored file with its hash as ETag, kept by no cache; 304 when the client holds it', async () => {
    const id = await draft()
    const first = await get(id)
    expect(first.status).toBe(200)
    const bytes = await first.arrayBuffer()
    expect(first.headers.get('etag')).toBe(`"${sha256(bytes)}"`)
    expect(first.headers.get('cache-control')).toBe('no-store')
    const rows = await rowsOf(id)
    expect(rows).toEqual([{ version: 1, stage: 'draft', format: 'pdf', sha: sha256(bytes) }])

    const again = await get(id, 'document.pdf', { 'if-none-match': first.headers.get('etag')! })
    expect(again.status).toBe(304)
    expect((await again.arrayBuffer()).byteLength).toBe(0)
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'))
    expect((await get(id, 'document.pdf', { 'if-none-match': 'W/"0000", "abc"' })).status).toBe(200)
    expect((await get(id, 'document.pdf', { 'if-none-match': '*' })).status).toBe(304)
    // the same answer for a DOCX, stored apart
    const docx = await get(id, 'document.docx')
    const docxTag = docx.headers.get('etag')!
    expect(docxTag).toBe(`"${sha256(await docx.arrayBuffer())}"`)
    expect((await get(id, 'document.docx', { 'if-none-match': docxTag })).status).toBe(304)
    expect((await rowsOf(id)).map((r) => r.format).sort()).toEqual(['docx', 'pdf'])
    // the link holder reads the same stored file
    const links = (
      await h.call('POST', `/api/orders/${id}/submit`, {
        token: clerk(),
        body: { approvers: [approver(1)], sequential: false, signer: director() },
      })
    ).body.links
    // the link's person, signed in (a link acts for nobody else)
    const asPerson = { authorization: `Bearer ${h.personTokens.get(approver(1).userId)}` }
    const byLink = await h.app.request(`/links/${tokenOf(links[0].url)}/document.pdf`, { headers: asPerson })
    expect(byLink.headers.get('etag')).toBe(first.headers.get('etag'))
    const notModified = await h.app.request(`/links/${tokenOf(links[0].url)}/document.pdf`, {
      headers: { ...asPerson, 'if-none-match': first.headers.get('etag')! },
    })
    expect(notModified.status).toBe(304)
  })

  it('renders one version at one stage to the same bytes, whatever happened to the order meanwhile', async () => {
    const id = await draft()
    const pdf = sha256(await (await get(id)).arrayBuffer())
    const docx = sha256(await (await get(id, 'document.docx')).arrayBuffer())
    // events that change the order row but not its version or stage: a history read, a submit
    expect((await h.call('GET', `/api/orders/${id}/history`, { token: clerk() })).status).toBe(200)
    const submit = await h.call('POST', `/api/orders/${id}/submit`, {
      token: clerk(),
      body: { approvers: [approver(1)], sequential: false, signer: director() },
    })
    expect(submit.status).toBe(200)
    // forget what was stored: the file is rendered anew, and comes out byte for byte the same
    await h.database.db.delete(renderings).where(eq(renderings.orderId, id))
    expect(sha256(await (await get(id)).arrayBuffer())).toBe(pdf)
    expect(sha256(await (await get(id, 'document.docx')).arrayBuffer())).toBe(docx)
  })

  it('stores one row when two requests render the same file at once', async () => {
    const id = await draft()
    const [a, b] = await Promise.all([get(id), get(id)])
    expect([a.status, b.status]).toEqual([200, 200])
    expect(a.headers.get('etag')).toBe(b.headers.get('etag'))
    expect(await rowsOf(id)).toHaveLength(1)
    // the service itself, as the signature work calls it: both calls find none, both render, one row is kept
    const other = await draft()
    const order = (await findOrder(h.database.db, other))!
    const files = await Promise.all([
      storedRendering(h.deps, order, { stage: 'draft', format: 'pdf' }),
      storedRendering(h.deps, order, { stage: 'draft', format: 'pdf' }),
    ])
    expect(files[0].sha256).toBe(files[1].sha256)
    expect(createHash('sha256').update(files[0].bytes).digest('hex')).toBe(files[0].sha256)
    expect(await rowsOf(other)).toHaveLength(1)
  })

  it('renders a new version anew, and the registered order at its own stage', async () => {
    const id = await draft()
    const v1 = (await get(id)).headers.get('etag')
    const put = await h.call('PUT', `/api/orders/${id}`, {
      token: clerk(),
      body: sampleContent({ title: 'О внесении изменений в план мероприятий' }),
    })
    expect(put.status).toBe(200)
    const v2 = await get(id, 'document.pdf', { 'if-none-match': v1! })
    expect(v2.status).toBe(200)
    expect(v2.headers.get('etag')).not.toBe(v1)
    const link = (
      await h.call('POST', `/api/orders/${id}/submit`, {
        token: clerk(),
        body: { approvers: [], sequential: false, signer: director() },
      })
    ).body.links[0].url
    expect((await h.call('POST', `/api/links/${tokenOf(link)}/sign`)).status).toBe(200)
    expect((await h.call('POST', `/api/orders/${id}/register`, { token: clerk(), body: {} })).status).toBe(200)
    const registered = await get(id, 'document.pdf', { 'if-none-match': v2.headers.get('etag')! })
    expect(registered.status).toBe(200)
    // beside the drafts and the registered rendering: the file rendered for signing and the file after
    // the signature (two signed revisions, pinned by the signatures), and the sealed file of the registration
    expect((await rowsOf(id)).map((r) => `${r.version} ${r.stage}`).sort()).toEqual([
      '1 draft',
      '2 draft',
      '2 registered',
      '2 sealed',
      '2 signed',
      '2 signed',
    ])
  })
})

describe.each(testDatabases())('a saturated rendering pool ($name)', ({ open }) => {
  // one thread and no waiting room: a second rendering while one runs is refused
  const h = useHarness(open, { render: { threads: 1, maxQueue: 0 } })

  it('answers 503 with Retry-After and stores nothing; once the thread is free the same request succeeds', async () => {
    const clerk = h.orgs[0]!.clerk
    const id = (await h.call('POST', '/api/orders', { token: clerk, body: sampleContent() })).body.id
    await h.deps.renderer.warm()
    // a long rendering takes the only thread (it is handed over at once)
    const long = h.deps.renderer.render({
      format: 'pdf',
      view: buildOrderView(longOrder, { draft: true, organization: { name: ['Школа'] } }),
      createdAt: new Date(0).toISOString(),
    })
    const refused = await h.call('GET', `/api/orders/${id}/document.pdf`, { token: clerk })
    expect(refused.status).toBe(503)
    expect(refused.body.error.code).toBe('busy')
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(await h.database.db.select().from(renderings).where(eq(renderings.orderId, id))).toEqual([])
    await long
    const served = await h.call('GET', `/api/orders/${id}/document.pdf`, { token: clerk })
    expect(served.status).toBe(200)
    expect(served.headers.get('retry-after')).toBeNull()
  })
})
