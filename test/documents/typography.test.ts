import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import PizZip from 'pizzip'
import { beforeAll, describe, expect, it } from 'vitest'
import type { OrderContent } from '../../src/domain/content'
import { builtInTemplate } from '../../src/documents/builtin-templates'
import { renderDocx } from '../../src/documents/docx'
import { buildOrderView, type OrderView } from '../../src/documents/order-view'
import { renderPdf } from '../../src/documents/pdf'
import { mm, textWidth } from '../../src/documents/typeset'
import { hasTool, run } from '../support/tools'
import { type PlacedWord, placedWords, printedLines } from '../support/words'

/**
 * A roadmap order of a district education office, not one of the samples: lists inside points,
 * e-mails and URLs in justified text and in cells, a long position of the signer, a 5-column plan
 * and a 6-column table (landscape).
 */
const roadmap = JSON.parse(
  readFileSync(join(import.meta.dirname, '../fixtures/order-district-roadmap.json'), 'utf8'),
) as OrderContent
const facts = { draft: false, number: '45-ОД', date: '2025-09-01', organization: { name: ['—'] } }
const PAGE_RIGHT = 595.28 - mm(10)
const SPACE = textWidth(' ', 14)

const tmp = mkdtempSync(join(tmpdir(), 'orders-typography-'))
const pdfTools = hasTool('pdftotext')
const officeTools = hasTool('soffice')

const pdfWords = async (view: OrderView, name: string) => {
  const file = join(tmp, `${name}.pdf`)
  writeFileSync(file, await renderPdf(view))
  return { file, words: placedWords(run('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'])) }
}

/** The consecutive words that spell `target`, or null when it is not there. */
const spelled = (words: PlacedWord[], target: string): PlacedWord[] | null => {
  for (let i = 0; i < words.length; i++) {
    let text = ''
    for (let k = i; k < words.length && target.startsWith(text + words[k]!.text); k++) {
      text += words[k]!.text
      if (text === target) return words.slice(i, k + 1)
    }
  }
  return null
}

/**
 * LibreOffice opening our DOCX as Word would: Times New Roman is on the machine (Tinos, its metric
 * twin, under that name), so lines and pages break as in Word. Returns the words of its PDF.
 */
const officePdf = (docx: Buffer, name: string) => {
  const fonts = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/tinos/package.json'))
  writeFileSync(
    join(tmp, 'fonts.conf'),
    `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
<include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>${fonts}</dir><cachedir>${tmp}/fc</cachedir>
<alias binding="same"><family>Times New Roman</family><prefer><family>Tinos</family></prefer></alias></fontconfig>`,
  )
  const file = join(tmp, `${name}.docx`)
  writeFileSync(file, docx)
  run(
    'soffice',
    ['--headless', `-env:UserInstallation=file://${tmp}/lo`, '--convert-to', 'pdf', '--outdir', join(tmp, 'lo'), file],
    { timeout: 180_000, env: { FONTCONFIG_FILE: join(tmp, 'fonts.conf') } },
  )
  const pdf = join(tmp, 'lo', `${name}.pdf`)
  return { pdf, words: placedWords(run('pdftotext', ['-bbox', '-enc', 'UTF-8', pdf, '-'])) }
}

const pageSizes = (pdf: string) =>
  [...run('pdfinfo', ['-f', '1', '-l', '99', pdf]).matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) =>
    Number(m[1]) > Number(m[2]) ? 'landscape' : 'portrait',
  )

/** The widest gap between neighbouring words of each line that ends a list item (before a hard break). */
const gapsBeforeBreaks = (words: PlacedWord[]) =>
  printedLines(words)
    .filter((line) => /[:;]$/.test(line.at(-1)!.text) && line.length > 1)
    .map((line) => ({
      line: line.map((w) => w.text).join(' '),
      gap: Math.max(...line.slice(1).map((w, i) => w.xMin - line[i]!.xMax)),
    }))

describe.skipIf(!pdfTools)('typography of the PDF', () => {
  const view = buildOrderView(roadmap, facts)
  let file = ''
  let words: PlacedWord[] = []
  beforeAll(async () => {
    ;({ file, words } = await pdfWords(view, 'roadmap'))
  })

  it('keeps an e-mail or a URL whole, broken only after @ . / - _, never letter-spaced', () => {
    expect(words.map((w) => w.text)).toContain('(anastasiya.petrova@verhnedneprovsk-edu.ru)')
    for (const address of [
      'kachestvo.obrazovaniya@verhnedneprovsk-edu.ru;',
      'https://verhnedneprovsk-edu.ru/dokumenty/prikazy/2025/',
      'https://verhnedneprovsk-edu.ru/metodicheskiy-kabinet/materialy/ocenivanie/',
    ]) {
      const pieces = spelled(words, address)
      expect(pieces, address).not.toBeNull()
      for (const piece of pieces!.slice(0, -1)) expect(piece.text, address).toMatch(/[@./_-]$/)
      // a piece is one run of glyphs: its width is that of its text, not stretched
      for (const piece of pieces!)
        expect(piece.xMax - piece.xMin, piece.text).toBeLessThan(textWidth(piece.text, 14) + 1)
    }
    // nothing of the address is left behind as a letter of its own
    expect(words.filter((w) => /^[a-z]$/.test(w.text))).toEqual([])
  })

  it('sets a point’s own list line by line: no line before a break is stretched', () => {
    const gaps = gapsBeforeBreaks(words)
    expect(gaps.map((g) => g.line)).toEqual(
      expect.arrayContaining([
        '2. Руководителям общеобразовательных организаций обеспечить:',
        'об образовательной организации»;',
      ]),
    )
    for (const { line, gap } of gaps) expect(gap, line).toBeLessThanOrEqual(3 * SPACE)
    // each item is a paragraph with its dash hanging: wrapped lines start under the text, not the dash
    const dash = words.find((w) => w.text === '-')!
    const first = words[words.indexOf(dash) + 1]!
    expect(first.text).toBe('выполнение')
    const wrapped = words.find((w) => w.text === 'отчётов')!
    expect(wrapped.yMin).toBeGreaterThan(first.yMin)
    expect(Math.abs(wrapped.xMin - first.xMin)).toBeLessThan(0.5)
    expect(dash.xMin).toBeCloseTo(mm(20) + mm(12.5), 0)
  })

  it('puts the signer’s name on one line at the right margin, level with the last line of the position', () => {
    const initials = words.find((w) => w.text === 'А.А.')!
    const surname = words.find((w) => w.text === 'Ковалевская')!
    const first = words.find((w) => w.text === 'Начальник' && w.page === initials.page)!
    const last = words.find((w) => w.text === 'района' && w.page === initials.page)!
    expect(surname.yMin).toBe(initials.yMin)
    expect(surname.xMax).toBeCloseTo(PAGE_RIGHT, 0)
    expect(last.yMin).toBeGreaterThan(first.yMin) // the position takes two lines or more
    expect(surname.yMin).toBe(last.yMin)
    expect(first.xMin).toBeCloseTo(mm(20), 0)
  })

  it('gives the activity column the most room, number and deadline the least', () => {
    // the left edges of the cells of row 1.1 are the left edges of the columns
    const row = ['1.1.', 'Проведение', 'сентябрь', 'Управление', 'Определены'].map(
      (t) => words.find((w) => w.text === t && w.page === 3)!,
    )
    const edges = [...row.map((w) => w.xMin), PAGE_RIGHT]
    const widths = row.map((_, i) => edges[i + 1]! - edges[i]!)
    const [number, activity, deadline, executor, result] = widths as [number, number, number, number, number]
    expect(activity).toBe(Math.max(...widths))
    expect(number).toBe(Math.min(...widths))
    expect(activity).toBeGreaterThan(result)
    expect(deadline).toBeLessThan(executor)
    expect(deadline).toBeLessThan(result)
    // no word of the plan breaks: «1.1.», «Ответственный», «общеобразовательных» come back whole
    const texts = new Set(words.filter((w) => w.page === 3).map((w) => w.text))
    for (const word of ['1.1.', '1.2.', 'Ответственный', 'общеобразовательных', 'исполнения', 'отчётным'])
      expect(texts, word).toContain(word)
  })

  it('sets the appendix mark as a block at the right, each line whole', () => {
    for (const [page, n] of [
      [3, '1'],
      [4, '2'],
    ] as const) {
      const lines = printedLines(words.filter((w) => w.page === page))
        .slice(1, 4) // after the page number
        .map((l) => l.map((w) => w.text).join(' '))
      expect(lines).toEqual([`Приложение № ${n}`, 'к приказу', 'от 01.09.2025 № 45-ОД'])
      const block = printedLines(words.filter((w) => w.page === page)).slice(1, 4)
      const right = page === 4 ? 841.89 - mm(10) : PAGE_RIGHT
      expect(Math.max(...block.map((l) => l.at(-1)!.xMax))).toBeCloseTo(right, 0)
      expect(new Set(block.map((l) => Math.round(l[0]!.xMin))).size).toBe(1)
    }
    expect(pageSizes(file)).toEqual(['portrait', 'portrait', 'portrait', 'landscape'])
  })

  it('leaves blank lines for the date and number of a draft, the mark lines still whole', async () => {
    const draft = await pdfWords(buildOrderView(roadmap, { ...facts, draft: true, number: null, date: null }), 'draft')
    const lines = printedLines(draft.words.filter((w) => w.page === 3)).map((l) => l.map((w) => w.text).join(' '))
    expect(lines).toContain('от __________ № ______')
  })

  it('embeds Tinos (regular and bold) and keeps every digit', () => {
    const fonts = run('pdffonts', [file])
    expect(fonts).toMatch(/\+Tinos-Regular\s/)
    expect(fonts).toMatch(/\+Tinos-Bold\s/)
    expect(fonts).not.toMatch(/PTSerif/)
    const text = run('pdftotext', ['-enc', 'UTF-8', file, '-'])
    expect(text).toContain('8 (48145) 4-12-33')
    expect(text).toContain('273-ФЗ')
    expect(text).toContain('80 %')
  })
})

describe('typography of the DOCX', () => {
  const view = buildOrderView(roadmap, facts)
  const docx = renderDocx(builtInTemplate('prikaz'), view)
  const zip = new PizZip(docx)
  const xml = zip.file('word/document.xml')!.asText()

  it('names Times New Roman', () => {
    expect(zip.file('word/styles.xml')!.asText()).toContain('w:ascii="Times New Roman"')
  })

  it('sets a table of more than five columns in a landscape section, the rest portrait', () => {
    const tables = [...xml.matchAll(/<w:tbl>/g)].map((m) => m.index)
    const sections = [...xml.matchAll(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g)].map((m) => ({
      at: m.index,
      landscape: m[0].includes('w:orient="landscape"'),
      titlePage: m[0].includes('<w:titlePg/>'),
    }))
    // the body and the 5-column plan end in a portrait section (its first page unnumbered) before the 6-column table
    expect(sections).toEqual([
      { at: expect.any(Number), landscape: false, titlePage: true },
      { at: expect.any(Number), landscape: true, titlePage: false },
    ])
    expect(sections[0]!.at).toBeGreaterThan(tables[0]!)
    expect(sections[0]!.at).toBeLessThan(tables[1]!)
    expect(sections[1]!.at).toBeGreaterThan(tables[1]!)
    expect(xml).toContain('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>')
  })

  it('closes a landscape section in the middle and returns to portrait after it', () => {
    const [plan, group] = roadmap.appendices!
    const middle = renderDocx(
      builtInTemplate('prikaz'),
      buildOrderView({ ...roadmap, appendices: [group!, plan!, { title: 'Смета', text: 'Текст.' }] }, facts),
    )
    const doc = new PizZip(middle).file('word/document.xml')!.asText()
    const sections = [...doc.matchAll(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g)].map((m) =>
      m[0].includes('w:orient="landscape"') ? 'landscape' : m[0].includes('<w:titlePg/>') ? 'first' : 'portrait',
    )
    expect(sections).toEqual(['first', 'landscape', 'portrait'])
    // a section break starts the next page already: no page break follows a landscape section
    const afterLandscape = doc.slice(doc.indexOf('w:orient="landscape"'))
    expect(afterLandscape.indexOf('w:type="page"')).toBeGreaterThan(afterLandscape.indexOf('Приложение № 2'))
  })

  it('gives the table columns the widths of the PDF: activity widest', () => {
    const grid = [...xml.matchAll(/<w:tblGrid>(.*?)<\/w:tblGrid>/g)].map((m) =>
      [...m[1]!.matchAll(/w:w="(\d+)"/g)].map((g) => Number(g[1])),
    )
    expect(grid[0]!).toHaveLength(5)
    expect(grid[0]![1]).toBe(Math.max(...grid[0]!))
    expect(grid[0]!.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(Math.round(mm(180) * 20))
    expect(grid[1]!).toHaveLength(6)
    expect(grid[1]![4]).toBe(Math.max(...grid[1]!))
    expect(grid[1]!.reduce((a, b) => a + b, 0)).toBeGreaterThan(Math.round(mm(250) * 20))
  })

  it('makes each line of a point’s list a paragraph of its own, the dash hanging', () => {
    const paragraphs = xml.match(/<w:p>.*?<\/w:p>/g)!
    const lead = paragraphs.find((p) => p.includes('обеспечить:'))!
    expect(lead).not.toContain('<w:br/>')
    const item = paragraphs.find((p) => p.includes('размещение плана'))!
    expect(item).toMatch(/<w:ind w:left="\d+" w:hanging="\d+"\/>/)
    expect(item).toContain('<w:jc w:val="both"/>')
    expect(item).toMatch(/<w:t xml:space="preserve">-<\/w:t><\/w:r><w:r><w:tab\/>/)
  })

  it('gives e-mails break opportunities Word and LibreOffice understand', () => {
    expect(xml).toContain('kachestvo.\u200bobrazovaniya@\u200bverhnedneprovsk-\u200bedu.\u200bru;')
    expect(xml).toContain('>Телефон/\u200bэлектронная почта<')
  })

  it.skipIf(!officeTools || !pdfTools)(
    'opened in LibreOffice with Times New Roman: words whole in narrow columns, the 6-column table landscape',
    () => {
      const { pdf, words } = officePdf(docx, 'roadmap')
      expect(pageSizes(pdf)).toEqual(['portrait', 'portrait', 'landscape'])
      // a word may come back joined to its neighbour after a slash (with the zero-width space between)
      const texts = words.flatMap((w) => w.text.replace(/\u200b/g, '').split(/(?<=\/)/))
      for (const word of [
        'образования',
        '1.1.',
        '1.2.',
        'Ответственный',
        'общеобразовательных',
        'Телефон/',
        'электронная',
      ])
        expect(texts, word).toContain(word)
      expect(texts).not.toContain('образован')
      // the name on one line at the right, level with the position's last line
      const surname = words.find((w) => w.text === 'Ковалевская')!
      expect(words.find((w) => w.text === 'района')!.yMin).toBeCloseTo(surname.yMin, 0)
      expect(words.find((w) => w.text === 'А.А.')!.yMin).toBeCloseTo(surname.yMin, 0)
      expect(surname.xMax).toBeGreaterThan(PAGE_RIGHT - 2)
      for (const { line, gap } of gapsBeforeBreaks(words)) expect(gap, line).toBeLessThanOrEqual(3 * SPACE)
      expect(spelled(words, '(anastasiya.petrova@verhnedneprovsk-edu.ru)')).not.toBeNull()
    },
  )
})
