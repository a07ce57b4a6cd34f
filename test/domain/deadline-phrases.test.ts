import { describe, expect, it } from 'vitest'
import { parseDeadline } from '../../src/domain/deadlines'
import { readWrittenDeadline } from '../../src/domain/import/deadline-in-sentence'

/**
 * Deadlines as real orders of other authorities write them, beyond what `parseDeadline` reads strictly:
 * each family with variants of its own, read against a fixed reference date. Each case is first shown to be
 * one the strict parser leaves unknown, so that the test measures the reading in the wild and nothing else.
 */
const REFERENCE = '2024-03-01'
const read = (text: string) => {
  const { kind, dates, due, qualifier, problems } = readWrittenDeadline(text, REFERENCE)
  return { kind, dates, due, ...(qualifier ? { qualifier } : {}), problems: problems.map((p) => p.code) }
}
const wild = (table: Record<string, ReturnType<typeof read>>) => {
  for (const [text, expected] of Object.entries(table)) {
    const strict = parseDeadline(text, REFERENCE)
    expect(strict.kind === 'unknown' || strict.problems.length > 0, `strictly read: ${text}`).toBe(true)
    expect(read(text), text).toStrictEqual(expected)
  }
}
const date = (d: string, qualifier?: string): ReturnType<typeof read> => ({
  kind: 'date',
  dates: [d],
  due: d,
  ...(qualifier ? { qualifier } : {}),
  problems: [],
})

describe('deadlines in the wild', () => {
  it('words around the deadline: the deadline proper read, the words kept as its qualifier', () => {
    wild({
      'в период осенних каникул с 5 по 11 ноября 2007 года': {
        kind: 'range',
        dates: ['2007-11-05', '2007-11-11'],
        due: '2007-11-11',
        qualifier: 'в период осенних каникул',
        problems: [],
      },
      'в дни весенних каникул 25-31 марта 2024 года': {
        kind: 'range',
        dates: ['2024-03-25', '2024-03-31'],
        due: '2024-03-31',
        qualifier: 'в дни весенних каникул',
        problems: [],
      },
      'ко Дню знаний 1 сентября': date('2024-09-01', 'ко Дню знаний'),
      'в рамках Недели безопасности до 20 апреля': date('2024-04-20', 'в рамках Недели безопасности'),
    })
  })

  it('in brackets, whole or in part', () => {
    wild({
      '(до 5 сентября)': date('2024-09-05'),
      '(не позднее 10.04.2024)': date('2024-04-10'),
      'до 15 мая (включительно)': date('2024-05-15', 'включительно'),
      '( в срок до 01.06.2024 )': date('2024-06-01'),
    })
  })

  it('with a footnote mark after it', () => {
    wild({
      '25 августа 2019 года*': date('2019-08-25', 'сноска'),
      'до 20.05.2024**': date('2024-05-20', 'сноска'),
      'не позднее 1 июня¹': date('2024-06-01', 'сноска'),
    })
  })

  it('with a time of day or hours', () => {
    wild({
      '22 июня 10.00 ч.': date('2024-06-22', 'время'),
      '19 июня 2021 года с 14 до 18 часов': date('2021-06-19', 'время'),
      '30 мая 2024 года в 10:00': date('2024-05-30', 'время'),
      '5 июня 2024 года, 14.00-16.00': date('2024-06-05', 'время'),
      '1 сентября в 9 час.': date('2024-09-01', 'время'),
    })
  })

  it('«т.г.», «с.г.», «текущего года»: the year of the reference date', () => {
    wild({
      'до 1 марта т.г.': date('2024-03-01'),
      'до 15 апреля текущего года': date('2024-04-15'),
      'не позднее 10 октября с.г.': date('2024-10-10'),
      'в течение мая т. г.': { kind: 'month', dates: ['2024-05-01', '2024-05-31'], due: '2024-05-31', problems: [] },
    })
  })

  it('«Ежегодно (июнь)»: the month of a yearly duty in brackets', () => {
    for (const [text, due] of [
      ['Ежегодно (июнь)', '2024-06-30'],
      ['ежегодно (декабрь)', '2024-12-31'],
      ['Ежегодно (сентябрь)', '2024-09-30'],
    ] as const) {
      expect(parseDeadline(text, REFERENCE).kind, text).toBe('unknown')
      expect(readWrittenDeadline(text, REFERENCE), text).toMatchObject({
        kind: 'recurring',
        due,
        recurrence: { every: 'year', month: Number(due.slice(5, 7)) },
      })
    }
  })

  it('a comma before the year', () => {
    wild({
      'июль-август, 2021 г.': {
        kind: 'range',
        dates: ['2021-07-01', '2021-08-31'],
        due: '2021-08-31',
        problems: [],
      },
      'сентябрь-октябрь, 2024 года': {
        kind: 'range',
        dates: ['2024-09-01', '2024-10-31'],
        due: '2024-10-31',
        problems: [],
      },
      'март, 2025 г.': { kind: 'month', dates: ['2025-03-01', '2025-03-31'], due: '2025-03-31', problems: [] },
    })
  })

  it('two readings: said, never guessed', () => {
    for (const text of [
      '19 июня с 14 до 18',
      'ежегодно (июнь, декабрь)',
      'до 1 июня (до 15 мая)',
      '5 мая 2024 года с 10 по 12',
    ]) {
      expect(read(text), text).toStrictEqual({
        kind: 'unknown',
        dates: [],
        due: null,
        problems: ['ambiguous_deadline'],
      })
      expect(readWrittenDeadline(text, REFERENCE).problems[0]!.message, text).toMatch(/уточните срок$/)
    }
  })

  it('no date: «своевременно», «по мере необходимости», «согласно графику» stay visible as such', () => {
    for (const text of [
      'своевременно',
      'Своевременно.',
      'по мере необходимости',
      'согласно графику',
      'в установленном порядке',
    ])
      expect(read(text), text).toStrictEqual({ kind: 'on_demand', dates: [], due: null, problems: [] })
  })

  it('what is no deadline at all stays unknown', () => {
    for (const text of ['по итогам совещания', 'Иванов И.И.', '(см. выше)'])
      expect(read(text).kind, text).toBe('unknown')
  })
})
