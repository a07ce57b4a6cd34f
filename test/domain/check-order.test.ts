import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkOrder } from '../../src/domain/check-order'
import type { OrderContent } from '../../src/domain/content'
import { sampleContent } from '../support/harness'

const fixture = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures', name), 'utf8')) as OrderContent
const codes = (c: OrderContent, reference = '2024-09-05') => checkOrder(c, { reference }).map((p) => p.code)

const twoAppendices = [
  { title: 'План 1', text: 'а' },
  { title: 'План 2', text: 'б' },
]

describe('the order linter', () => {
  it('passes a clean order', () => {
    expect(checkOrder(sampleContent(), { reference: '2024-09-05' })).toEqual([])
  })

  it.each([
    [
      'appendix_missing',
      sampleContent({
        points: [
          { text: 'Утвердить план (Приложение № 1).' },
          { text: 'Утвердить график (Приложение № 2).' },
          { text: 'Утвердить смету (Приложение № 3).' },
        ],
        appendices: twoAppendices,
      }),
      'points.2.text',
    ],
    [
      'appendix_not_cited',
      sampleContent({ points: [{ text: 'Утвердить план (Приложение № 1).' }], appendices: twoAppendices }),
      'appendices.1',
    ],
    ['appendix_absent', sampleContent({ appendices: [] }), 'points.0.text'],
    [
      'appendix_number_single',
      sampleContent({ points: [{ text: 'Утвердить план (Приложение № 1).' }] }),
      'points.0.text',
    ],
    [
      'deadline_past',
      sampleContent({
        points: [
          { text: 'Утвердить план (Приложение).' },
          { text: 'Сдать отчёт.', executors: ['Иванова И.И.'], deadline: 'до 01.09.2024' },
        ],
      }),
      'points.1.deadline',
    ],
    [
      'executor_missing',
      sampleContent({
        points: [
          { text: 'Утвердить план (Приложение).', points: [{ text: 'Сдать отчёт.', deadline: 'до 30.06.2025' }] },
        ],
      }),
      'points.0.points.0.executors',
    ],
    ['year_range', sampleContent({ title: 'О плане на 203/2024 учебный год' }), 'title'],
    [
      'table_column_empty',
      sampleContent({
        appendices: [
          {
            title: 'План',
            table: {
              columns: [{ title: '№' }, { title: 'Срок' }],
              rows: [{ section: 'Раздел' }, { cells: ['1', ''] }, { cells: ['2', ' '] }],
            },
          },
        ],
      }),
      'appendices.0.table.columns.1',
    ],
  ])('finds %s at its path', (code, content, path) => {
    const problems = checkOrder(content, { reference: '2024-09-05' })
    expect(problems).toContainEqual(expect.objectContaining({ code, path, message: expect.any(String) }))
    expect(problems.every((p) => p.code === code)).toBe(true)
  })

  it('accepts year ranges written right, with a space or a dash', () => {
    expect(
      codes(
        sampleContent({
          title: 'План на 2023 /2024 учебный год и 2024-2025 учебный год',
          preamble: 'Приказ от 29.12.2012 № 273-ФЗ и № 226/1 от 2024 года',
        }),
      ),
    ).toEqual([])
  })

  it('finds the slips of sample № 558 as written, and none once corrected', () => {
    const asWritten = fixture('order-558.json')
    const found = checkOrder(asWritten, { reference: '2023-10-23' })
    expect(found.filter((p) => p.code === 'appendix_absent')).toHaveLength(10)
    expect(found).toContainEqual(
      expect.objectContaining({
        code: 'year_range',
        path: 'points.0.points.9.text',
        message: expect.stringContaining('2023/2024'),
      }),
    )
    const points = asWritten.points.map((p, i) =>
      i === 0 ? { ...p, points: p.points!.map((s) => ({ ...s, text: s.text.replace('203/2024', '2023/2024') })) } : p,
    )
    const corrected: OrderContent = {
      ...asWritten,
      points,
      appendices: points[0]!.points!.map((s) => ({ title: s.text.replace(/\s*\(Приложение № \d+\)[;.]?$/, '') })),
    }
    expect(checkOrder(corrected, { reference: '2023-10-23' })).toEqual([])
  })

  it('finds the slip of sample № 226/1-г as written, and none once corrected', () => {
    const asWritten = fixture('order-226-1.json')
    expect(codes(asWritten)).toEqual(['appendix_number_single'])
    const corrected = {
      ...asWritten,
      points: asWritten.points.map((p) => ({ ...p, text: p.text.replace('(Приложение № 1)', '(Приложение)') })),
    }
    expect(codes(corrected)).toEqual([])
  })
})
