import { describe, expect, it } from 'vitest'
import { type ProductionCalendar, russianCalendar } from '../../src/domain/calendar'
import {
  type ControlPractice,
  controlDueDate,
  defaultControlPractice,
  nextControlDueDate,
} from '../../src/domain/control-practice'
import { parseDeadline } from '../../src/domain/deadlines'

const due = (text: string | null, reference: string, practice = defaultControlPractice, schoolYear?: number) =>
  controlDueDate(
    text === null ? null : parseDeadline(text, reference, schoolYear ? { schoolYear: { start: schoolYear } } : {}),
    reference,
    practice,
    russianCalendar,
  )

const asWritten: ControlPractice = { ...defaultControlPractice, moveToPreviousWorkingDay: false }

describe('the default practice', () => {
  it('is that of record-keeping instructions', () => {
    expect(defaultControlPractice).toStrictEqual({
      moveToPreviousWorkingDay: true,
      urgentDays: 3,
      operativeDays: 10,
      noDeadlineMonths: 1,
      monthlyReportDay: 10,
      continuousReport: { month: 1, day: 20 },
    })
  })
})

describe('control due dates', () => {
  it.each<[string | null, string, string | null]>([
    // a written date on a working day stays
    ['до 25.11.2026', '2026-11-02', '2026-11-25'],
    // on a Saturday: the Friday before
    ['до 28.11.2026', '2026-11-02', '2026-11-27'],
    ['до 29.11.2026', '2026-11-02', '2026-11-27'],
    // 31 December 2026 is a day off (a transfer of 4 January): 30 December
    ['до 31.12.2026', '2026-11-02', '2026-12-30'],
    ['декабрь 2026', '2026-11-02', '2026-12-30'],
    ['4 квартал 2026', '2026-11-02', '2026-12-30'],
    // a transferred holiday: Monday 11 May 2026 (for Saturday 9 May) → Friday 8 May
    ['до 11 мая 2026 года', '2026-03-02', '2026-05-08'],
    ['до 09.01.2026', '2025-12-01', '2025-12-30'],
    // no deadline: one month
    [null, '2026-11-23', '2026-12-23'],
    [null, '2026-01-31', '2026-02-27'],
    [null, '2026-11-30', '2026-12-30'],
    // a blank deadline cell is no deadline
    ['  ', '2026-11-23', '2026-12-23'],
    // срочно: 3 days, оперативно: 10 days, then off a non-working day
    ['срочно', '2026-11-23', '2026-11-26'],
    ['срочно', '2026-11-25', '2026-11-27'],
    ['оперативно', '2026-11-23', '2026-12-03'],
    ['оперативно', '2026-11-20', '2026-11-30'],
    ['оперативно', '2026-11-17', '2026-11-27'],
    // monthly reports: the 10th of the next month
    ['ежемесячно', '2026-11-23', '2026-12-10'],
    // 10 January 2027 is a Sunday after the New Year holidays (4–8 January) and 31 December 2026 is a day off
    ['ежемесячно', '2026-12-31', '2026-12-30'],
    ['ежемесячно', '2027-01-31', '2027-02-10'],
    ['ежемесячно', '2026-09-01', '2026-10-09'],
    // a monthly day written in the order wins over the practice
    ['ежемесячно до 5 числа', '2026-11-23', '2026-12-04'],
    ['ежеквартально', '2026-11-23', '2026-12-30'],
    ['до 31 мая ежегодно', '2026-11-23', '2027-05-31'],
    // continuous: a yearly report by 20 January
    ['постоянно', '2026-11-23', '2027-01-20'],
    ['постоянно', '2027-01-20', '2028-01-20'],
    ['постоянно', '2027-01-19', '2027-01-20'],
    // no due date: on demand, unknown, faulty
    ['по мере необходимости', '2026-11-23', null],
    ['по графику', '2026-11-23', null],
    ['абракадабра', '2026-11-23', null],
    ['ноябрь-октябрь 2026', '2026-11-23', null],
    ['29.02.2027', '2026-11-23', null],
  ])('«%s» from %s → %s', (text, reference, expected) => {
    expect(due(text, reference)).toBe(expected)
  })

  it('a monthly report for the last month of the school year is still due; none after it', () => {
    // registered on 25 August 2026 in the 2025/2026 school year: the report on August, by 10 September
    expect(due('ежемесячно', '2026-08-25', asWritten, 2025)).toBe('2026-09-10')
    expect(due('ежемесячно', '2026-07-25', asWritten, 2025)).toBe('2026-08-10')
    expect(due('ежемесячно', '2026-09-01', asWritten, 2025)).toBeNull()
  })

  it('keeps the written date when the practice does not move it', () => {
    expect(due('до 28.11.2026', '2026-11-02', asWritten)).toBe('2026-11-28')
    expect(due('до 31.12.2026', '2026-11-02', asWritten)).toBe('2026-12-31')
    expect(due('ежемесячно', '2026-11-23', asWritten)).toBe('2026-12-10')
    expect(due('постоянно', '2026-11-23', asWritten)).toBe('2027-01-20')
  })

  it('follows the organization’s own practice and calendar', () => {
    const practice: ControlPractice = {
      moveToPreviousWorkingDay: true,
      urgentDays: 1,
      operativeDays: 5,
      noDeadlineMonths: 2,
      monthlyReportDay: 15,
      continuousReport: { month: 12, day: 25 },
    }
    expect(due('срочно', '2026-11-23', practice)).toBe('2026-11-24')
    expect(due('оперативно', '2026-11-23', practice)).toBe('2026-11-27')
    expect(due(null, '2026-11-23', practice)).toBe('2027-01-22')
    expect(due('ежемесячно', '2026-11-23', practice)).toBe('2026-12-15')
    expect(due('постоянно', '2026-11-23', practice)).toBe('2026-12-25')
    expect(due('постоянно', '2026-12-25', practice)).toBe('2027-12-24')
    // a calendar where Friday 27 November is a holiday and Saturday 21 November a working day
    const calendar: ProductionCalendar = { holidays: new Set(['2026-11-27']), workdays: new Set(['2026-11-21']) }
    const deadline = parseDeadline('до 28.11.2026', '2026-11-02')
    expect(controlDueDate(deadline, '2026-11-02', defaultControlPractice, calendar)).toBe('2026-11-26')
    expect(
      controlDueDate(parseDeadline('до 22.11.2026', '2026-11-02'), '2026-11-02', defaultControlPractice, calendar),
    ).toBe('2026-11-21')
  })
})

describe('the next due date of a recurring item', () => {
  /** the due dates an item goes through, reported each time on its due date */
  const series = (
    text: string,
    reference: string,
    n: number,
    practice = defaultControlPractice,
    schoolYear?: number,
  ) => {
    const deadline = parseDeadline(text, reference, schoolYear ? { schoolYear: { start: schoolYear } } : {})
    const dues: (string | null)[] = [controlDueDate(deadline, reference, practice, russianCalendar)]
    while (dues.length < n) {
      const last = dues.at(-1)
      if (last === null || last === undefined) break
      dues.push(nextControlDueDate(deadline, reference, last, practice, russianCalendar))
    }
    return dues
  }

  it('monthly reports: the 10th of each next month, moved off days off, without repeating a month', () => {
    expect(series('ежемесячно', '2026-10-15', 5)).toStrictEqual([
      '2026-11-10',
      '2026-12-10',
      // 10 January 2027 is a Sunday after the New Year holidays: 30 December, yet the next is February's
      '2026-12-30',
      '2027-02-10',
      '2027-03-10',
    ])
  })

  it('ends with the school year the order runs in', () => {
    expect(series('ежемесячно', '2026-06-15', 6, asWritten, 2025)).toStrictEqual([
      '2026-07-10',
      '2026-08-10',
      '2026-09-10',
      null,
    ])
    expect(series('ежемесячно до 5 числа', '2026-06-15', 6, asWritten, 2025)).toStrictEqual([
      '2026-07-05',
      '2026-08-05',
      null,
    ])
    // a continuous duty's yearly report covers the year before it: the last is on the year the period ends in
    expect(series('постоянно', '2026-11-23', 5, asWritten, 2026)).toStrictEqual(['2027-01-20', '2028-01-20', null])
  })

  it('written days and other periods: the next occurrence, shifted', () => {
    expect(series('ежемесячно до 5 числа', '2026-11-23', 4)).toStrictEqual([
      '2026-12-04',
      // 5 January 2027 is a holiday: back to 30 December 2026, then February
      '2026-12-30',
      '2027-02-05',
      '2027-03-05',
    ])
    expect(series('ежеквартально', '2026-11-23', 3)).toStrictEqual(['2026-12-30', '2027-03-31', '2027-06-30'])
    expect(series('до 31 мая ежегодно', '2026-11-23', 3)).toStrictEqual(['2027-05-31', '2028-05-31', '2029-05-31'])
    expect(series('еженедельно по пятницам', '2026-11-23', 3)).toStrictEqual(['2026-11-27', '2026-12-04', '2026-12-11'])
    expect(series('постоянно', '2026-11-23', 3)).toStrictEqual(['2027-01-20', '2028-01-20', '2029-01-19'])
  })

  it('follows the organization’s report day and continuous report date', () => {
    const practice = { ...asWritten, monthlyReportDay: 25, continuousReport: { month: 6, day: 1 } }
    expect(series('ежемесячно', '2026-11-23', 3, practice)).toStrictEqual(['2026-12-25', '2027-01-25', '2027-02-25'])
    const early = { ...asWritten, monthlyReportDay: 5 }
    expect(series('ежемесячно', '2026-11-23', 2, early)).toStrictEqual(['2026-12-05', '2027-01-05'])
    expect(series('постоянно', '2026-11-23', 2, practice)).toStrictEqual(['2027-06-01', '2028-06-01'])
  })

  it('is null for what does not recur', () => {
    for (const text of ['до 15.12.2026', 'в течение года', 'по мере необходимости', 'срочно']) {
      const d = parseDeadline(text, '2026-11-23')
      expect(nextControlDueDate(d, '2026-11-23', '2026-12-15', defaultControlPractice, russianCalendar)).toBeNull()
    }
  })
})
