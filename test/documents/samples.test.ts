import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { OrderContent } from '../../src/domain/content'
import { builtInTemplate } from '../../src/documents/builtin-templates'
import { renderDocx } from '../../src/documents/docx'
import { buildOrderView } from '../../src/documents/order-view'
import { renderPdf } from '../../src/documents/pdf'
import { hasTool, run } from '../support/tools'
import { missingInOrder, words } from '../support/words'

// copies of ../shared/samples, so the suite stands on its own clone
const samplesDir = join(import.meta.dirname, '../fixtures/samples')
const fixture = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures', name), 'utf8')) as OrderContent

const samples = [
  {
    name: '№ 558 of 23.10.2023',
    file: '000_1039cd3ac12a3b5b.txt',
    fixture: 'order-558.json',
    number: '558',
    date: '2023-10-23',
  },
  {
    name: '№ 226/1-г of 05.09.2024',
    file: '001_b5a9738c17053c3d.txt',
    fixture: 'order-226-1.json',
    number: '226/1-г',
    date: '2024-09-05',
  },
]

/**
 * The sample's words outside tables, in order, less what the system writes itself: point numbers
 * (the samples' own slip "3." then "2.1." among them) and the appendix mark, whose sample cites a
 * number other than the order's.
 */
const bodyWords = (sample: string) => {
  const body = sample.split(/\nПриложение № 1\n/)[0]!
  return words(body).filter((w) => !/^\d+(\.\d+)*\.$/.test(w))
}

const pdfTools = hasTool('pdftotext')
const officeTools = hasTool('soffice')
const tmp = mkdtempSync(join(tmpdir(), 'orders-docs-'))

describe.each(samples)('sample order $name', (s) => {
  const content = fixture(s.fixture)
  const view = buildOrderView(content, { draft: false, number: s.number, date: s.date, organization: { name: ['—'] } })
  const sample = readFileSync(join(samplesDir, s.file), 'utf8')
  const rows = (content.appendices ?? []).flatMap((a) => a.table?.rows ?? [])

  it.skipIf(!pdfTools)(
    'PDF: every word of the sample comes back from pdftotext in reading order, every table row is there',
    async () => {
      const file = join(tmp, `${s.fixture}.pdf`)
      writeFileSync(file, await renderPdf(view))
      // in the order the text was set (-raw): pdftotext's layout guess splits a justified line of
      // long words and wide gaps into columns
      // a line broken after a hyphen ("53-" / "й") reads as one word, as it does to a person
      const raw = run('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'])
      const text = raw.replace(/-\n(?=\S)/g, '-')
      expect(missingInOrder(bodyWords(sample), words(text))).toEqual([])
      const flat = text.replace(/\s+/g, ' ')
      // a table is read line by line across its columns, so a row's words are checked as a set
      // and a cell may wrap after a hyphen: pdftotext then joins the halves without it, or keeps them apart
      const seen = new Set(words(raw).flatMap((w) => [w, ...w.split('-')]))
      const present = (w: string) =>
        seen.has(w) ||
        seen.has(w.replace(/-/g, '')) ||
        w.split('-').every((p) => !p || seen.has(p) || seen.has(`${p}-`))
      for (const r of rows) {
        if (!('cells' in r)) continue
        const lost = r.cells.flatMap((c) => words(c)).filter((w) => !present(w))
        expect(lost, `row ${r.cells[0]}`).toEqual([])
      }
      if (content.appendices?.length)
        expect(flat).toContain(`к приказу от ${s.date.split('-').reverse().join('.')} № ${s.number}`)
    },
  )

  it.skipIf(!officeTools)('DOCX: opens in LibreOffice and holds the same words', () => {
    const file = join(tmp, `${s.fixture}.docx`)
    writeFileSync(file, renderDocx(builtInTemplate('prikaz'), view))
    run(
      'soffice',
      [
        '--headless',
        `-env:UserInstallation=file://${tmp}/lo`,
        '--convert-to',
        'txt:Text (encoded):UTF8',
        '--outdir',
        tmp,
        file,
      ],
      { timeout: 180_000 },
    )
    const text = readFileSync(file.replace(/\.docx$/, '.txt'), 'utf8')
    expect(missingInOrder(bodyWords(sample), words(text))).toEqual([])
    for (const r of rows) if ('cells' in r) expect(text, `row ${r.cells[0]}`).toContain(r.cells[0]!)
  })
})
