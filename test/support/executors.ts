import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import type { OrderContent } from '../../src/domain/content'
import type { Harness } from './harness'

/** The 001 sample (order 226/1): its roadmap names these executors, the typo «ОЦПМСО» among them, as written. */
export const sample001 = JSON.parse(
  readFileSync(join(import.meta.dirname, '../fixtures/order-226-1.json'), 'utf8'),
) as OrderContent

export const SAMPLE_DIRECTORY = ['УОиМП', 'ОЦПРМСО', 'ОЦПМСО', 'ОО'] as const

/** A directory of the organization (`org`) holding `names` as units with e-mails; their ids by name. */
export const addDirectory = async (h: Harness, names: readonly string[], org = 0) => {
  const ids: Record<string, string> = {}
  for (const [i, name] of names.entries()) {
    const res = await h.call('POST', '/api/executors', {
      token: h.orgs[org]!.admin,
      body: { name, kind: 'unit', email: `unit${i}.${org}@test.local` },
    })
    expect(res.status).toBe(201)
    ids[name] = res.body.id
  }
  return ids
}

/** The executor's personal link, issued by the controller; its token (what follows `/x/`). */
export const issueLink = async (h: Harness, executorId: string, org = 0) => {
  const res = await h.call('POST', `/api/executors/${executorId}/link`, { token: h.orgs[org]!.controller })
  expect(res.status).toBe(200)
  return { url: res.body.url as string, token: (res.body.url as string).split('/x/')[1]! }
}

export const asExecutor = (token: string) => ({ authorization: `Executor ${token}` })

/** Bytes that are what they claim: a PDF's header (the type is read from the bytes, not parsed further). */
export const pdfBytes = (text = 'отчёт') => Buffer.from(`%PDF-1.7\n% ${text}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`)
export const pngBytes = () => Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')

export const inlineFile = (name: string, bytes: Buffer, type?: string) => ({
  name,
  ...(type ? { type } : {}),
  content: bytes.toString('base64'),
})

/** A multipart report as a browser's form sends it. */
export const multipartReport = (text: string, files: { name: string; bytes: Buffer; type: string }[]) => {
  const form = new FormData()
  form.set('text', text)
  for (const f of files) form.append('file', new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name)
  return form
}
