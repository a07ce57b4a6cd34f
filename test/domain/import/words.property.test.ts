import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Point } from '../../../src/domain/content'
import { importOrder, wordBalance } from '../../../src/domain/import'

/**
 * The importer's promise, on any input: every word of the text, counted with its repeats, is in a text
 * field of the content or in `leftOut`, and no word appears that the text did not have. And on orders
 * generated in the usual layout, the tree of points comes back as it was written.
 */
const WORDS = [
  'приказ',
  'П Р И К А З',
  'Об',
  'утвердить',
  'план',
  'до',
  '01.09.2024',
  '№',
  '1.',
  '2.1.',
  'а)',
  '1)',
  '-',
  '–',
  'Контроль',
  'за',
  'исполнением',
  'Приложение',
  'ПРИКАЗЫВАЮ:',
  'И.И. Иванов',
  'Директор',
  'от',
  'г.',
  '<p>',
  '</p>',
  'ежемесячно',
  'с',
  'по',
  '5',
  'сентября',
  '(до',
  ')',
  '*',
  'т.г.',
  'Руководствуясь',
  'МБОУ',
  '«СШ',
  '3»',
  'Smolensk',
]
const SEPARATORS = [' ', ' ', ' ', '\n', '\n\n', '\t', '\t\t', '  ', '\r\n', '\u000b', '\u00a0']

const textish = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { maxLength: 120 })
  .map((parts) => parts.map(([w, s]) => w + s).join(''))

describe('every word kept, on any input', () => {
  it('text built of the words and separators orders are made of', () => {
    fc.assert(
      fc.property(textish, (text) => {
        expect(wordBalance(text, importOrder(text, { today: '2024-01-10' }))).toStrictEqual({ lost: [], invented: [] })
      }),
      { numRuns: 400 },
    )
  })

  it('any unicode text, control characters and markup included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        expect(wordBalance(text, importOrder(text))).toStrictEqual({ lost: [], invented: [] })
      }),
      { numRuns: 300 },
    )
  })
})

const sentence = fc
  .array(fc.constantFrom('обеспечить', 'выполнение', 'плана', 'мероприятий', 'школы', 'отчёт', 'учащихся'), {
    minLength: 2,
    maxLength: 8,
  })
  .map((w) => `${w.join(' ')}.`.replace(/^./, (c) => c.toUpperCase()))

type Tree = { text: string; points: Tree[] }
const tree: fc.Arbitrary<Tree[]> = fc.letrec<{ level1: Tree[]; level2: Tree[]; level3: Tree[] }>((t) => ({
  level1: fc.array(fc.record({ text: sentence, points: t('level2') }), { minLength: 1, maxLength: 4 }),
  level2: fc.array(fc.record({ text: sentence, points: t('level3') }), { maxLength: 3 }),
  level3: fc.array(fc.record({ text: sentence, points: fc.constant([]) }), { maxLength: 3 }),
})).level1

const written = (points: Tree[], prefix = ''): string[] =>
  points.flatMap((p, i) => [`${prefix}${i + 1}. ${p.text}`, ...written(p.points, `${prefix}${i + 1}.`)])
const expected = (points: Tree[]): Point[] =>
  points.map((p) => (p.points.length ? { text: p.text, points: expected(p.points) } : { text: p.text }))

describe('the tree of points as written', () => {
  it('1., 1.1., 1.1.1. come back nested as numbered, with the signer padded by any spacing', () => {
    fc.assert(
      fc.property(tree, fc.constantFrom('  ', '\t', '\n\n\n', '\t\t\t'), (points, gap) => {
        const text = [
          'ПРИКАЗ',
          'Об утверждении плана',
          'В целях исполнения плана,',
          'ПРИКАЗЫВАЮ:',
          ...written(points),
          `Начальник управления${gap}С.Н. Петров`,
        ].join('\n')
        const result = importOrder(text)
        expect(result.content.points).toStrictEqual(expected(points))
        expect(result.content.signer).toStrictEqual({ position: 'Начальник управления', name: 'С.Н. Петров' })
        expect(result.doubts).toStrictEqual([])
      }),
      { numRuns: 200 },
    )
  })
})
