import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, lastDayOfMonth } from '../../src/domain/calendar'
import type { OrderContent } from '../../src/domain/content'
import { orderPeriodEnd, parseDeadline, schoolYearOf } from '../../src/domain/deadlines'
import { nextOccurrence } from '../../src/domain/recurrence'
import { check, type Expected, shape } from '../support/deadlines'

/** Every deadline cell of the 226/1-г roadmap (registered 05.09.2024, «2024-2025 учебном году»). */
const SAMPLE_226: Record<string, Expected> = {
  '2 квартал 2025': { kind: 'quarter', dates: ['2025-04-01', '2025-06-30'], due: '2025-06-30' },
  'в течение года': { kind: 'year', dates: ['2024-09-01', '2025-08-31'], due: '2025-08-31', until: '2025-08-31' },
  'в течение года (по необходимости)': {
    kind: 'year',
    dates: ['2024-09-01', '2025-08-31'],
    due: '2025-08-31',
    until: '2025-08-31',
    qualifier: 'по необходимости',
  },
  'в течение года в соответствии с графиком мероприятий': {
    kind: 'year',
    dates: ['2024-09-01', '2025-08-31'],
    due: '2025-08-31',
    until: '2025-08-31',
    qualifier: 'в соответствии с графиком мероприятий',
  },
  'в течение года в соответствии с графиком проведения оценочных процедур': {
    kind: 'year',
    dates: ['2024-09-01', '2025-08-31'],
    due: '2025-08-31',
    until: '2025-08-31',
    qualifier: 'в соответствии с графиком проведения оценочных процедур',
  },
  'в течение года по установленному графику': {
    kind: 'year',
    dates: ['2024-09-01', '2025-08-31'],
    due: '2025-08-31',
    until: '2025-08-31',
    qualifier: 'по установленному графику',
  },
  'в течение года-в соответствии с графиком проведения оценочных процедур': {
    kind: 'year',
    dates: ['2024-09-01', '2025-08-31'],
    due: '2025-08-31',
    until: '2025-08-31',
    qualifier: 'в соответствии с графиком проведения оценочных процедур',
  },
  'декабрь 2024': { kind: 'month', dates: ['2024-12-01', '2024-12-31'], due: '2024-12-31' },
  'декабрь 2024, август 2025': { kind: 'dates', dates: ['2024-12-31', '2025-08-31'], due: '2024-12-31' },
  ежемесячно: { kind: 'recurring', dates: [], due: '2024-09-30', recurrence: { every: 'month' }, until: '2025-08-31' },
  'ноябрь 2024': { kind: 'month', dates: ['2024-11-01', '2024-11-30'], due: '2024-11-30' },
  'ноябрь 2024 – май 2025': { kind: 'range', dates: ['2024-11-01', '2025-05-31'], due: '2025-05-31' },
  // written reversed in the order itself: flagged, not guessed
  'ноябрь- октябрь 2024': {
    kind: 'range',
    dates: ['2024-11-01', '2024-10-31'],
    due: null,
    problems: ['reversed_range'],
  },
  'ноябрь-декабрь 2024': { kind: 'range', dates: ['2024-11-01', '2024-12-31'], due: '2024-12-31' },
  'октябрь-ноябрь 2024': { kind: 'range', dates: ['2024-10-01', '2024-11-30'], due: '2024-11-30' },
  'сентябрь 2024': { kind: 'month', dates: ['2024-09-01', '2024-09-30'], due: '2024-09-30' },
  'сентябрь-октябрь 2024': { kind: 'range', dates: ['2024-09-01', '2024-10-31'], due: '2024-10-31' },
}

const fixture = (name: string): OrderContent =>
  JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as OrderContent

const deadlineCells = (order: OrderContent): string[] => {
  const cells = new Set<string>()
  for (const appendix of order.appendices ?? []) {
    const table = appendix.table
    if (!table) continue
    const i = table.columns.findIndex((c) => c.role === 'deadline')
    if (i < 0) continue
    for (const row of table.rows) {
      const cell = 'cells' in row ? row.cells[i] : undefined
      if (cell) cells.add(cell)
    }
  }
  return [...cells].sort()
}

describe('the deadlines of the samples', () => {
  it('the 226/1-г roadmap: every deadline it holds, as the school year it names bounds «в течение года»', () => {
    const order = fixture('order-226-1.json')
    const schoolYear = schoolYearOf(order.title)
    expect(schoolYear).toStrictEqual({ start: 2024 })
    const cells = deadlineCells(order)
    // every phrase of the sample is in the table above, and nothing else
    expect(cells).toStrictEqual(Object.keys(SAMPLE_226).sort())
    for (const cell of cells) {
      const parsed = parseDeadline(cell, '2024-09-05', { schoolYear })
      expect({ cell, ...shape(parsed) }).toStrictEqual({ cell, ...SAMPLE_226[cell] })
    }
  })

  it('an order’s period: the school year it names, else the calendar year of its registration', () => {
    expect(orderPeriodEnd({ start: 2025 }, '2026-03-10')).toBe('2026-08-31')
    expect(orderPeriodEnd(undefined, '2026-03-10')).toBe('2026-12-31')
  })

  it('the 558 order names the 2023/2024 school year; its points carry no deadline', () => {
    const order = fixture('order-558.json')
    expect(schoolYearOf(order.title)).toStrictEqual({ start: 2023 })
    expect(deadlineCells(order)).toStrictEqual([])
    check('в течение года', '2023-09-01', schoolYearOf(order.title)?.start, {
      kind: 'year',
      dates: ['2023-09-01', '2024-08-31'],
      due: '2024-08-31',
      until: '2024-08-31',
    })
  })
})

describe('school years', () => {
  it.each([
    ['2023/2024 учебный год', 2023],
    ['на 2023 /2024 учебный год', 2023],
    ['в 2024-2025 учебном году', 2024],
    ['в 2024–2025 уч. году', 2024],
    ['2025 — 2026 УЧЕБНЫЙ ГОД', 2025],
    ['на 2023\u00a0/\u00a02024 учебный год', 2023],
  ])('%s → %i', (text, start) => {
    expect(schoolYearOf(text)).toStrictEqual({ start })
  })
  it.each(['2023/2025 учебный год', '2024-2025 годы', 'план на 2024 год', ''])('%s → none', (text) => {
    expect(schoolYearOf(text)).toBeUndefined()
  })
})

describe('dates', () => {
  it.each<[string, string, number | undefined, Expected]>([
    ['до 15.06.2022 г.', '2022-05-10', undefined, { kind: 'date', dates: ['2022-06-15'], due: '2022-06-15' }],
    ['не позднее 30.11.2023', '2023-10-02', undefined, { kind: 'date', dates: ['2023-11-30'], due: '2023-11-30' }],
    ['в срок до 01.12.2024', '2024-09-05', undefined, { kind: 'date', dates: ['2024-12-01'], due: '2024-12-01' }],
    [
      'в срок не позднее 1.12.2024г.',
      '2024-09-05',
      undefined,
      { kind: 'date', dates: ['2024-12-01'], due: '2024-12-01' },
    ],
    ['15 июня 2022 года', '2022-05-10', undefined, { kind: 'date', dates: ['2022-06-15'], due: '2022-06-15' }],
    ['к 25 декабря 2024 г.', '2024-09-05', undefined, { kind: 'date', dates: ['2024-12-25'], due: '2024-12-25' }],
    ['01.09.24', '2024-08-01', undefined, { kind: 'date', dates: ['2024-09-01'], due: '2024-09-01' }],
    // a date written before the reference stays as written (it is overdue, not moved)
    ['до 15.06.2022', '2023-01-10', undefined, { kind: 'date', dates: ['2022-06-15'], due: '2022-06-15' }],
    // no year: the first such date on or after the reference date
    ['до 1 сентября', '2024-09-05', undefined, { kind: 'date', dates: ['2025-09-01'], due: '2025-09-01' }],
    ['до 1 сентября', '2024-08-30', undefined, { kind: 'date', dates: ['2024-09-01'], due: '2024-09-01' }],
    ['до 1 сентября', '2024-09-01', undefined, { kind: 'date', dates: ['2024-09-01'], due: '2024-09-01' }],
    ['до 10.01', '2024-12-20', undefined, { kind: 'date', dates: ['2025-01-10'], due: '2025-01-10' }],
    // leap years
    ['29.02.2024', '2024-01-10', undefined, { kind: 'date', dates: ['2024-02-29'], due: '2024-02-29' }],
    ['29 февраля 2028 года', '2027-01-10', undefined, { kind: 'date', dates: ['2028-02-29'], due: '2028-02-29' }],
    ['29.02.2025', '2024-01-10', undefined, { kind: 'date', dates: [], due: null, problems: ['invalid_date'] }],
    ['29.02.2100', '2024-01-10', undefined, { kind: 'date', dates: [], due: null, problems: ['invalid_date'] }],
    ['31.04.2025', '2024-01-10', undefined, { kind: 'date', dates: [], due: null, problems: ['invalid_date'] }],
    ['15.13.2025', '2024-01-10', undefined, { kind: 'date', dates: [], due: null, problems: ['invalid_date'] }],
    ['00.12.2025', '2024-01-10', undefined, { kind: 'date', dates: [], due: null, problems: ['invalid_date'] }],
    ['до 01.01.0000', '2024-01-10', undefined, { kind: 'date', dates: [], due: null, problems: ['invalid_date'] }],
    ['30 февраля 2025', '2024-01-10', undefined, { kind: 'date', dates: [], due: null, problems: ['invalid_date'] }],
    [
      'до 15.06.2022 г. (по графику)',
      '2022-05-10',
      undefined,
      { kind: 'date', dates: ['2022-06-15'], due: '2022-06-15', qualifier: 'по графику' },
    ],
  ])('«%s» (reference %s, school year %s)', check)

  it('names the missing date in the problem', () => {
    expect(parseDeadline('до 29.02.2025', '2024-01-10').problems).toStrictEqual([
      { code: 'invalid_date', message: 'Дата «29.02.2025» не существует' },
    ])
  })
})

describe('months and month ranges', () => {
  it.each<[string, string, number | undefined, Expected]>([
    [
      'Сентябрь 2024',
      '2024-09-05',
      undefined,
      { kind: 'month', dates: ['2024-09-01', '2024-09-30'], due: '2024-09-30' },
    ],
    [
      'в сентябре 2024 года',
      '2024-09-05',
      undefined,
      { kind: 'month', dates: ['2024-09-01', '2024-09-30'], due: '2024-09-30' },
    ],
    [
      'ДЕКАБРЯ 2024',
      '2024-09-05',
      undefined,
      { kind: 'month', dates: ['2024-12-01', '2024-12-31'], due: '2024-12-31' },
    ],
    [
      'февраль 2024',
      '2024-01-05',
      undefined,
      { kind: 'month', dates: ['2024-02-01', '2024-02-29'], due: '2024-02-29' },
    ],
    [
      'февраль 2025 г.',
      '2024-01-05',
      undefined,
      { kind: 'month', dates: ['2025-02-01', '2025-02-28'], due: '2025-02-28' },
    ],
    ['в мае', '2024-09-05', undefined, { kind: 'month', dates: ['2025-05-01', '2025-05-31'], due: '2025-05-31' }],
    [
      'до конца мая',
      '2025-05-05',
      undefined,
      { kind: 'month', dates: ['2025-05-01', '2025-05-31'], due: '2025-05-31' },
    ],
    [
      'январем 2025',
      '2024-09-05',
      undefined,
      { kind: 'month', dates: ['2025-01-01', '2025-01-31'], due: '2025-01-31' },
    ],
    ['март', '2024-03-31', undefined, { kind: 'month', dates: ['2024-03-01', '2024-03-31'], due: '2024-03-31' }],
    ['март', '2024-04-01', undefined, { kind: 'month', dates: ['2025-03-01', '2025-03-31'], due: '2025-03-31' }],
    ['июль 2024', '2024-09-05', undefined, { kind: 'month', dates: ['2024-07-01', '2024-07-31'], due: '2024-07-31' }],
    ['июнь 2024', '2024-09-05', undefined, { kind: 'month', dates: ['2024-06-01', '2024-06-30'], due: '2024-06-30' }],
    ['апрель 2024', '2024-09-05', undefined, { kind: 'month', dates: ['2024-04-01', '2024-04-30'], due: '2024-04-30' }],
    ['август 2024', '2024-09-05', undefined, { kind: 'month', dates: ['2024-08-01', '2024-08-31'], due: '2024-08-31' }],
    [
      'октябре 2024',
      '2024-09-05',
      undefined,
      { kind: 'month', dates: ['2024-10-01', '2024-10-31'], due: '2024-10-31' },
    ],
    [
      'ноябрь 2024—май 2025 гг.',
      '2024-09-05',
      undefined,
      { kind: 'range', dates: ['2024-11-01', '2025-05-31'], due: '2025-05-31' },
    ],
    [
      'сентябрь 2024 г. - май 2025 г.',
      '2024-09-05',
      undefined,
      { kind: 'range', dates: ['2024-09-01', '2025-05-31'], due: '2025-05-31' },
    ],
    [
      'октябрь - ноябрь 2024',
      '2024-09-05',
      undefined,
      { kind: 'range', dates: ['2024-10-01', '2024-11-30'], due: '2024-11-30' },
    ],
    [
      'октябрь−ноябрь 2024',
      '2024-09-05',
      undefined,
      { kind: 'range', dates: ['2024-10-01', '2024-11-30'], due: '2024-11-30' },
    ],
    // a year written once applies to all: «декабрь-январь 2025» is reversed, not guessed
    [
      'декабрь-январь 2025',
      '2024-09-05',
      undefined,
      { kind: 'range', dates: ['2025-12-01', '2025-01-31'], due: null, problems: ['reversed_range'] },
    ],
    // no year: the range that ends on or after the reference date
    ['ноябрь-май', '2024-09-05', undefined, { kind: 'range', dates: ['2024-11-01', '2025-05-31'], due: '2025-05-31' }],
    [
      'сентябрь-октябрь',
      '2024-11-05',
      undefined,
      { kind: 'range', dates: ['2025-09-01', '2025-10-31'], due: '2025-10-31' },
    ],
    [
      'с 01.09.2024 по 31.05.2025',
      '2024-09-05',
      undefined,
      { kind: 'range', dates: ['2024-09-01', '2025-05-31'], due: '2025-05-31' },
    ],
    [
      '01.09.2024-31.05.2025',
      '2024-09-05',
      undefined,
      { kind: 'range', dates: ['2024-09-01', '2025-05-31'], due: '2025-05-31' },
    ],
    [
      '1-15 сентября 2024',
      '2024-09-05',
      undefined,
      { kind: 'range', dates: ['2024-09-01', '2024-09-15'], due: '2024-09-15' },
    ],
    [
      'с 1 по 15 сентября',
      '2024-09-05',
      undefined,
      { kind: 'range', dates: ['2024-09-01', '2024-09-15'], due: '2024-09-15' },
    ],
    [
      'с 15 мая по 15 июня 2025 г.',
      '2024-09-05',
      undefined,
      { kind: 'range', dates: ['2025-05-15', '2025-06-15'], due: '2025-06-15' },
    ],
    [
      'с сентября по декабрь 2024',
      '2024-09-05',
      undefined,
      { kind: 'range', dates: ['2024-09-01', '2024-12-31'], due: '2024-12-31' },
    ],
    [
      '31.05.2025-01.09.2024',
      '2024-09-05',
      undefined,
      { kind: 'range', dates: ['2025-05-31', '2024-09-01'], due: null, problems: ['reversed_range'] },
    ],
    ['03.2025', '2024-09-05', undefined, { kind: 'month', dates: ['2025-03-01', '2025-03-31'], due: '2025-03-31' }],
    ['13.2025', '2024-09-05', undefined, { kind: 'date', dates: [], due: null, problems: ['invalid_date'] }],
    [
      '2024-2025 гг.',
      '2024-09-05',
      undefined,
      { kind: 'range', dates: ['2024-01-01', '2025-12-31'], due: '2025-12-31' },
    ],
    [
      'в течение 2024-2025 годов',
      '2024-09-05',
      undefined,
      { kind: 'range', dates: ['2024-01-01', '2025-12-31'], due: '2025-12-31' },
    ],
    [
      '2025-2024',
      '2024-09-05',
      undefined,
      { kind: 'range', dates: ['2025-01-01', '2024-12-31'], due: null, problems: ['reversed_range'] },
    ],
    [
      'на период с 01.09.2024 по 31.05.2025',
      '2024-09-05',
      undefined,
      { kind: 'range', dates: ['2024-09-01', '2025-05-31'], due: '2025-05-31' },
    ],
    [
      'в период с 1 по 10 октября',
      '2024-09-05',
      undefined,
      { kind: 'range', dates: ['2024-10-01', '2024-10-10'], due: '2024-10-10' },
    ],
    [
      'с 10 по 30.04.2025',
      '2024-09-05',
      undefined,
      { kind: 'range', dates: ['2025-04-10', '2025-04-30'], due: '2025-04-30' },
    ],
    ['с 10 по 31.04.2025', '2024-09-05', undefined, { kind: 'date', dates: [], due: null, problems: ['invalid_date'] }],
    // a range of one day is no reversed range
    [
      'с 15.06.2025 по 15.06.2025',
      '2024-09-05',
      undefined,
      { kind: 'range', dates: ['2025-06-15', '2025-06-15'], due: '2025-06-15' },
    ],
  ])('«%s» (reference %s)', check)

  it('a reversed range says so', () => {
    expect(parseDeadline('ноябрь- октябрь 2024', '2024-09-05').problems).toStrictEqual([
      { code: 'reversed_range', message: 'Начало срока «ноябрь- октябрь 2024» позже его конца' },
    ])
  })
})

describe('several dates', () => {
  it.each<[string, string, number | undefined, Expected]>([
    [
      'декабрь 2024, август 2025',
      '2025-01-10',
      undefined,
      { kind: 'dates', dates: ['2024-12-31', '2025-08-31'], due: '2025-08-31' },
    ],
    // all passed: the last one, overdue
    [
      'декабрь 2024, август 2025',
      '2025-09-10',
      undefined,
      { kind: 'dates', dates: ['2024-12-31', '2025-08-31'], due: '2025-08-31' },
    ],
    [
      'август 2025, декабрь 2024',
      '2025-09-10',
      undefined,
      { kind: 'dates', dates: ['2025-08-31', '2024-12-31'], due: '2025-08-31' },
    ],
    [
      'август 2025, декабрь 2024',
      '2024-09-10',
      undefined,
      { kind: 'dates', dates: ['2025-08-31', '2024-12-31'], due: '2024-12-31' },
    ],
    // the year written once applies to every month before it
    [
      'март, июнь 2025',
      '2024-09-05',
      undefined,
      { kind: 'dates', dates: ['2025-03-31', '2025-06-30'], due: '2025-03-31' },
    ],
    [
      '15.03.2025; 15.06.2025',
      '2025-04-01',
      undefined,
      { kind: 'dates', dates: ['2025-03-15', '2025-06-15'], due: '2025-06-15' },
    ],
    [
      '15.03.2025; 15.06.2025',
      '2025-03-15',
      undefined,
      { kind: 'dates', dates: ['2025-03-15', '2025-06-15'], due: '2025-03-15' },
    ],
    [
      'сентябрь и декабрь',
      '2024-10-05',
      undefined,
      { kind: 'dates', dates: ['2025-09-30', '2024-12-31'], due: '2024-12-31' },
    ],
    [
      'сентябрь-октябрь 2024, март 2025',
      '2024-09-05',
      undefined,
      { kind: 'dates', dates: ['2024-10-31', '2025-03-31'], due: '2024-10-31' },
    ],
    [
      'ноябрь-октябрь 2024, март 2025',
      '2024-09-05',
      undefined,
      { kind: 'dates', dates: ['2024-10-31', '2025-03-31'], due: null, problems: ['reversed_range'] },
    ],
    [
      '10.03.2025, 30.02.2025',
      '2024-09-05',
      undefined,
      { kind: 'date', dates: [], due: null, problems: ['invalid_date'] },
    ],
    [
      'сентябрь 2024, по возможности',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
  ])('«%s» (reference %s)', check)
})

describe('quarters and other periods', () => {
  it.each<[string, string, number | undefined, Expected]>([
    [
      '2 квартал 2025',
      '2024-09-05',
      undefined,
      { kind: 'quarter', dates: ['2025-04-01', '2025-06-30'], due: '2025-06-30' },
    ],
    [
      'II квартал',
      '2024-09-05',
      undefined,
      { kind: 'quarter', dates: ['2025-04-01', '2025-06-30'], due: '2025-06-30' },
    ],
    [
      'III квартал',
      '2024-09-05',
      undefined,
      { kind: 'quarter', dates: ['2024-07-01', '2024-09-30'], due: '2024-09-30' },
    ],
    [
      'в течение I квартала 2025 г.',
      '2024-09-05',
      undefined,
      { kind: 'quarter', dates: ['2025-01-01', '2025-03-31'], due: '2025-03-31' },
    ],
    [
      'IV кв. 2024',
      '2024-09-05',
      undefined,
      { kind: 'quarter', dates: ['2024-10-01', '2024-12-31'], due: '2024-12-31' },
    ],
    [
      '1-й квартал 2026 года',
      '2025-12-05',
      undefined,
      { kind: 'quarter', dates: ['2026-01-01', '2026-03-31'], due: '2026-03-31' },
    ],
    [
      'четвертый квартал',
      '2024-09-05',
      undefined,
      { kind: 'quarter', dates: ['2024-10-01', '2024-12-31'], due: '2024-12-31' },
    ],
    [
      'I-II квартал 2025',
      '2024-09-05',
      undefined,
      { kind: 'range', dates: ['2025-01-01', '2025-06-30'], due: '2025-06-30' },
    ],
    [
      'с 3 по 4 квартал 2025',
      '2024-09-05',
      undefined,
      { kind: 'range', dates: ['2025-07-01', '2025-12-31'], due: '2025-12-31' },
    ],
    [
      '3 квартал 2024 - 1 квартал 2025',
      '2024-09-05',
      undefined,
      { kind: 'range', dates: ['2024-07-01', '2025-03-31'], due: '2025-03-31' },
    ],
    [
      'IV-I квартал',
      '2024-09-05',
      undefined,
      { kind: 'range', dates: ['2024-10-01', '2025-03-31'], due: '2025-03-31' },
    ],
    [
      'IV-I квартал 2025',
      '2024-09-05',
      undefined,
      { kind: 'range', dates: ['2025-10-01', '2025-03-31'], due: null, problems: ['reversed_range'] },
    ],
    [
      '5 квартал 2025',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    [
      'первое полугодие 2025',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2025-01-01', '2025-06-30'], due: '2025-06-30' },
    ],
    [
      '1 полугодие',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2025-01-01', '2025-06-30'], due: '2025-06-30' },
    ],
    [
      'II полугодие 2024 г.',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-07-01', '2024-12-31'], due: '2024-12-31' },
    ],
    [
      'во втором полугодии',
      '2024-03-01',
      undefined,
      { kind: 'period', dates: ['2024-07-01', '2024-12-31'], due: '2024-12-31' },
    ],
    ['3 полугодие', '2024-03-01', undefined, { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] }],
    [
      'летний период',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2025-06-01', '2025-08-31'], due: '2025-08-31' },
    ],
    [
      'летний период 2024',
      '2024-03-01',
      undefined,
      { kind: 'period', dates: ['2024-06-01', '2024-08-31'], due: '2024-08-31' },
    ],
    [
      'в период летних каникул',
      '2024-03-01',
      undefined,
      { kind: 'period', dates: ['2024-06-01', '2024-08-31'], due: '2024-08-31' },
    ],
    [
      'осенний период',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-09-01', '2024-11-30'], due: '2024-11-30' },
    ],
    ['весна 2025', '2024-09-05', undefined, { kind: 'period', dates: ['2025-03-01', '2025-05-31'], due: '2025-05-31' }],
    [
      'до конца года',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-01-01', '2024-12-31'], due: '2024-12-31' },
    ],
    [
      'до конца текущего года',
      '2026-12-31',
      undefined,
      { kind: 'period', dates: ['2026-01-01', '2026-12-31'], due: '2026-12-31' },
    ],
    [
      'до конца 2025 года',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2025-01-01', '2025-12-31'], due: '2025-12-31' },
    ],
    [
      'до конца учебного года',
      '2024-09-05',
      2024,
      { kind: 'period', dates: ['2024-09-01', '2025-08-31'], due: '2025-08-31' },
    ],
    [
      'до конца учебного года',
      '2025-02-05',
      undefined,
      { kind: 'period', dates: ['2024-09-01', '2025-08-31'], due: '2025-08-31' },
    ],
    [
      'до конца месяца',
      '2024-02-05',
      undefined,
      { kind: 'period', dates: ['2024-02-01', '2024-02-29'], due: '2024-02-29' },
    ],
    [
      'до конца квартала',
      '2024-11-05',
      undefined,
      { kind: 'period', dates: ['2024-10-01', '2024-12-31'], due: '2024-12-31' },
    ],
    [
      'до конца квартала',
      '2024-05-05',
      undefined,
      { kind: 'period', dates: ['2024-04-01', '2024-06-30'], due: '2024-06-30' },
    ],
    [
      'до конца полугодия',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-07-01', '2024-12-31'], due: '2024-12-31' },
    ],
    [
      'до конца полугодия',
      '2024-06-30',
      undefined,
      { kind: 'period', dates: ['2024-01-01', '2024-06-30'], due: '2024-06-30' },
    ],
    [
      'первая декада октября',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-10-01', '2024-10-10'], due: '2024-10-10' },
    ],
    // no year: the decade that has not ended by the reference date, this year's while it runs
    [
      'вторая декада сентября',
      '2024-09-15',
      undefined,
      { kind: 'period', dates: ['2024-09-11', '2024-09-20'], due: '2024-09-20' },
    ],
    [
      'первая декада сентября',
      '2024-09-15',
      undefined,
      { kind: 'period', dates: ['2025-09-01', '2025-09-10'], due: '2025-09-10' },
    ],
    [
      'во второй декаде сентября 2024',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-09-11', '2024-09-20'], due: '2024-09-20' },
    ],
    [
      'третья декада февраля 2024',
      '2024-01-05',
      undefined,
      { kind: 'period', dates: ['2024-02-21', '2024-02-29'], due: '2024-02-29' },
    ],
    [
      'III декада апреля 2025',
      '2024-01-05',
      undefined,
      { kind: 'period', dates: ['2025-04-21', '2025-04-30'], due: '2025-04-30' },
    ],
    [
      'в течение месяца',
      '2024-01-31',
      undefined,
      { kind: 'period', dates: ['2024-01-31', '2024-02-29'], due: '2024-02-29' },
    ],
    [
      'в течение 10 дней',
      '2024-12-25',
      undefined,
      { kind: 'period', dates: ['2024-12-25', '2025-01-04'], due: '2025-01-04' },
    ],
    [
      'в течение 2-х недель',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-09-05', '2024-09-19'], due: '2024-09-19' },
    ],
    [
      'в течение недели',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-09-05', '2024-09-12'], due: '2024-09-12' },
    ],
    [
      'в течение трех месяцев',
      '2024-11-30',
      undefined,
      { kind: 'period', dates: ['2024-11-30', '2025-02-28'], due: '2025-02-28' },
    ],
    [
      'в 3-дневный срок',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-09-05', '2024-09-08'], due: '2024-09-08' },
    ],
    [
      'в десятидневный срок',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-09-05', '2024-09-15'], due: '2024-09-15' },
    ],
    [
      'в двухнедельный срок',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-09-05', '2024-09-19'], due: '2024-09-19' },
    ],
    [
      'в месячный срок',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-09-05', '2024-10-05'], due: '2024-10-05' },
    ],
    [
      'в течение дней',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
  ])('«%s» (reference %s, school year %s)', check)
})

describe('the year', () => {
  it.each<[string, string, number | undefined, Expected]>([
    // the school year the order names
    [
      'в течение года',
      '2024-09-05',
      2024,
      { kind: 'year', dates: ['2024-09-01', '2025-08-31'], due: '2025-08-31', until: '2025-08-31' },
    ],
    // else the calendar year of the reference date
    [
      'в течение года',
      '2024-09-05',
      undefined,
      { kind: 'year', dates: ['2024-01-01', '2024-12-31'], due: '2024-12-31', until: '2024-12-31' },
    ],
    [
      'В ТЕЧЕНИЕ ГОДА',
      '2026-12-31',
      undefined,
      { kind: 'year', dates: ['2026-01-01', '2026-12-31'], due: '2026-12-31', until: '2026-12-31' },
    ],
    [
      'в течение года',
      '2027-01-01',
      undefined,
      { kind: 'year', dates: ['2027-01-01', '2027-12-31'], due: '2027-12-31', until: '2027-12-31' },
    ],
    [
      'в течение 2025 года',
      '2024-09-05',
      undefined,
      { kind: 'year', dates: ['2025-01-01', '2025-12-31'], due: '2025-12-31', until: '2025-12-31' },
    ],
    [
      '2025 год',
      '2024-09-05',
      2024,
      { kind: 'year', dates: ['2025-01-01', '2025-12-31'], due: '2025-12-31', until: '2025-12-31' },
    ],
    [
      'в течение учебного года',
      '2024-09-05',
      undefined,
      { kind: 'year', dates: ['2024-09-01', '2025-08-31'], due: '2025-08-31', until: '2025-08-31' },
    ],
    [
      'в течение учебного года',
      '2025-08-31',
      undefined,
      { kind: 'year', dates: ['2024-09-01', '2025-08-31'], due: '2025-08-31', until: '2025-08-31' },
    ],
    [
      'в течение учебного года',
      '2025-03-05',
      2025,
      { kind: 'year', dates: ['2025-09-01', '2026-08-31'], due: '2026-08-31', until: '2026-08-31' },
    ],
    [
      'в течение 2023-2024 учебного года',
      '2024-09-05',
      2024,
      { kind: 'year', dates: ['2023-09-01', '2024-08-31'], due: '2024-08-31', until: '2024-08-31' },
    ],
    [
      '2023/2024 учебный год',
      '2023-09-05',
      undefined,
      { kind: 'year', dates: ['2023-09-01', '2024-08-31'], due: '2024-08-31', until: '2024-08-31' },
    ],
  ])('«%s» (reference %s, school year %s)', check)
})

describe('no due date, or one the practice sets', () => {
  it.each<[string, string, number | undefined, Expected]>([
    ['постоянно', '2024-09-05', undefined, { kind: 'continuous', dates: [], due: null }],
    ['постоянно', '2024-09-05', 2024, { kind: 'continuous', dates: [], due: null, until: '2025-08-31' }],
    [
      'Постоянно (по мере необходимости)',
      '2024-09-05',
      undefined,
      { kind: 'continuous', dates: [], due: null, qualifier: 'по мере необходимости' },
    ],
    ['на постоянной основе', '2024-09-05', undefined, { kind: 'continuous', dates: [], due: null }],
    ['ежедневно', '2024-09-05', undefined, { kind: 'continuous', dates: [], due: null }],
    ['по мере необходимости', '2024-09-05', 2024, { kind: 'on_demand', dates: [], due: null }],
    ['по графику', '2024-09-05', undefined, { kind: 'on_demand', dates: [], due: null }],
    ['по отдельному плану', '2024-09-05', undefined, { kind: 'on_demand', dates: [], due: null }],
    ['по отдельному графику', '2024-09-05', undefined, { kind: 'on_demand', dates: [], due: null }],
    ['по необходимости', '2024-09-05', undefined, { kind: 'on_demand', dates: [], due: null }],
    ['при необходимости', '2024-09-05', undefined, { kind: 'on_demand', dates: [], due: null }],
    ['(по мере поступления запросов)', '2024-09-05', undefined, { kind: 'on_demand', dates: [], due: null }],
    ['в соответствии с графиком мероприятий', '2024-09-05', undefined, { kind: 'on_demand', dates: [], due: null }],
    ['согласно графику', '2024-09-05', undefined, { kind: 'on_demand', dates: [], due: null }],
    ['в установленные сроки', '2024-09-05', undefined, { kind: 'on_demand', dates: [], due: null }],
    ['срочно', '2024-09-05', undefined, { kind: 'urgent', dates: [], due: null }],
    ['незамедлительно', '2024-09-05', undefined, { kind: 'urgent', dates: [], due: null }],
    ['Оперативно', '2024-09-05', undefined, { kind: 'operative', dates: [], due: null }],
    ['в оперативном порядке', '2024-09-05', undefined, { kind: 'operative', dates: [], due: null }],
  ])('«%s» (reference %s, school year %s)', check)
})

describe('what is not a deadline', () => {
  it.each([
    '',
    '   ',
    'абракадабра',
    'до особого распоряжения',
    'по итогам четверти',
    'в течение 10 рабочих дней',
    'до 25',
  ])('«%s» is unknown, kept and flagged', (text) => {
    expect(parseDeadline(text, '2024-09-05')).toStrictEqual({
      text,
      kind: 'unknown',
      dates: [],
      due: null,
      problems: [
        {
          code: 'unknown_deadline',
          message: `Срок «${text}» не распознан: укажите дату, месяц, квартал или период`,
        },
      ],
    })
  })
})

describe('words that only look like months', () => {
  it.each([
    'январьх 2025',
    'февральский 2025',
    'мартовский 2025',
    'апрельх 2025',
    'маяк 2025',
    'маймы 2025',
    'июньский 2025',
    'июльский 2025',
    'августейший 2025',
    'сентябрьский 2025',
    'октябрьский 2025',
    'ноябрьский 2025',
    'декабрьский 2025',
    'до 5 маяка',
    'ежегодно в маяке',
  ])('«%s» is unknown', (text) => {
    expect(parseDeadline(text, '2024-09-05').kind).toBe('unknown')
  })
  it.each([
    ['январем 2025', '2025-01-31'],
    ['феврале 2025', '2025-02-28'],
    ['мартом 2025', '2025-03-31'],
    ['апрелю 2025', '2025-04-30'],
    ['маем 2025', '2025-05-31'],
    ['маю 2025', '2025-05-31'],
    ['июнем 2025', '2025-06-30'],
    ['июлю 2025', '2025-07-31'],
    ['августу 2025', '2025-08-31'],
    ['сентябрем 2025', '2025-09-30'],
    ['октябрю 2025', '2025-10-31'],
    ['ноябре 2025', '2025-11-30'],
    ['декабрем 2025', '2025-12-31'],
  ])('«%s» is a month due %s', (text, due) => {
    expect(parseDeadline(text, '2024-09-05')).toMatchObject({ kind: 'month', due })
  })
})

describe('edges of the written forms', () => {
  it.each<[string, string, number | undefined, Expected]>([
    ['до\u00a015.06.2022;', '2022-05-10', undefined, { kind: 'date', dates: ['2022-06-15'], due: '2022-06-15' }],
    ['15.06.2022 г.,', '2022-05-10', undefined, { kind: 'date', dates: ['2022-06-15'], due: '2022-06-15' }],
    ['до 10.05.', '2024-09-05', undefined, { kind: 'date', dates: ['2025-05-10'], due: '2025-05-10' }],
    [
      'с 1 по 15 сентября 2024 года',
      '2024-09-05',
      undefined,
      { kind: 'range', dates: ['2024-09-01', '2024-09-15'], due: '2024-09-15' },
    ],
    [
      '2024-2025 уч. год',
      '2024-09-05',
      undefined,
      { kind: 'year', dates: ['2024-09-01', '2025-08-31'], due: '2025-08-31', until: '2025-08-31' },
    ],
    // the school year begins on 1 September
    [
      'в течение учебного года',
      '2024-09-01',
      undefined,
      { kind: 'year', dates: ['2024-09-01', '2025-08-31'], due: '2025-08-31', until: '2025-08-31' },
    ],
    [
      'в течение учебного года',
      '2024-08-31',
      undefined,
      { kind: 'year', dates: ['2023-09-01', '2024-08-31'], due: '2024-08-31', until: '2024-08-31' },
    ],
    [
      'ежемесячно в течение 2024-2025 учебного года',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-30', recurrence: { every: 'month' }, until: '2025-08-31' },
    ],
    [
      'ежемесячно в течение учебного года',
      '2024-09-05',
      2023,
      { kind: 'recurring', dates: [], due: null, recurrence: { every: 'month' }, until: '2024-08-31' },
    ],
    [
      'ежегодно до 20 января года, следующего за отчетным',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2025-01-20', recurrence: { every: 'year', month: 1, day: 20 } },
    ],
    [
      'ежегодно, до 1 февраля года, следующего за отчетным годом',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2025-02-01', recurrence: { every: 'year', month: 2, day: 1 } },
    ],
    ['в сроки, определенные графиком', '2024-09-05', undefined, { kind: 'on_demand', dates: [], due: null }],
    ['в сроки, утвержденные планом', '2024-09-05', undefined, { kind: 'on_demand', dates: [], due: null }],
    ['в сроки, указанные в плане', '2024-09-05', undefined, { kind: 'on_demand', dates: [], due: null }],
    [
      'II-IV кварталы 2025 года',
      '2024-09-05',
      undefined,
      { kind: 'range', dates: ['2025-04-01', '2025-12-31'], due: '2025-12-31' },
    ],
    [
      '2025-2030 годы',
      '2024-09-05',
      undefined,
      { kind: 'range', dates: ['2025-01-01', '2030-12-31'], due: '2030-12-31' },
    ],
    [
      '1 раз в месяц, до 5 числа',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-10-05', recurrence: { every: 'month', day: 5 } },
    ],
    [
      'июнь - август 2012 года',
      '2012-04-04',
      undefined,
      { kind: 'range', dates: ['2012-06-01', '2012-08-31'], due: '2012-08-31' },
    ],
    [
      'сентябрь 2024,, декабрь 2024',
      '2024-09-05',
      undefined,
      { kind: 'dates', dates: ['2024-09-30', '2024-12-31'], due: '2024-09-30' },
    ],
    [
      'III квартал',
      '2024-09-30',
      undefined,
      { kind: 'quarter', dates: ['2024-07-01', '2024-09-30'], due: '2024-09-30' },
    ],
    [
      'I-V квартал 2025',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    ['V-I квартал', '2024-09-05', undefined, { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] }],
    [
      'в 10-дневный срок',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-09-05', '2024-09-15'], due: '2024-09-15' },
    ],
    [
      'в 10дневный срок',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-09-05', '2024-09-15'], due: '2024-09-15' },
    ],
    [
      'до конца 2023-2024 учебного года',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2023-09-01', '2024-08-31'], due: '2024-08-31' },
    ],
    [
      'ежегодно до 31 апреля',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    [
      'ежегодно до 15.01',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2025-01-15', recurrence: { every: 'year', month: 1, day: 15 } },
    ],
    [
      'ежегодно до 25.12',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-12-25', recurrence: { every: 'year', month: 12, day: 25 } },
    ],
    [
      'ежегодно до 31.05',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2025-05-31', recurrence: { every: 'year', month: 5, day: 31 } },
    ],
    [
      'ежегодно до 10.00',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    [
      'ежемесячно 5 числа',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-10-05', recurrence: { every: 'month', day: 5 } },
    ],
    [
      'ежемесячно к 25 числу',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-25', recurrence: { every: 'month', day: 25 } },
    ],
    [
      'ежемесячно до 5 числа каждого месяца',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-10-05', recurrence: { every: 'month', day: 5 } },
    ],
    [
      'ежемесячно до 1 числа',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-10-01', recurrence: { every: 'month', day: 1 } },
    ],
    [
      'квазиежемесячно',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    ['не срочно', '2024-09-05', undefined, { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] }],
    ['срочно!', '2024-09-05', undefined, { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] }],
    [
      'не оперативно',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    [
      'оперативно и качественно',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    [
      'постоянно действующий семинар',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    [
      'не постоянно',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    [
      'весной и летом',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    [
      'летний период отдыха',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    [
      'ранней осенью',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    [
      'еженедельное',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-08', recurrence: { every: 'week' } },
    ],
    [
      'ежемесячное',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-30', recurrence: { every: 'month' } },
    ],
    [
      'ежеквартальное',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-30', recurrence: { every: 'quarter' } },
    ],
    [
      'не реже 1 раза в полугодие',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-12-31', recurrence: { every: 'halfyear' } },
    ],
    [
      'не реже одного раза в год',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-12-31', recurrence: { every: 'year' } },
    ],
    [
      'не реже 1 раза в неделю',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-08', recurrence: { every: 'week' } },
    ],
    [
      'раз в месяц',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-30', recurrence: { every: 'month' } },
    ],
    // not a school year: the years do not follow each other
    [
      '2023/2025 учебный год',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    // a month and a date are not the two ends of one range
    [
      'сентябрь-15.10.2024',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    [
      'сентябрь, 2024',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    [
      'ежегодно в мартобре',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    [
      'ежемесячно до 0 числа',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    [
      'ежегодно до 0 мая',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    [
      'ежегодно до 10.13',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    [
      'ежегодно до 0.05',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    [
      'в течение II полугодия 2024-2025 учебного года',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
  ])('«%s» (reference %s, school year %s)', check)
})

describe('the vocabulary: each word the parser knows', () => {
  it.each<[string, string, number | undefined, Expected]>([
    ['немедленно', '2024-09-05', undefined, { kind: 'urgent', dates: [], due: null }],
    ['в срочном порядке', '2024-09-05', undefined, { kind: 'urgent', dates: [], due: null }],
    ['в кратчайшие сроки', '2024-09-05', undefined, { kind: 'urgent', dates: [], due: null }],
    ['систематически', '2024-09-05', undefined, { kind: 'continuous', dates: [], due: null }],
    ['весь период', '2024-09-05', undefined, { kind: 'continuous', dates: [], due: null }],
    ['в течение всего периода', '2024-09-05', undefined, { kind: 'continuous', dates: [], due: null }],
    ['в постоянном режиме', '2024-09-05', undefined, { kind: 'continuous', dates: [], due: null }],
    ['по мере готовности', '2024-09-05', undefined, { kind: 'on_demand', dates: [], due: null }],
    ['по запросу', '2024-09-05', undefined, { kind: 'on_demand', dates: [], due: null }],
    ['по требованию', '2024-09-05', undefined, { kind: 'on_demand', dates: [], due: null }],
    ['в сроки, установленные графиком', '2024-09-05', undefined, { kind: 'on_demand', dates: [], due: null }],
    ['в соответствии с планом работы', '2024-09-05', undefined, { kind: 'on_demand', dates: [], due: null }],
    ['согласно расписанию', '2024-09-05', undefined, { kind: 'on_demand', dates: [], due: null }],
    ['по утвержденному графику', '2024-09-05', undefined, { kind: 'on_demand', dates: [], due: null }],
    ['по единому расписанию', '2024-09-05', undefined, { kind: 'on_demand', dates: [], due: null }],
    ['по своему плану', '2024-09-05', undefined, { kind: 'on_demand', dates: [], due: null }],
    [
      'в соответствии со сроками',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    [
      'каждую неделю',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-08', recurrence: { every: 'week' } },
    ],
    [
      'раз в неделю',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-08', recurrence: { every: 'week' } },
    ],
    [
      'помесячно',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-30', recurrence: { every: 'month' } },
    ],
    [
      'каждый месяц',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-30', recurrence: { every: 'month' } },
    ],
    [
      'поквартально',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-30', recurrence: { every: 'quarter' } },
    ],
    [
      'каждый квартал',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-30', recurrence: { every: 'quarter' } },
    ],
    [
      'раз в квартал',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-30', recurrence: { every: 'quarter' } },
    ],
    [
      'каждое полугодие',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-12-31', recurrence: { every: 'halfyear' } },
    ],
    [
      '2 раза в год',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-12-31', recurrence: { every: 'halfyear' } },
    ],
    [
      'два раза в год',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-12-31', recurrence: { every: 'halfyear' } },
    ],
    [
      'раз в год',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-12-31', recurrence: { every: 'year' } },
    ],
    [
      'каждый год',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-12-31', recurrence: { every: 'year' } },
    ],
    [
      'не реже 1 раза в месяц',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-30', recurrence: { every: 'month' } },
    ],
    [
      'ежегодные',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-12-31', recurrence: { every: 'year' } },
    ],
    [
      'по понедельникам',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-09', recurrence: { every: 'week', day: 1 } },
    ],
    [
      'по вторникам',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-10', recurrence: { every: 'week', day: 2 } },
    ],
    [
      'по четвергам',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-12', recurrence: { every: 'week', day: 4 } },
    ],
    [
      'по субботам',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-07', recurrence: { every: 'week', day: 6 } },
    ],
    [
      'по воскресеньям',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-08', recurrence: { every: 'week', day: 7 } },
    ],
    [
      'еженедельно в четверг',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-12', recurrence: { every: 'week', day: 4 } },
    ],
    [
      'еженедельно, каждую среду',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-11', recurrence: { every: 'week', day: 3 } },
    ],
    [
      'еженедельно в воскресенье',
      '2024-09-05',
      undefined,
      { kind: 'recurring', dates: [], due: '2024-09-08', recurrence: { every: 'week', day: 7 } },
    ],
    ['весной', '2024-09-05', undefined, { kind: 'period', dates: ['2025-03-01', '2025-05-31'], due: '2025-05-31' }],
    [
      'весенний период',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2025-03-01', '2025-05-31'], due: '2025-05-31' },
    ],
    ['летом', '2024-09-05', undefined, { kind: 'period', dates: ['2025-06-01', '2025-08-31'], due: '2025-08-31' }],
    ['лето 2025', '2024-09-05', undefined, { kind: 'period', dates: ['2025-06-01', '2025-08-31'], due: '2025-08-31' }],
    [
      'летние каникулы',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2025-06-01', '2025-08-31'], due: '2025-08-31' },
    ],
    [
      'в летние месяцы',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2025-06-01', '2025-08-31'], due: '2025-08-31' },
    ],
    ['осенью', '2024-09-05', undefined, { kind: 'period', dates: ['2024-09-01', '2024-11-30'], due: '2024-11-30' }],
    ['осень 2024', '2024-09-05', undefined, { kind: 'period', dates: ['2024-09-01', '2024-11-30'], due: '2024-11-30' }],
    ['зима', '2024-09-05', undefined, { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] }],
    [
      'в течение одного месяца',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-09-05', '2024-10-05'], due: '2024-10-05' },
    ],
    [
      'в течение трех дней',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-09-05', '2024-09-08'], due: '2024-09-08' },
    ],
    [
      'в течение пяти дней',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-09-05', '2024-09-10'], due: '2024-09-10' },
    ],
    [
      'в течение шести месяцев',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-09-05', '2025-03-05'], due: '2025-03-05' },
    ],
    [
      'в течение семи дней',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-09-05', '2024-09-12'], due: '2024-09-12' },
    ],
    [
      'в течение десяти дней',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-09-05', '2024-09-15'], due: '2024-09-15' },
    ],
    [
      'в течение пятнадцати дней',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-09-05', '2024-09-20'], due: '2024-09-20' },
    ],
    [
      'в течение тридцати дней',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-09-05', '2024-10-05'], due: '2024-10-05' },
    ],
    [
      'в течение четырех недель',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-09-05', '2024-10-03'], due: '2024-10-03' },
    ],
    [
      'в течение двух месяцев',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-09-05', '2024-11-05'], due: '2024-11-05' },
    ],
    [
      'в пятидневный срок',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-09-05', '2024-09-10'], due: '2024-09-10' },
    ],
    [
      'в семидневный срок',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-09-05', '2024-09-12'], due: '2024-09-12' },
    ],
    [
      'в трехдневный срок',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-09-05', '2024-09-08'], due: '2024-09-08' },
    ],
    [
      'в недельный срок',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-09-05', '2024-09-12'], due: '2024-09-12' },
    ],
    [
      'в 2-недельный срок',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-09-05', '2024-09-19'], due: '2024-09-19' },
    ],
    [
      'в 3-месячный срок',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-09-05', '2024-12-05'], due: '2024-12-05' },
    ],
    [
      'в дневный срок',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    [
      'в течение 0 дней',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    [
      'в 0-дневный срок',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    [
      'в течение календарного года',
      '2024-09-05',
      2024,
      { kind: 'year', dates: ['2024-01-01', '2024-12-31'], due: '2024-12-31', until: '2024-12-31' },
    ],
    [
      'в течение текущего года',
      '2024-09-05',
      2024,
      { kind: 'year', dates: ['2024-01-01', '2024-12-31'], due: '2024-12-31', until: '2024-12-31' },
    ],
    [
      'на протяжении года',
      '2024-09-05',
      undefined,
      { kind: 'year', dates: ['2024-01-01', '2024-12-31'], due: '2024-12-31', until: '2024-12-31' },
    ],
    [
      'весь год',
      '2024-09-05',
      undefined,
      { kind: 'year', dates: ['2024-01-01', '2024-12-31'], due: '2024-12-31', until: '2024-12-31' },
    ],
    [
      'в течение всего учебного года',
      '2024-09-05',
      undefined,
      { kind: 'year', dates: ['2024-09-01', '2025-08-31'], due: '2025-08-31', until: '2025-08-31' },
    ],
    [
      'весь учебный год',
      '2024-09-05',
      undefined,
      { kind: 'year', dates: ['2024-09-01', '2025-08-31'], due: '2025-08-31', until: '2025-08-31' },
    ],
    [
      'к концу года',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-01-01', '2024-12-31'], due: '2024-12-31' },
    ],
    [
      'к окончанию учебного года',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-09-01', '2025-08-31'], due: '2025-08-31' },
    ],
    [
      'в конце 2024 года',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-01-01', '2024-12-31'], due: '2024-12-31' },
    ],
    [
      'до окончания квартала',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-07-01', '2024-09-30'], due: '2024-09-30' },
    ],
    [
      'до конца этого месяца',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-09-01', '2024-09-30'], due: '2024-09-30' },
    ],
    [
      'до конца 2024-2025 учебного года',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-09-01', '2025-08-31'], due: '2025-08-31' },
    ],
    [
      'в конце первого квартала 2025',
      '2024-09-05',
      undefined,
      { kind: 'quarter', dates: ['2025-01-01', '2025-03-31'], due: '2025-03-31' },
    ],
    [
      'за 3 квартал 2024',
      '2024-09-05',
      undefined,
      { kind: 'quarter', dates: ['2024-07-01', '2024-09-30'], due: '2024-09-30' },
    ],
    [
      'на 4 квартал',
      '2024-09-05',
      undefined,
      { kind: 'quarter', dates: ['2024-10-01', '2024-12-31'], due: '2024-12-31' },
    ],
    [
      'до окончания 2 полугодия',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2024-07-01', '2024-12-31'], due: '2024-12-31' },
    ],
    [
      'в 1-м полугодии 2025 года',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2025-01-01', '2025-06-30'], due: '2025-06-30' },
    ],
    [
      'вторая декада',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    [
      '4 декада мая',
      '2024-09-05',
      undefined,
      { kind: 'unknown', dates: [], due: null, problems: ['unknown_deadline'] },
    ],
    [
      'в первой декаде мая',
      '2024-09-05',
      undefined,
      { kind: 'period', dates: ['2025-05-01', '2025-05-10'], due: '2025-05-10' },
    ],
  ])('«%s» (reference %s, school year %s)', check)
})

// ---------------------------------------------------------------------------------------------------------
// properties

const dateArb = fc.integer({ min: 0, max: 365 * 12 }).map((n) => addDays('2020-01-01', n))
const MONTH_FORMS = [
  ['январь', 'января', 'январе'],
  ['февраль', 'февраля', 'феврале'],
  ['март', 'марта', 'марте'],
  ['апрель', 'апреля', 'апреле'],
  ['май', 'мая', 'мае'],
  ['июнь', 'июня', 'июне'],
  ['июль', 'июля', 'июле'],
  ['август', 'августа', 'августе'],
  ['сентябрь', 'сентября', 'сентябре'],
  ['октябрь', 'октября', 'октябре'],
  ['ноябрь', 'ноября', 'ноябре'],
  ['декабрь', 'декабря', 'декабре'],
] as const
const monthWord = (m: number, form: number, upper: boolean): string => {
  const w = (MONTH_FORMS[m - 1] as readonly string[])[form] as string
  return upper ? w[0]?.toUpperCase() + w.slice(1) : w
}
const iso = (y: number, m: number, d: number): string =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`

describe('properties', () => {
  it('a recurring due date is never before the reference date, and the next one is after it', () => {
    const phrases = [
      'ежемесячно',
      'ежеквартально',
      'ежегодно',
      'еженедельно',
      'раз в полугодие',
      'до 31 мая ежегодно',
      'ежемесячно до 5 числа',
      'ежемесячно до 31 числа',
      'ежеквартально до 10 числа',
      'еженедельно по средам',
      'ежегодно в феврале',
      'ежемесячно в течение года',
    ]
    fc.assert(
      fc.property(
        fc.constantFrom(...phrases),
        dateArb,
        fc.option(fc.integer({ min: 2019, max: 2032 })),
        (text, reference, sy) => {
          const d = parseDeadline(text, reference, sy === null ? {} : { schoolYear: { start: sy } })
          expect(d.kind).toBe('recurring')
          if (d.due === null) {
            expect(d.until !== undefined && d.until <= addDays(reference, 366)).toBe(true)
            return
          }
          expect(d.due > reference).toBe(true)
          expect(d.due).toBe(nextOccurrence(d, reference))
          if (d.until !== undefined) expect(d.due <= d.until).toBe(true)
          const next = nextOccurrence(d, d.due)
          if (next !== null) expect(next > d.due).toBe(true)
        },
      ),
    )
  })

  it('a range is due at its end, which lies within the written range', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2020, max: 2030 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 1 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom('-', ' - ', '– ', '—', ' −', '- '),
        fc.boolean(),
        fc.constantFrom('', ' г.', ' года', 'г.'),
        dateArb,
        (year, from, extraYears, to, dash, upper, suffix, reference) => {
          const endYear = year + extraYears
          const text =
            extraYears === 0
              ? `${monthWord(from, 0, upper)}${dash}${monthWord(to, 0, false)} ${year}${suffix}`
              : `${monthWord(from, 0, upper)} ${year}${suffix}${dash}${monthWord(to, 0, false)} ${endYear}${suffix}`
          const d = parseDeadline(text, reference)
          expect(d.kind).toBe('range')
          const start = iso(year, from, 1)
          const end = iso(endYear, to, lastDayOfMonth(endYear, to))
          expect(d.dates).toStrictEqual([start, end])
          if (start <= end) {
            expect(d.due).toBe(end)
            expect(d.problems).toStrictEqual([])
          } else {
            expect(d.due).toBeNull()
            expect(d.problems.map((p) => p.code)).toStrictEqual(['reversed_range'])
          }
        },
      ),
    )
  })

  it('a date written in any form is read as written, or flagged when it does not exist', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2099 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.constantFrom('до ', 'не позднее ', 'в срок до ', '', 'к '),
        fc.boolean(),
        dateArb,
        (y, m, day, prefix, words, reference) => {
          const text = words
            ? `${prefix}${day} ${monthWord(m, 1, false)} ${y} года`
            : `${prefix}${String(day).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y} г.`
          const d = parseDeadline(text, reference)
          expect(d.kind).toBe('date')
          if (day <= lastDayOfMonth(y, m)) {
            expect(d.dates).toStrictEqual([iso(y, m, day)])
            expect(d.due).toBe(iso(y, m, day))
          } else {
            expect(d.due).toBeNull()
            expect(d.problems.map((p) => p.code)).toStrictEqual(['invalid_date'])
          }
        },
      ),
    )
  })

  it('several dates: the due date is one of them, the earliest not before the reference when there is one', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { minLength: 2, maxLength: 4 }),
        dateArb,
        (months, reference) => {
          const ym = months.map((n) => ({ y: 2022 + Math.floor(n / 12), m: (n % 12) + 1 }))
          const text = ym.map(({ y, m }) => `${monthWord(m, 0, false)} ${y}`).join(', ')
          const d = parseDeadline(text, reference)
          const ends = ym.map(({ y, m }) => iso(y, m, lastDayOfMonth(y, m)))
          expect(d.kind).toBe('dates')
          expect(d.dates).toStrictEqual(ends)
          const ahead = ends.filter((e) => e >= reference).sort()
          expect(d.due).toBe(ahead[0] ?? [...ends].sort().at(-1))
        },
      ),
    )
  })
})

describe('dates outside the years the service works with (LIMITS.date)', () => {
  it.each(['до 31.12.9999', 'до 01.01.2200', 'до 31.12.1899'])('%s is not a date: invalid_date', (text) => {
    const parsed = parseDeadline(text, '2026-03-10')
    expect(parsed).toMatchObject({ kind: 'unknown', due: null, dates: [] })
    expect(parsed.problems).toEqual([expect.objectContaining({ code: 'invalid_date' })])
  })

  it('the last day of the last year is still one', () => {
    expect(parseDeadline('до 31.12.2199', '2026-03-10')).toMatchObject({ kind: 'date', due: '2199-12-31' })
  })
})
