import { describe, expect, it } from 'vitest'
import { parseDeadline } from '../../src/domain/deadlines'
import { nextOccurrence } from '../../src/domain/recurrence'
import { check, type Expected } from '../support/deadlines'

describe('recurring', () => {
  it.each<[string, string, number | undefined, Expected]>([
    [
      'ежемесячно',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-30', recurrence: { every: 'month' } },
    ],
    [
      'ежемесячно',
      '2024-09-30',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-10-31', recurrence: { every: 'month' } },
    ],
    [
      'Ежемесячно',
      '2024-01-31',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-02-29', recurrence: { every: 'month' } },
    ],
    [
      'ежемесячно',
      '2024-12-31',
      undefined,
      { kind: 'recurring', dates: [], due: '2025-01-31', recurrence: { every: 'month' } },
    ],
    // past the end of the school year the order runs in: no more due dates
    [
      'ежемесячно',
      '2025-08-31',
      2024,
      { kind: 'recurring', dates: [], due: null, recurrence: { every: 'month' }, until: '2025-08-31' },
    ],
    [
      'ежемесячно',
      '2025-08-30',
      2024,
      { kind: 'recurring', dates: [], due: '2025-08-31', recurrence: { every: 'month' }, until: '2025-08-31' },
    ],
    [
      'ежемесячно до 5 числа',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-10-05', recurrence: { every: 'month', day: 5 } },
    ],
    [
      'ежемесячно до 5 числа',
      '2024-09-04',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-05', recurrence: { every: 'month', day: 5 } },
    ],
    [
      'ежемесячно до 5-го числа',
      '2024-12-06',
      undefined,
      { kind: 'recurring', dates: [], due: '2025-01-05', recurrence: { every: 'month', day: 5 } },
    ],
    [
      'ежемесячно, до 31 числа',
      '2025-01-31',
      undefined,
      { kind: 'recurring', dates: [], due: '2025-02-28', recurrence: { every: 'month', day: 31 } },
    ],
    [
      'ежемесячно (до 5 числа)',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-10-05', recurrence: { every: 'month', day: 5 } },
    ],
    [
      'до 20 числа каждого месяца',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-20', recurrence: { every: 'month', day: 20 } },
    ],
    [
      'ежемесячно до 10 числа месяца, следующего за отчетным',
      '2024-09-10',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-10-10', recurrence: { every: 'month', day: 10 } },
    ],
    [
      'до 20 числа месяца, следующего за отчетным',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-20', recurrence: { every: 'month', day: 20 } },
    ],
    [
      'до 10 числа месяца, следующего за отчетным кварталом',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-10-10', recurrence: { every: 'quarter', day: 10 } },
    ],
    [
      'до 15 числа месяца, следующего за отчетным полугодием',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2025-01-15', recurrence: { every: 'halfyear', day: 15 } },
    ],
    [
      'следующего за отчетным',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    [
      '1 раз в месяц',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-30', recurrence: { every: 'month' } },
    ],
    [
      'ежемесячно до 32 числа',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    [
      'ежеквартально',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-30', recurrence: { every: 'quarter' } },
    ],
    [
      'ежеквартально',
      '2024-09-30',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-12-31', recurrence: { every: 'quarter' } },
    ],
    [
      'ежеквартально',
      '2024-12-31',
      undefined,
      { kind: 'recurring', dates: [], due: '2025-03-31', recurrence: { every: 'quarter' } },
    ],
    [
      'не реже одного раза в квартал',
      '2024-02-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-03-31', recurrence: { every: 'quarter' } },
    ],
    [
      'ежеквартально до 5 числа месяца, следующего за отчетным',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-10-05', recurrence: { every: 'quarter', day: 5 } },
    ],
    [
      'ежеквартально до 5 числа месяца, следующего за отчетным кварталом',
      '2024-10-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2025-01-05', recurrence: { every: 'quarter', day: 5 } },
    ],
    [
      '1 раз в полугодие',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-12-31', recurrence: { every: 'halfyear' } },
    ],
    [
      'раз в полугодие',
      '2024-01-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-06-30', recurrence: { every: 'halfyear' } },
    ],
    [
      'раз в полугодие до 15 числа',
      '2024-06-30',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-07-15', recurrence: { every: 'halfyear', day: 15 } },
    ],
    [
      'ежегодно',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-12-31', recurrence: { every: 'year' } },
    ],
    [
      'ежегодно',
      '2024-12-31',
      undefined,
      { kind: 'recurring', dates: [], due: '2025-12-31', recurrence: { every: 'year' } },
    ],
    [
      'до 31 мая ежегодно',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2025-05-31', recurrence: { every: 'year', month: 5, day: 31 } },
    ],
    [
      'до 31 мая ежегодно',
      '2025-05-30',
      undefined,
      { kind: 'recurring', dates: [], due: '2025-05-31', recurrence: { every: 'year', month: 5, day: 31 } },
    ],
    [
      'до 31 мая ежегодно',
      '2025-05-31',
      undefined,
      { kind: 'recurring', dates: [], due: '2026-05-31', recurrence: { every: 'year', month: 5, day: 31 } },
    ],
    [
      'ежегодно, в срок до 15 января',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2025-01-15', recurrence: { every: 'year', month: 1, day: 15 } },
    ],
    [
      'ежегодно до 01.09',
      '2024-08-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-01', recurrence: { every: 'year', month: 9, day: 1 } },
    ],
    [
      'ежегодно в сентябре',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-30', recurrence: { every: 'year', month: 9 } },
    ],
    [
      'ежегодно до 1 сентября',
      '2024-09-05',
      2024,
      { kind: 'recurring', dates: [], due: null, recurrence: { every: 'year', month: 9, day: 1 }, until: '2025-08-31' },
    ],
    // 29 February does not recur every year: flagged rather than moved
    [
      'ежегодно 29 февраля',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    [
      'ежегодно до 31.04',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    [
      'еженедельно',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-08', recurrence: { every: 'week' } },
    ],
    [
      'еженедельно',
      '2024-09-08',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-15', recurrence: { every: 'week' } },
    ],
    [
      'еженедельно по пятницам',
      '2024-09-06',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-13', recurrence: { every: 'week', day: 5 } },
    ],
    [
      'еженедельно по пятницам',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-06', recurrence: { every: 'week', day: 5 } },
    ],
    [
      'по средам',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-11', recurrence: { every: 'week', day: 3 } },
    ],
    [
      'еженедельно по понедельникам',
      '2024-12-29',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-12-30', recurrence: { every: 'week', day: 1 } },
    ],
    [
      'еженедельно по праздникам',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    [
      'ежемесячно в течение года',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-30', recurrence: { every: 'month' }, until: '2024-12-31' },
    ],
    [
      'ежемесячно в течение года',
      '2024-09-05',
      2024,
      { kind: 'recurring', dates: [], due: '2024-09-30', recurrence: { every: 'month' }, until: '2025-08-31' },
    ],
    [
      'ежемесячно в течение 2025 года',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-30', recurrence: { every: 'month' }, until: '2025-12-31' },
    ],
    [
      'ежеквартально в течение 2024/2025 учебного года',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-30', recurrence: { every: 'quarter' }, until: '2025-08-31' },
    ],
    [
      'ежеквартально в течение учебного года',
      '2025-02-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2025-03-31', recurrence: { every: 'quarter' }, until: '2025-08-31' },
    ],
    [
      'ежемесячно, кроме августа',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
  ])('«%s» (reference %s, school year %s)', check)

  it('rolls to the next occurrence, strictly after the given date', () => {
    const monthly = parseDeadline('ежемесячно до 5 числа', '2024-09-05', { schoolYear: { start: 2024 } })
    expect(nextOccurrence(monthly, '2024-10-04')).toBe('2024-10-05')
    expect(nextOccurrence(monthly, '2024-10-05')).toBe('2024-11-05')
    expect(nextOccurrence(monthly, '2025-08-04')).toBe('2025-08-05')
    expect(nextOccurrence(monthly, '2025-08-05')).toBeNull()
    const yearly = parseDeadline('до 31 мая ежегодно', '2024-09-05')
    expect(nextOccurrence(yearly, '2025-05-31')).toBe('2026-05-31')
    expect(nextOccurrence(yearly, '2028-02-29')).toBe('2028-05-31')
    const quarterly = parseDeadline('ежеквартально до 5 числа', '2024-09-05')
    expect(nextOccurrence(quarterly, '2024-12-31')).toBe('2025-01-05')
    expect(nextOccurrence(quarterly, '2025-01-05')).toBe('2025-04-05')
    const weekly = parseDeadline('еженедельно', '2024-09-05')
    expect(nextOccurrence(weekly, '2024-12-29')).toBe('2025-01-05')
    const halfYearly = parseDeadline('раз в полугодие', '2024-09-05')
    expect(nextOccurrence(halfYearly, '2024-12-31')).toBe('2025-06-30')
  })

  it('is null for a deadline that does not recur', () => {
    expect(nextOccurrence(parseDeadline('до 15.06.2025', '2024-09-05'), '2024-09-05')).toBeNull()
    expect(nextOccurrence(parseDeadline('постоянно', '2024-09-05'), '2024-09-05')).toBeNull()
  })
})
