import { threadId } from 'node:worker_threads'
import PizZip from 'pizzip'
import { afterAll, describe, expect, it } from 'vitest'
import { builtInTemplate } from '../../src/documents/builtin-templates'
import { renderDocx } from '../../src/documents/docx'
import { buildOrderView } from '../../src/documents/order-view'
import { renderPdf } from '../../src/documents/pdf'
import { createRenderPool } from '../../src/documents/render-pool'
import { isOrderError } from '../../src/domain/errors'
import { sampleContent } from '../support/harness'

const view = buildOrderView(sampleContent(), { draft: true, organization: { name: ['СРЕДНЯЯ ШКОЛА № 5'] } })
const createdAt = '2026-03-10T09:00:00.000Z'

describe('the rendering pool', () => {
  const pool = createRenderPool({ threads: 2, maxQueue: 4 })
  afterAll(() => pool.close())

  it('renders on threads other than the caller’s, the same bytes as in the caller', async () => {
    await pool.warm()
    const [a, b] = await Promise.all([
      pool.render({ format: 'pdf', view, createdAt }),
      pool.render({ format: 'pdf', view, createdAt }),
    ])
    expect(a.threadId).not.toBe(threadId)
    expect(b.threadId).not.toBe(threadId)
    expect(new Set([a.threadId, b.threadId]).size).toBe(2)
    expect(Buffer.from(a.bytes).equals(Buffer.from(await renderPdf(view, { createdAt: new Date(createdAt) })))).toBe(
      true,
    )
  })

  it('leaves the event loop free while it renders', async () => {
    let longest = 0
    let last = performance.now()
    const tick = setInterval(() => {
      const now = performance.now()
      longest = Math.max(longest, now - last)
      last = now
    }, 2)
    const started = performance.now()
    await Promise.all(Array.from({ length: 6 }, () => pool.render({ format: 'pdf', view, createdAt })))
    clearInterval(tick)
    // rendered on this thread, six PDFs (two at work, the queue full) would hold the loop for their whole time,
    // one after another; on the threads, one pause of the loop (a collection, a busy machine) would have to last
    // three renders to fail it
    expect(longest).toBeLessThan((performance.now() - started) / 2)
  })

  it('returns a template’s problems as the domain error the caller would have got', async () => {
    const broken = new PizZip(builtInTemplate('prikaz'))
    broken.file(
      'word/document.xml',
      '<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>{#points}</w:t></w:r></w:p></w:body></w:document>',
    )
    const error = await pool
      .render({ format: 'docx', template: broken.generate({ type: 'uint8array' }), view, createdAt })
      .catch((e) => e)
    expect(isOrderError(error)).toBe(true)
    expect(error.code).toBe('invalid_input')
    expect(error.details[0].code).toBe('unclosed_loop')
  })

  it('refuses work beyond its threads and queue with busy and a Retry-After, and fails queued work on close', async () => {
    const small = createRenderPool({ threads: 1, maxQueue: 1 })
    const running = small.render({ format: 'pdf', view, createdAt }).catch((e: Error) => e)
    const queued = small.render({ format: 'pdf', view, createdAt }).catch((e: Error) => e)
    const refused = await small.render({ format: 'pdf', view, createdAt }).catch((e) => e)
    expect(refused.code).toBe('busy')
    expect(refused.options.retryAfter).toBeGreaterThanOrEqual(1)
    await small.close()
    expect(String(await running)).toMatch(/closed/)
    expect(String(await queued)).toMatch(/closed/)
  })
})

describe('a rendering is a function of the view and its time', () => {
  it('gives the same PDF bytes for the same time, other bytes for another', async () => {
    const at = new Date(createdAt)
    const a = await renderPdf(view, { createdAt: at })
    await new Promise((r) => setTimeout(r, 5))
    const b = await renderPdf(view, { createdAt: at })
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true)
    const later = await renderPdf(view, { createdAt: new Date(at.getTime() + 1000) })
    expect(Buffer.from(a).equals(Buffer.from(later))).toBe(false)
  })

  it('dates every part of the DOCX at the given time', () => {
    const at = new Date(2026, 2, 10, 9, 0, 0)
    const zip = new PizZip(renderDocx(builtInTemplate('prikaz'), view, { modifiedAt: at }))
    const dates = Object.values(zip.files).map((f) => (f as { date: Date }).date.getTime())
    expect(new Set(dates)).toEqual(new Set([at.getTime()]))
  })
})
