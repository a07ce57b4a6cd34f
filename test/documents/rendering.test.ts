import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import PizZip from 'pizzip'
import { describe, expect, it } from 'vitest'
import type { OrderContent } from '../../src/domain/content'
import { builtInTemplate } from '../../src/documents/builtin-templates'
import { checkTemplate, renderDocx } from '../../src/documents/docx'
import { buildOrderView } from '../../src/documents/order-view'
import { renderPdf } from '../../src/documents/pdf'
import { sampleContent } from '../support/harness'
import { hasTool, run } from '../support/tools'

const tmp = mkdtempSync(join(tmpdir(), 'orders-render-'))
const facts = {
  draft: false,
  number: '12-ОД',
  date: '2026-03-10',
  organization: { name: ['СРЕДНЯЯ ШКОЛА № 5'], place: 'Смоленск' },
}
const LONG = `https://example.org/${'очень-длинный-адрес-без-пробелов_'.repeat(4)}конец`
const UNBROKEN = 'Я'.repeat(90)
const SPECIAL = 'Latin ABC xyz 0123456789 «ёлки» № 7 – 1 — 2'

const bigAppendix: OrderContent = sampleContent({
  appendices: [
    {
      title: 'План мероприятий',
      table: {
        columns: [
          { title: '№ п/п', role: 'number' },
          { title: 'Мероприятие', role: 'activity' },
          { title: 'Срок исполнения', role: 'deadline' },
          { title: 'Ответственный', role: 'executor' },
        ],
        rows: [
          { section: 'Раздел 1. Организационные меры' },
          { cells: ['1', `${SPECIAL} ${UNBROKEN}`, 'до 30.06.2027', LONG] },
          ...Array.from({ length: 200 }, (_, i) => ({
            cells: [`${i + 2}`, `Мероприятие номер ${i + 2}`, 'ежемесячно', 'Иванова И.И.'],
          })),
        ],
      },
    },
  ],
})

const pdfTools = hasTool('pdftotext')

describe('rendering', () => {
  it.skipIf(!pdfTools)('breaks a 200-row appendix across pages with the header row on every page', async () => {
    const file = join(tmp, 'big.pdf')
    writeFileSync(file, await renderPdf(buildOrderView(bigAppendix, facts)))
    const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))![1])
    expect(pages).toBeGreaterThanOrEqual(5)
    for (let page = 2; page <= pages; page++) {
      const text = run('pdftotext', ['-raw', '-enc', 'UTF-8', '-f', String(page), '-l', String(page), file, '-'])
      expect(text.replace(/\s+/g, ' '), `page ${page}`).toContain('Срок исполнения')
      expect(text, `page ${page}`).toContain(String(page)) // the page number at the top
    }
    const all = run('pdftotext', ['-enc', 'UTF-8', file, '-'])
    for (let i = 2; i <= 201; i++) expect(all).toContain(`Мероприятие номер ${i}`)
  })

  it.skipIf(!pdfTools)(
    'wraps long words and unbroken strings inside their cells; Latin, digits, «», №, – and — survive',
    async () => {
      const file = join(tmp, 'long.pdf')
      writeFileSync(file, await renderPdf(buildOrderView(bigAppendix, facts)))
      const text = run('pdftotext', ['-enc', 'UTF-8', '-f', '2', '-l', '2', file, '-'])
      // pdftotext drops a hyphen that ends a line, so hyphens are compared away
      const squeezed = text.replace(/\s+/g, '').replace(/-/g, '')
      expect(squeezed).toContain(UNBROKEN)
      expect(squeezed).toContain(LONG.replace(/-/g, ''))
      expect(text).toContain(SPECIAL)
      // nothing is drawn past the right margin: every word's box ends inside the page's text area
      const bbox = run('pdftotext', ['-bbox', '-f', '2', '-l', '2', file, '-'])
      const pageWidth = Number(/<page width="([\d.]+)"/.exec(bbox)![1])
      const right = Math.max(...[...bbox.matchAll(/xMax="([\d.]+)"/g)].map((m) => Number(m[1])))
      expect(right).toBeLessThanOrEqual(pageWidth - 10 * 2.8346 + 1)
    },
  )

  it('marks a draft ПРОЕКТ with blank lines for the date and number', async () => {
    const view = buildOrderView(sampleContent(), { ...facts, draft: true, number: null, date: null })
    expect(view.dateText).toBe('__________')
    const xml = new PizZip(renderDocx(builtInTemplate('prikaz'), view)).file('word/document.xml')!.asText()
    expect(xml).toContain('ПРОЕКТ')
    expect(xml).toContain('>к приказу<')
    expect(xml).toContain('>от __________ № ______<')
  })

  it('numbers points 1., 2., 2.1., 2.1.1. and puts the control clause last; a single appendix is just "Приложение"', () => {
    const view = buildOrderView(
      sampleContent({ points: [{ text: 'А' }, { text: 'Б', points: [{ text: 'В', points: [{ text: 'Г' }] }] }] }),
      facts,
    )
    expect(view.points.map((p) => p.number)).toEqual(['1.', '2.', '2.1.', '2.1.1.', '3.'])
    expect(view.points.at(-1)!.text).toContain('Контроль')
    expect(view.appendices.map((a) => a.label)).toEqual(['Приложение'])
    const two = buildOrderView(
      sampleContent({ kind: 'rasporyazhenie', appendices: [{ title: 'А' }, { title: 'Б' }] }),
      facts,
    )
    expect(two.appendices.map((a) => [a.label, a.mark])).toEqual([
      ['Приложение № 1', 'к распоряжению от 10.03.2026 № 12-ОД'],
      ['Приложение № 2', 'к распоряжению от 10.03.2026 № 12-ОД'],
    ])
  })

  it('builds DOCX tables with a repeating header row and section rows across every column', () => {
    const xml = new PizZip(renderDocx(builtInTemplate('prikaz'), buildOrderView(bigAppendix, facts)))
      .file('word/document.xml')!
      .asText()
    expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(1)
    expect(xml).toContain('<w:gridSpan w:val="4"/>')
    expect(xml.match(/<w:tr>/g)!.length).toBeGreaterThanOrEqual(202)
    expect(xml).toContain('«ёлки» № 7 – 1 — 2')
  })

  it('ships built-in templates that pass their own check', () => {
    expect(checkTemplate(builtInTemplate('prikaz'))).toEqual([])
    expect(checkTemplate(builtInTemplate('rasporyazhenie'))).toEqual([])
  })
})
