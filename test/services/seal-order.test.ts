import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFString } from '@cantoo/pdf-lib'
import { describe, expect, it } from 'vitest'
import type { OrderContent } from '../../src/domain/content'
import { and, eq } from 'drizzle-orm'
import { createHash } from 'node:crypto'
import { orders, renderings } from '../../src/db/schema'
import { buildOrderView } from '../../src/documents/order-view'
import { renderPdf } from '../../src/documents/pdf'
import { trustAnchors } from '../../src/services/keys'
import { testDatabases } from '../support/databases'
import { tokenOf, useHarness } from '../support/harness'
import { accountsFor } from '../support/people'
import { revisionChanges, revisionEnds } from '../support/revisions'
import { hasTool, run } from '../support/tools'
import { placedWords } from '../support/words'

const tmp = mkdtempSync(join(tmpdir(), 'orders-seal-'))
const fixture = JSON.parse(
  readFileSync(fileURLToPath(new URL('../fixtures/order-226-1.json', import.meta.url)), 'utf8'),
) as OrderContent

// the 001 sample with page 1 full: its text runs on to page 2, down to the bottom of page 1
const filler = Array.from({ length: 4 }, (_, i) => ({
  text:
    `Заместителю директора по учебно-воспитательной работе обеспечить в срок до 30.06.2025 подготовку отчёта ` +
    `о выполнении мероприятий раздела ${i + 1} плана, его рассмотрение на заседании педагогического совета ` +
    'школы и размещение на официальном сайте образовательной организации в информационно-телекоммуникационной сети.',
}))
const content: OrderContent = { ...fixture, points: [...fixture.points, ...filler] }

const approvers = [
  { name: 'Лаврушкина Елена Анатольевна', position: 'Заместитель директора', email: 'lavr@test.local' },
  { name: 'Романова Ирина Евгеньевна', position: 'Заместитель директора', email: 'rom@test.local' },
  { name: 'Балабанова Наталья Владимировна', position: 'Заместитель директора', email: 'bal@test.local' },
]
const director = { name: fixture.signer.name, position: fixture.signer.position, email: 'dir@test.local' }

const SIGNATURE_FIELDS = ['visa1', 'visa2', 'visa3', 'signer', 'seal']
const TEXT_FIELDS = ['regDate', 'regNumber', 'appendix1Date', 'appendix1Number']

/** Every field of the form with its widget's rectangle and page (0-based). */
const widgets = async (pdf: Uint8Array) => {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false })
  const pages = doc.getPages()
  const fields = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict).lookup(PDFName.of('Fields'), PDFArray)
  return fields.asArray().map((ref) => {
    const field = doc.context.lookup(ref, PDFDict)
    return {
      name: (field.lookup(PDFName.of('T')) as PDFString).decodeText(),
      page: pages.findIndex((p) => p.ref === field.get(PDFName.of('P'))),
      rect: field.lookup(PDFName.of('Rect'), PDFArray).asRectangle(),
      signature: field.get(PDFName.of('FT'))?.toString() === '/Sig',
    }
  })
}

describe.each(testDatabases().slice(0, 1))('the registered file, revision by revision ($name)', ({ open }) => {
  const h = useHarness(open)
  const clerk = () => h.orgs[0]!.clerk
  // the route's people made into accounts once, named by id in every test
  const accounts = accountsFor(h)

  it.runIf(hasTool('pdftotext') && hasTool('pdfsig') && hasTool('qpdf'))(
    'after the file is pinned no page changes: each signature and the registration fill the fields reserved for them, every mark once and over no text',
    async () => {
      const id = (await h.call('POST', '/api/orders', { token: clerk(), body: content })).body.id as string
      const submitted = await h.call('POST', `/api/orders/${id}/submit`, {
        token: clerk(),
        body: await accounts({ approvers, sequential: true, signer: director }),
      })
      expect(submitted.status).toBe(200)
      const tokens = (submitted.body.links as { url: string }[]).map((l) => tokenOf(l.url))
      for (const t of tokens.slice(0, 3))
        expect((await h.call('POST', `/api/links/${t}/approve`, { body: {} })).status).toBe(200)
      expect((await h.call('POST', `/api/links/${tokens[3]}/sign`)).status).toBe(200)
      const reg = await h.call('POST', `/api/orders/${id}/register`, { token: clerk(), body: {} })
      expect(reg.status).toBe(200)
      const res = await h.app.request(`/api/orders/${id}/registered.pdf`, {
        headers: { authorization: `Bearer ${clerk()}` },
      })
      expect(res.status).toBe(200)
      const pdf = new Uint8Array(await res.arrayBuffer())
      const path = join(tmp, 'registered.pdf')
      writeFileSync(path, pdf)
      const [ca] = await trustAnchors(h.deps.db)
      writeFileSync(join(tmp, 'ca.der'), ca!)
      writeFileSync(join(tmp, 'ca.pem'), run('openssl', ['x509', '-inform', 'DER', '-in', join(tmp, 'ca.der')]))
      const number = reg.body.number as string
      const date = (reg.body.date as string).split('-').reverse().join('.')

      // the file declares what it uses: PDF 1.7 with the ESIC extension of the ETSI subfilters
      expect(Buffer.from(pdf.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.7')
      const doc = await PDFDocument.load(pdf, { updateMetadata: false })
      const esic = doc.catalog.lookup(PDFName.of('Extensions'), PDFDict).lookup(PDFName.of('ESIC'), PDFDict)
      expect(String(esic.get(PDFName.of('BaseVersion')))).toBe('/1.7')
      expect(String(esic.get(PDFName.of('ExtensionLevel')))).toBe('2')

      // revision by revision: no page, content or resource written again, no annotation or field added; each
      // revision fills its own field (the seal's also the registration's text fields), and adds only what a
      // signature is made of (its dictionary, appearance, fonts), the form's resources and the DSS
      const changes = await revisionChanges(pdf)
      // visas 1–3, the signature, the seal; after it only B-LTA's document time-stamps (each a new invisible
      // signature field, which validators permit as an LTA update) and their validation data may follow
      expect(changes.length).toBeGreaterThanOrEqual(5)
      // a document time-stamp's invisible widget joins its page's /Annots (an LTA update validators permit):
      // the page dictionary may be written again, never its contents or resources
      const pageTags = new Set(doc.getPages().map((p) => p.ref.tag))
      for (const c of changes.slice(5)) {
        for (const tag of c.pageObjects) expect(pageTags.has(tag)).toBe(true)
        expect(c.annotationsAdded).toBe(c.fieldsAdded.length)
        expect(c.fields).toEqual([])
        expect(c.fieldsRemoved).toEqual([])
      }
      changes.splice(5)
      for (const c of changes) {
        expect(c.pageObjects).toEqual([])
        expect(c.annotationsAdded).toBe(0)
        expect(c.fieldsAdded).toEqual([])
        expect(c.fieldsRemoved).toEqual([])
        for (const kind of c.kinds)
          expect(['signature', 'field', 'appearance', 'font', 'stream', 'form', 'dss', 'catalog']).toContain(kind)
      }
      // the catalog written again by each update, unchanged but for the seal's DSS
      expect(changes.map((c) => c.catalogKeys)).toEqual([[], [], [], [], ['/DSS']])
      const signed = ['/AP', '/V']
      const filled = ['/AP', '/DA', '/V']
      const byName = (list: { name: string }[]) => [...list].sort((a, b) => a.name.localeCompare(b.name))
      expect(changes.map((c) => byName(c.fields))).toEqual(
        [
          [{ name: 'visa1', keys: signed }],
          [{ name: 'visa2', keys: signed }],
          [{ name: 'visa3', keys: signed }],
          [{ name: 'signer', keys: signed }],
          [{ name: 'seal', keys: signed }, ...TEXT_FIELDS.map((name) => ({ name, keys: filled }))],
        ].map(byName),
      )

      // field names are plain words (ISO 32000: no period in a partial name), readable names in /TU
      // the document time-stamps of B-LTA come after the seal, each an invisible field of its own
      const fields = (await widgets(pdf)).filter((f) => !f.name.startsWith('Штамп времени документа'))
      expect(fields.map((f) => f.name).sort()).toEqual([...SIGNATURE_FIELDS, ...TEXT_FIELDS].sort())
      for (const f of fields) expect(f.name).not.toContain('.')

      // every signature still valid for pdfsig, the file sound for qpdf
      const sigs = run('pdfsig', [path])
      expect(sigs.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(5)
      expect(run('qpdf', ['--check', path])).toContain('No syntax or stream encoding errors')

      // the text: the number and date once where they belong, no blank line left beside them
      const text = run('pdftotext', [path, '-']).replace(/\s+/g, ' ')
      expect(text).not.toContain('__')
      // the date line of page 1, the appendix's mark, the seal's «Зарегистрирован № …»
      expect(text.split(number).length - 1).toBe(3)
      expect(text).toContain(`от ${date} № ${number}`)
      expect(text).toContain(`Зарегистрирован № ${number}`)
      const appendixPage = fields.find((f) => f.name === 'appendix1Date')!.page
      const mark = run('pdftotext', ['-f', String(appendixPage + 1), '-l', String(appendixPage + 1), path, '-'])
        .replace(/\s+/g, ' ')
        .split(' План ')[0]!
      expect(mark.match(/к приказу/g)).toHaveLength(1)
      expect(mark).toContain(`Приложение к приказу от ${date} № ${number}`)

      // every mark on its page over no word of the pinned file: page 1 is full, the seal stands in its margin
      const pinned = join(tmp, 'pinned.pdf')
      writeFileSync(pinned, pdf.subarray(0, revisionEnds(pdf)[0]))
      const words = placedWords(run('pdftotext', ['-bbox', pinned, '-']))
      const page1 = words.filter((w) => w.page === 1) // poppler's pages count from 1
      expect(Math.max(...page1.map((w) => w.yMax))).toBeGreaterThan(841.89 - 80) // the text reaches the margin
      for (const f of fields) {
        const height = doc.getPages()[f.page]!.getHeight() // poppler's y runs down from the top
        const over = words.filter(
          (w) =>
            w.page === f.page + 1 &&
            w.xMax > f.rect.x &&
            w.xMin < f.rect.x + f.rect.width &&
            w.yMax > height - (f.rect.y + f.rect.height) + 0.5 &&
            w.yMin < height - f.rect.y - 0.5,
        )
        expect({ field: f.name, over: over.map((w) => w.text) }).toEqual({ field: f.name, over: [] })
      }
      const seal = fields.find((f) => f.name === 'seal')!
      expect(seal.page).toBe(0)
      expect(seal.rect.x + seal.rect.width).toBeGreaterThan(595.28 - 60) // bottom right of page 1
      expect(seal.rect.y + seal.rect.height).toBeLessThan(100)
    },
  )

  it.runIf(hasTool('pdftotext') && hasTool('pdfsig'))(
    'a file rendered before the fields (in approval when they came) is signed and registered as before: each appendix mark’s line once',
    async () => {
      const id = (await h.call('POST', '/api/orders', { token: clerk(), body: fixture })).body.id as string
      const submitted = await h.call('POST', `/api/orders/${id}/submit`, {
        token: clerk(),
        body: await accounts({ approvers, sequential: true, signer: director }),
      })
      const tokens = (submitted.body.links as { url: string }[]).map((l) => tokenOf(l.url))
      // the file to sign as the layout made it before: blank lines as text, the requisites' boxes, no form
      const view = buildOrderView(fixture, { draft: false, organization: { name: ['—'] }, approvalLines: 3 })
      const old = await renderPdf({ ...view, fillable: false }, { createdAt: new Date('2026-03-10T09:00:00Z') })
      const sha256 = createHash('sha256').update(old).digest('hex')
      const signing = and(eq(renderings.orderId, id), eq(renderings.stage, 'signed'))
      expect(await h.deps.db.select().from(renderings).where(signing)).toHaveLength(1)
      await h.deps.db.update(renderings).set({ bytes: old, sha256 }).where(signing)
      await h.deps.db.update(orders).set({ documentSha256: sha256 }).where(eq(orders.id, id))
      for (const t of tokens.slice(0, 3))
        expect((await h.call('POST', `/api/links/${t}/approve`, { body: {} })).status).toBe(200)
      expect((await h.call('POST', `/api/links/${tokens[3]}/sign`)).status).toBe(200)
      const reg = await h.call('POST', `/api/orders/${id}/register`, { token: clerk(), body: {} })
      expect(reg.body.sealed).toBe(true)
      const res = await h.app.request(`/api/orders/${id}/registered.pdf`, {
        headers: { authorization: `Bearer ${clerk()}` },
      })
      const path = join(tmp, 'registered-before-fields.pdf')
      writeFileSync(path, new Uint8Array(await res.arrayBuffer()))
      expect(run('pdfsig', [path]).match(/Signature Validation: Signature is Valid\./g)).toHaveLength(5)
      const date = (reg.body.date as string).split('-').reverse().join('.')
      // the appendix's page, its mark above the title: «Приложение», «к приказу», and the filled last line
      const appendix = run('pdftotext', ['-f', '2', '-l', '2', path, '-']).replace(/\s+/g, ' ').split(' План ')[0]!
      // drawn over the blank line (whose «______» stays in the text layer, as it always did for these files)
      expect(appendix.match(/к приказу/g)).toHaveLength(1)
      expect(appendix).toContain(date)
      expect(appendix).toContain(`№${reg.body.number}`)
    },
  )
})
