import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildOrderView } from '../../src/documents/order-view'
import { renderPdf } from '../../src/documents/pdf'
import { sampleContent } from '../support/harness'
import { hasTool, run } from '../support/tools'

const MM = 72 / 25.4

type Word = { text: string; xMin: number; yMin: number; xMax: number; yMax: number }
type Page = { width: number; height: number; words: Word[] }

/** Pages and their words with their boxes (points from the top left), as `pdftotext -bbox` finds them. */
const wordBoxes = (file: string): Page[] => {
  const out = join(tmpdir(), `bbox-${process.pid}-${Date.now()}.html`)
  run('pdftotext', ['-bbox', '-enc', 'UTF-8', file, out])
  const html = readFileSync(out, 'utf8')
  return [...html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((p) => ({
    width: Number(p[1]),
    height: Number(p[2]),
    words: [
      ...p[3]!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
    ].map((w) => ({
      xMin: Number(w[1]),
      yMin: Number(w[2]),
      xMax: Number(w[3]),
      yMax: Number(w[4]),
      text: w[5]!,
    })),
  }))
}

/** What stands above the top margin (20 mm), at the centre of the page's width. */
const topCentre = (page: Page) =>
  page.words.filter((w) => w.yMax < 20 * MM && Math.abs((w.xMin + w.xMax) / 2 - page.width / 2) < 10 * MM)

describe('page numbers', () => {
  it.skipIf(!hasTool('pdftotext'))('stand at the top centre from page 2, and page 1 has none', async () => {
    const content = sampleContent({
      appendices: [
        {
          title: 'План мероприятий',
          table: {
            columns: [
              { title: '№ п/п', role: 'number' },
              { title: 'Мероприятие', role: 'activity' },
            ],
            rows: Array.from({ length: 120 }, (_, i) => ({ cells: [`${i + 1}`, `Мероприятие номер ${i + 1}`] })),
          },
        },
      ],
    })
    const view = buildOrderView(content, {
      draft: false,
      number: '12-ОД',
      date: '2026-03-10',
      organization: { name: ['СРЕДНЯЯ ШКОЛА № 5'], place: 'Смоленск' },
    })
    const file = join(mkdtempSync(join(tmpdir(), 'orders-pages-')), 'order.pdf')
    writeFileSync(file, await renderPdf(view))
    const pages = wordBoxes(file)
    expect(pages.length).toBeGreaterThanOrEqual(3)
    expect(topCentre(pages[0]!)).toEqual([])
    for (const [i, page] of pages.entries()) {
      if (i === 0) continue
      expect(
        topCentre(page).map((w) => w.text),
        `page ${i + 1}`,
      ).toEqual([String(i + 1)])
    }
  })
})
