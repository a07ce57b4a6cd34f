import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PDFDict, PDFDocument, PDFHexString, PDFName } from '@cantoo/pdf-lib'
import { describe, expect, it } from 'vitest'
import type { OrderContent } from '../../src/domain/content'
import { buildOrderView } from '../../src/documents/order-view'
import { renderPdf } from '../../src/documents/pdf'
import {
  A4_HEIGHT,
  A4_WIDTH,
  RESERVED,
  RESERVED_KEY,
  RESERVED_KEY_BEFORE_LANDSCAPE_FIX,
} from '../../src/documents/pdf-layout'
import { reservedBoxes } from '../../src/documents/signing/reserved'
import { sampleContent } from '../support/harness'
import { hasTool, run } from '../support/tools'

const tmp = mkdtempSync(join(tmpdir(), 'orders-reserved-'))
const fixture = (name: string) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)), 'utf8')) as OrderContent

type Word = { text: string; xMin: number; yMin: number; xMax: number; yMax: number }

/** Every word of a page with its box, from poppler (top-left origin, points), and the page's size. */
const wordsOf = (pdf: Uint8Array, page: number) => {
  const path = join(tmp, `${Math.random().toString(36).slice(2)}.pdf`)
  writeFileSync(path, pdf)
  const html = run('pdftotext', ['-bbox', '-f', String(page + 1), '-l', String(page + 1), path, '-'])
  const size = /<page width="([\d.]+)" height="([\d.]+)"/.exec(html)!
  const words: Word[] = [
    ...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
  ].map((m) => ({ xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]!, text: m[5]! }))
  return { width: Number(size[1]), height: Number(size[2]), words }
}

const cases = [
  // the 001 sample ends on a landscape appendix page: the approval sheet falls there
  { name: 'an order whose last page is landscape (the 001 sample)', content: fixture('order-226-1.json') },
  { name: 'a one-page portrait order', content: sampleContent() },
]

/**
 * The rendering reserves room for the director's mark at the signature line and for the visa lines under
 * «Лист согласования», and tells where in the file's information. Read back as the signature work reads it,
 * each box must lie inside its page, under its own heading, and over no word of the page.
 */
describe.runIf(hasTool('pdftotext'))('reserved boxes of the signing marks', () => {
  for (const { name, content } of cases)
    it(`${name}: inside the page, where the marks belong, over no text`, async () => {
      const view = buildOrderView(content, {
        draft: false,
        organization: content.organization ?? { name: ['МБОУ «Школа № 1»'], place: 'Смоленск' },
        approvalLines: 3,
      })
      const pdf = await renderPdf(view)
      const boxes = await reservedBoxes(pdf)
      const { approvalSheet, signatureMark } = boxes
      expect(approvalSheet?.page).toBe(boxes.pages - 1)
      for (const box of [approvalSheet!, signatureMark!]) {
        const page = wordsOf(pdf, box.page)
        // in poppler's top-left coordinates
        const top = page.height - (box.y + box.height)
        const bottom = page.height - box.y
        expect(box.x).toBeGreaterThanOrEqual(0)
        expect(box.x + box.width).toBeLessThanOrEqual(page.width)
        expect(top).toBeGreaterThanOrEqual(0)
        expect(bottom).toBeLessThanOrEqual(page.height)
        const over = page.words.filter(
          (w) => w.xMax > box.x && w.xMin < box.x + box.width && w.yMax > top + 0.5 && w.yMin < bottom - 0.5,
        )
        expect(over.map((w) => w.text)).toEqual([])
        if (box === approvalSheet) {
          // right under the heading «Лист согласования»
          const heading = page.words.find((w) => w.text === 'согласования')!
          expect(heading).toBeDefined()
          expect(top).toBeGreaterThanOrEqual(heading.yMax - 0.5)
          expect(top - heading.yMax).toBeLessThan(30)
        } else {
          // level with the signer's name on the signature line
          const surname = content.signer.name.split(/\s+/).find((part) => part.length > 3)!
          const signerWord = page.words.find((w) => w.text.includes(surname))
          expect(signerWord, `${surname} on page ${box.page + 1}`).toBeDefined()
          expect(signerWord!.yMax).toBeGreaterThan(top - 20)
          expect(signerWord!.yMin).toBeLessThan(bottom + 20)
        }
      }
    })

  it('a file rendered before the landscape fix (its boxes a portrait height from the top) gets them where they belong', async () => {
    const content = fixture('order-226-1.json')
    const pdf = await renderPdf(
      buildOrderView(content, { draft: false, organization: content.organization!, approvalLines: 3 }),
    )
    const right = await reservedBoxes(pdf)
    // the document information as the earlier rendering wrote it: the landscape page's boxes measured from the
    // top of a portrait page, that is 246.6 pt too high
    const doc = await PDFDocument.load(pdf, { updateMetadata: false })
    const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict)
    const boxes = JSON.parse((info.lookup(PDFName.of(RESERVED_KEY)) as PDFHexString).decodeText())
    const sheet = boxes[RESERVED.approvalSheet]
    expect(doc.getPages()[sheet.page]!.getHeight()).toBeCloseTo(A4_WIDTH, 1) // the sample's last page is landscape
    sheet.y += A4_HEIGHT - A4_WIDTH
    info.delete(PDFName.of(RESERVED_KEY))
    info.set(PDFName.of(RESERVED_KEY_BEFORE_LANDSCAPE_FIX), PDFHexString.fromText(JSON.stringify(boxes)))
    const old = await doc.save({ useObjectStreams: false })
    const read = await reservedBoxes(old)
    expect(read.approvalSheet!.y).toBeCloseTo(right.approvalSheet!.y, 3)
    expect(read.signatureMark).toEqual(right.signatureMark) // a portrait page's box is left as it is
  })
})
