import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { parseByteRange } from '../../src/http/byte-range'
import { testDatabases } from '../support/databases'
import { sampleContent, tokenOf, useHarness } from '../support/harness'
import { approver, director } from '../support/people'

describe('parseByteRange', () => {
  it('reads one range, an open end and a suffix, clamped to the file', () => {
    expect(parseByteRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 })
    expect(parseByteRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 })
    expect(parseByteRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 })
    expect(parseByteRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 })
    expect(parseByteRange('bytes=990-5000', 1000)).toEqual({ start: 990, end: 999 })
    expect(parseByteRange('BYTES= 5 - 9 ', 1000)).toEqual({ start: 5, end: 9 })
  })
  it('asks for nothing past the end: unsatisfiable', () => {
    expect(parseByteRange('bytes=1000-', 1000)).toBe('unsatisfiable')
    expect(parseByteRange('bytes=-0', 1000)).toBe('unsatisfiable')
  })
  it('ignores what it does not serve: no header, other units, several ranges, nonsense, a reversed range', () => {
    for (const header of [undefined, '', 'items=0-1', 'bytes=0-1,5-9', 'bytes=a-b', 'bytes=-', 'bytes=9-5'])
      expect(parseByteRange(header, 1000)).toBeUndefined()
  })
})

const sha256 = (bytes: ArrayBuffer) => createHash('sha256').update(new Uint8Array(bytes)).digest('hex')

describe.each(testDatabases())('stored files served by range and condition ($name)', ({ open }) => {
  const h = useHarness(open)
  const clerk = () => h.orgs[0]!.clerk
  const get = (id: string, file: string, headers: Record<string, string> = {}) =>
    h.app.request(`/api/orders/${id}/${file}`, { headers: { authorization: `Bearer ${clerk()}`, ...headers } })

  it('serves one range of the stored PDF, its end, and refuses one past the end', async () => {
    const id = (await h.call('POST', '/api/orders', { token: clerk(), body: sampleContent() })).body.id
    const rendered = await get(id, 'document.pdf')
    // rendered for this request: how long the rendering took; read back from the store: no such line
    expect(rendered.headers.get('server-timing')).toMatch(/^render;dur=\d+\.\d$/)
    expect(Number(rendered.headers.get('server-timing')!.split('=')[1])).toBeGreaterThan(0)
    const whole = new Uint8Array(await rendered.arrayBuffer())
    expect((await get(id, 'document.pdf')).headers.get('server-timing')).toBeNull()
    const etag = `"${sha256(whole.buffer as ArrayBuffer)}"`
    const first = await get(id, 'document.pdf', { range: 'bytes=0-99' })
    expect(first.status).toBe(206)
    expect(first.headers.get('content-range')).toBe(`bytes 0-99/${whole.length}`)
    expect(first.headers.get('accept-ranges')).toBe('bytes')
    expect(Buffer.from(await first.arrayBuffer()).equals(Buffer.from(whole.subarray(0, 100)))).toBe(true)
    const tail = await get(id, 'document.pdf', { range: 'bytes=-10' })
    expect(tail.status).toBe(206)
    expect(Buffer.from(await tail.arrayBuffer()).toString('latin1')).toBe(
      Buffer.from(whole.subarray(whole.length - 10)).toString('latin1'),
    )
    const past = await get(id, 'document.pdf', { range: `bytes=${whole.length}-` })
    expect(past.status).toBe(416)
    expect(past.headers.get('content-range')).toBe(`bytes */${whole.length}`)
    // a range of a file the client no longer holds (If-Range names another version): the whole file
    const stale = await get(id, 'document.pdf', { range: 'bytes=0-99', 'if-range': '"0000"' })
    expect(stale.status).toBe(200)
    expect((await stale.arrayBuffer()).byteLength).toBe(whole.length)
    expect((await get(id, 'document.pdf', { range: 'bytes=0-99', 'if-range': etag })).status).toBe(206)
  })

  it('answers 304 for the signed file the client holds', async () => {
    const id = (await h.call('POST', '/api/orders', { token: clerk(), body: sampleContent() })).body.id
    const links = (
      await h.call('POST', `/api/orders/${id}/submit`, {
        token: clerk(),
        body: { approvers: [approver(1)], sequential: false, signer: director() },
      })
    ).body.links
    expect((await h.call('POST', `/api/links/${tokenOf(links[0].url)}/approve`, { body: {} })).status).toBe(200)
    const signed = await get(id, 'signed.pdf')
    expect(signed.status).toBe(200)
    const etag = signed.headers.get('etag')!
    expect(etag).toBe(`"${sha256(await signed.arrayBuffer())}"`)
    const again = await get(id, 'signed.pdf', { 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect((await again.arrayBuffer()).byteLength).toBe(0)
  })
})
