import { describe, expect, it } from 'vitest'
import type { ParsedDeadline } from '../../src/domain/deadline-words'
import { parseDeadline, schoolYearOf } from '../../src/domain/deadlines'

/**
 * Deadline cells as municipal orders write them, with what a cell copied from Word brings along (a line
 * break at its end, a double space, «ё»), read against a fixed registration date.
 */
const REGISTERED = '2025-09-10'

type Expected = Omit<Partial<ParsedDeadline>, 'problems' | 'text'> & { problems?: string[] }
const read = (text: string): Expected => {
  const { text: _t, problems, ...rest } = parseDeadline(text, REGISTERED)
  return { ...rest, ...(problems.length ? { problems: problems.map((p) => p.code) } : {}) }
}
const unknown: Expected = { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] }
const schoolYear2025: Expected = {
  kind: 'year',
  dates: ['2025-09-01', '2026-08-31'],
  due: '2026-08-31',
  until: '2026-08-31',
}

const cases = (table: Record<string, Expected>) => {
  for (const [text, expected] of Object.entries(table)) expect(read(text), text).toStrictEqual(expected)
}

describe('dates and periods as written', () => {
  it('a cell copied with its paragraph end: «до 25.12.2025.» and a line break', () => {
    cases({ 'до 25.12.2025.\n': { kind: 'date', dates: ['2025-12-25'], due: '2025-12-25' } })
  })

  it('the school year however it is abbreviated or spaced', () => {
    cases({
      'в течение 2025/2026  учебного года': schoolYear2025,
      'в течение 2025/2026 уч.г.': schoolYear2025,
      'в течение 2025/2026 уч. г.': schoolYear2025,
      'в течение 2025/2026 уч год': schoolYear2025,
    })
    expect(schoolYearOf('План работы на 2025/2026  учебный год')).toEqual({ start: 2025 })
  })

  it('a range of months written in figures', () => {
    cases({ 'в период 09.2025-05.2026': { kind: 'range', dates: ['2025-09-01', '2026-05-31'], due: '2026-05-31' } })
  })

  it('a range that began before the order was registered, and a one-day range', () => {
    cases({
      'с 1 по 15 сентября 2025': { kind: 'range', dates: ['2025-09-01', '2025-09-15'], due: '2025-09-15' },
      'с 01.10.2025 по 01.10.2025': { kind: 'range', dates: ['2025-10-01', '2025-10-01'], due: '2025-10-01' },
    })
  })

  it('a decade of the registration month without a year is that month’s', () => {
    cases({ 'в третьей декаде сентября': { kind: 'period', dates: ['2025-09-21', '2025-09-30'], due: '2025-09-30' } })
  })

  it('«в 10 дневный срок», the hyphen left out', () => {
    cases({ 'в 10 дневный срок': { kind: 'period', dates: ['2025-09-10', '2025-09-20'], due: '2025-09-20' } })
  })

  it('a month 13, or the year 0000, is a date that does not exist', () => {
    cases({
      'до 31.13.2025': { kind: 'date', dates: [], due: null, problems: ['invalid_date'] },
      // there is no year 0000 (and PostgreSQL has none to store)
      'до 01.01.0000': { kind: 'date', dates: [], due: null, problems: ['invalid_date'] },
    })
  })

  it('what it cannot count from the registration date it leaves to a person, never a wrong date', () => {
    cases({
      // counted from another event than the order
      'с момента подписания приказа до 01.10.2025': unknown,
      'в 10-дневный срок после окончания четверти': unknown,
      'после получения запроса в 3-дневный срок': unknown,
      'за 10 дней до конца года': unknown,
      'до конца месяца, следующего за отчетным кварталом': unknown,
      // numbers it does not know, or periods that do not exist
      'в полуторамесячный срок': unknown,
      'в 4 декаде сентября': unknown,
      '5 квартал 2025': unknown,
      '3 полугодие 2025': unknown,
    })
  })
})

describe('recurring duties as written', () => {
  it('quarterly and monthly reports due after the period, «ё» and brackets included', () => {
    cases({
      'ежеквартально, до 5 числа месяца, следующего за отчётным': {
        kind: 'recurring',
        dates: [],
        due: '2025-10-05',
        recurrence: { every: 'quarter', day: 5 },
      },
      'ежемесячно, до 10 числа (месяца, следующего за отчетным)': {
        kind: 'recurring',
        dates: [],
        due: '2025-10-10',
        recurrence: { every: 'month', day: 10 },
      },
      'ежемесячно (до 5 числа), в течение учебного года': {
        kind: 'recurring',
        dates: [],
        due: '2025-10-05',
        recurrence: { every: 'month', day: 5 },
        until: '2026-08-31',
      },
    })
  })

  it('the day of the month with its ending however written', () => {
    const monthly = (day: number, due: string): Expected => ({
      kind: 'recurring',
      dates: [],
      due,
      recurrence: { every: 'month', day },
    })
    cases({ 'ежемесячно, до 5го числа': monthly(5, '2025-10-05'), 'ежемесячно до 25-го': monthly(25, '2025-09-25') })
  })

  it('a yearly report due in the next year, with or without «года» and its commas', () => {
    const january20: Expected = {
      kind: 'recurring',
      dates: [],
      due: '2026-01-20',
      recurrence: { every: 'year', month: 1, day: 20 },
    }
    cases({
      'ежегодно до 20 января, следующего за отчетным годом': january20,
      'ежегодно до 20 января года следующего за отчетным': january20,
      'ежегодно, до 20 января,следующего за отчетным годом': january20,
      'ежегодно 25.05': {
        kind: 'recurring',
        dates: [],
        due: '2026-05-25',
        recurrence: { every: 'year', month: 5, day: 25 },
      },
    })
  })

  it('two weekdays, or a year without its date, are not guessed', () => {
    cases({ 'еженедельно по понедельникам и четвергам': unknown, 'ежегодно, по итогам учебного года': unknown })
  })
})
