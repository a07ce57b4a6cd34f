import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import { beforeAll, describe, expect, it } from 'vitest'
import { fontkitPath, PDF_FONT, readFont, tinos } from '../../src/documents/fonts'
import { layOutPdf } from '../../src/documents/pdf'
import { hasTool, run } from '../support/tools'
import { type PlacedWord, placedWords } from '../support/words'

/**
 * The shortcuts src/documents/pdf-patches/ take in pdfmake, pdfkit and fontkit, each against what they stand in for:
 * fontkit's own subsets and shaping (its ES module build, a copy the engine does not touch), pdfmake's own
 * writing of a line (which it still takes for a line with a link) and pdfmake's reading of styles.
 */
type Glyph = { id: number }
type Run = { glyphs: Glyph[]; positions: Record<string, number>[]; advanceWidth: number }
type Face = {
  layout: (text: string) => Run
  glyphForCodePoint: (cp: number) => Glyph
  createSubset: () => { includeGlyph: (id: number) => number; encode: () => Uint8Array }
}
type Fontkit = { create: (src: Uint8Array) => Face }

const tmp = mkdtempSync(join(tmpdir(), 'orders-pdf-engine-'))
const pdfTools = hasTool('pdftotext') && hasTool('qpdf')
const TEXT =
  'Руководителям общеобразовательных организаций обеспечить выполнение мероприятий плана в установленные ' +
  'сроки, представить отчёт на адрес ivanova.a@school5.example.ru до 30.06.2027 (форма «А-1»); ' +
  'ёлка, йод, Ёж, AV, Та, 1.1., №\u00a05 — «Тест» – 2025–2027 годы.'

/** Our fontkit (the one pdfkit loads, with the engine's memory) once pdfmake is loaded, and an untouched copy. */
let ours: Fontkit
let theirs: Fontkit
beforeAll(async () => {
  await layOutPdf({ content: 'разогрев', defaultStyle: { font: PDF_FONT } })
  ours = createRequire(import.meta.url)(fontkitPath) as Fontkit
  theirs = (await import(pathToFileURL(fontkitPath.replace(/main\.cjs$/, 'module.mjs')).href)) as Fontkit
})

const plain = (r: Run) => ({
  glyphs: r.glyphs.map((g) => g.id),
  positions: r.positions.map((p) => ({ ...p })),
  advanceWidth: r.advanceWidth,
})

describe('fonts', () => {
  it('a subset holds the bytes fontkit itself writes, simple and composite glyphs alike', () => {
    for (const style of ['normal', 'bold'] as const) {
      const subsetOf = (fontkit: Fontkit) => {
        const face = fontkit.create(readFont(tinos[style]))
        const subset = face.createSubset()
        for (const ch of TEXT) subset.includeGlyph(face.glyphForCodePoint(ch.codePointAt(0)!).id)
        return Buffer.from(subset.encode())
      }
      const expected = subsetOf(theirs)
      expect(expected.length).toBeGreaterThan(1000)
      expect(subsetOf(ours).equals(expected)).toBe(true)
    }
  })

  it('a word shaped from memory comes back as shaped anew, however its last copy was changed', () => {
    const face = ours.create(readFont(tinos.normal))
    const fresh = theirs.create(readFont(tinos.normal))
    for (const word of TEXT.split(/(?<= )/)) {
      const first = face.layout(word)
      // pdfkit scales the positions of a run in place
      for (const p of first.positions) for (const key of Object.keys(p)) p[key]! *= 3
      first.glyphs.length = 0
      expect(plain(face.layout(word))).toEqual(plain(fresh.layout(word)))
    }
  })
})

const page = (content: Content[]): Content[] => [
  { text: TEXT, alignment: 'justify', leadingIndent: 35, margin: [0, 0, 0, 4] },
  { text: [TEXT, { text: ' полужирным посреди строки ', bold: true }, TEXT], alignment: 'justify' },
  { text: TEXT, alignment: 'center', fontSize: 11 },
  { text: TEXT, alignment: 'right', color: '#444444' },
  {
    table: {
      widths: [30, '*', 80],
      body: [
        ['1.1.', TEXT, 'до 30.06.2027'],
        [{ text: '№', bold: true }, { text: TEXT, alignment: 'justify' }, 'Романова И.Е.'],
      ],
    },
  },
  ...content,
]

const words = (file: string) => placedWords(run('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-']))
const textObjects = (file: string) => {
  const plainFile = `${file}.qdf`
  run('qpdf', ['--stream-data=uncompress', file, plainFile])
  return run('sh', ['-c', `grep -a -c '^BT$' ${plainFile} || true`]).trim()
}
const write = async (name: string, doc: TDocumentDefinitions) => {
  const file = join(tmp, `${name}.pdf`)
  writeFileSync(file, await layOutPdf({ defaultStyle: { font: PDF_FONT, fontSize: 14 }, ...doc }))
  // a stream's length as written, every object where the cross-reference table says
  expect(run('qpdf', ['--check', file])).toMatch(/No syntax or stream encoding errors found/)
  return file
}

describe.skipIf(!pdfTools)('lines written whole', () => {
  it('put every word where pdfmake’s own writing puts it, in far fewer text objects', async () => {
    const whole = await write('whole', { content: page([]) })
    // a link on every word: pdfmake writes each line itself, word by word, at the same places
    const own = await write('own', { content: [{ stack: page([]), link: 'https://example.org' } as Content] })
    const a = words(whole)
    const b = words(own)
    expect(a.length).toBeGreaterThan(100)
    expect(a.map((w) => w.text)).toEqual(b.map((w) => w.text))
    const far = (w: PlacedWord, v: PlacedWord) =>
      Math.max(Math.abs(w.xMin - v.xMin), Math.abs(w.xMax - v.xMax), Math.abs(w.yMin - v.yMin))
    expect(Math.max(...a.map((w, i) => far(w, b[i]!)))).toBeLessThan(0.001)
    expect(Number(textObjects(whole)) * 4).toBeLessThan(Number(textObjects(own)))
    // uncompressed, a stream's length is the sum of what was written to it
    const raw = await write('raw', { content: page([]), compress: false })
    expect(words(raw)).toEqual(a)
    const bytes = readFileSync(raw, 'latin1')
    const streams = [...bytes.matchAll(/\/Length (\d+)\n>>\nstream\n/g)]
    expect(streams.length).toBeGreaterThan(3)
    for (const m of streams) {
      const end = m.index + m[0].length + Number(m[1])
      expect(bytes.slice(end, end + 10)).toBe('\nendstream')
    }
  })
})

describe.skipIf(!pdfTools)('the text layer', () => {
  it('keeps the Latin letters Cyrillic ones are built of, in a document after a Cyrillic one', async () => {
    await write('cyrillic', { content: 'Рассмотрено на заседании: «аеорсух» АВЕКМНОРСТХ ёй' })
    const latin = await write('latin', { content: 'ivanova.a@school5.example.ru www.cheap-repository.org AEKMOPXC' })
    expect(words(latin).map((w) => w.text)).toEqual([
      'ivanova.a@school5.example.ru',
      'www.cheap-repository.org',
      'AEKMOPXC',
    ])
  })
})

describe.skipIf(!pdfTools)('styles', () => {
  it('are read as pdfmake reads them: the text, its styles last first, the enclosing nodes, the default', async () => {
    const file = await write('styles', {
      styles: {
        small: { fontSize: 8 },
        big: { fontSize: 20 },
        base: { fontSize: 10 },
        derived: { extends: ['small', 'base'] },
        loop: { extends: 'loop2' },
        loop2: { extends: 'loop', bold: true },
      },
      content: [
        { text: 'defaultstyle' },
        { text: 'lastwins', style: ['big', 'small'] },
        { text: 'ownwins', style: 'big', fontSize: 12 },
        { text: 'lastparent', style: 'derived' },
        { text: 'cyclic', style: 'loop' },
        { stack: [{ text: 'fromstack' }, { text: ['one ', { text: 'inner', fontSize: 16 }, ' two'] }], fontSize: 9 },
        { stack: [{ text: 'named', style: 'nothing' }], style: 'big' },
      ],
    })
    const height = Object.fromEntries(words(file).map((w) => [w.text, w.yMax - w.yMin]))
    const em = height.defaultstyle! / 14
    const size = (text: string) => Math.round((height[text] ?? Number.NaN) / em)
    expect(size('lastwins')).toBe(8)
    expect(size('ownwins')).toBe(12)
    expect(size('lastparent')).toBe(10)
    expect(size('cyclic')).toBe(14)
    expect(size('fromstack')).toBe(9)
    expect([size('one'), size('inner'), size('two')]).toEqual([9, 16, 9])
    expect(size('named')).toBe(20)
  })
})
