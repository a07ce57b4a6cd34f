import { describe, expect, it } from 'vitest'
import {
  checkJournalPattern,
  counterYear,
  formatRegistrationNumber,
  parseRegistrationNumber,
  patternForYear,
  sequenceOf,
} from '../../src/domain/journal-pattern'

describe('journal patterns', () => {
  it.each([
    ['{n}', 558, 2023, undefined, '558'],
    ['{n}-ОД', 12, 2025, undefined, '12-ОД'],
    ['{n}-г', 226, 2024, 1, '226/1-г'],
    ['{n}/{yyyy}', 7, 2024, undefined, '7/2024'],
    ['{yy}-{n}', 3, 2005, undefined, '05-3'],
    ['ПР-{n}', 41, 2026, 2, 'ПР-41/2'],
  ])('%s with %i in %i (litera %s) → %s', (pattern, seq, year, litera, expected) => {
    expect(formatRegistrationNumber(pattern, seq, year, litera)).toBe(expected)
  })

  it.each([
    ['{n}-г', '226/1-г', 226],
    ['{n}-г', '226-г', 226],
    ['{n}-г', '226', 226],
    ['{n}/{yyyy}', '7/2024', 7],
    ['{n}-ОД', 'абв', undefined],
  ])('%s: "%s" means number %s', (pattern, written, seq) => {
    expect(sequenceOf(pattern, written)).toBe(seq)
  })

  it('refuses patterns without exactly one {n}, with unknown elements or stray braces', () => {
    expect(checkJournalPattern('{n}-ОД')).toEqual([])
    expect(checkJournalPattern('ОД')).toHaveLength(1)
    expect(checkJournalPattern('{n}-{n}')).toHaveLength(1)
    expect(checkJournalPattern('{n}-{mm}')[0]!.message).toContain('{mm}')
    expect(checkJournalPattern('{n}}')).toHaveLength(1)
  })

  it('counts per year when the journal resets yearly, and in one bucket otherwise', () => {
    expect(counterYear('yearly', '2024-09-05')).toBe(2024)
    expect(counterYear('never', '2024-09-05')).toBe(0)
  })
})

describe('journal patterns, exactly', () => {
  it('says what is wrong with a pattern, each problem at the pattern', () => {
    expect(checkJournalPattern('ОД')).toEqual([
      { path: 'pattern', message: 'шаблон должен содержать {n} ровно один раз' },
    ])
    expect(checkJournalPattern('{n}-{mm}-{}')).toEqual([
      { path: 'pattern', message: 'неизвестный элемент шаблона {mm}' },
      { path: 'pattern', message: 'неизвестный элемент шаблона {}' },
    ])
    expect(checkJournalPattern('{n}-{yyyy}-{yy}')).toEqual([])
    expect(checkJournalPattern('{n}}')).toEqual([{ path: 'pattern', message: 'непарная фигурная скобка' }])
    expect(checkJournalPattern('{n}-{ab')).toEqual([{ path: 'pattern', message: 'непарная фигурная скобка' }])
  })

  it.each([
    ['{yyyy}/{n}', '2024/7', 7],
    ['{yy}-{n}', '24-7', 7],
    ['№.{n}+', '№.12+', 12],
    ['№.{n}+', '№x12+', undefined],
    ['{n}-ОД', ' 12-ОД ', 12],
    ['{n}-ОД', ' 12 ', 12],
    ['{n}-ОД', 'x12', undefined],
    ['{n}-ОД', '12x', undefined],
  ])('%s: "%s" means number %s', (pattern, written, seq) => {
    expect(sequenceOf(pattern, written)).toBe(seq)
  })

  it('fills the year in two forms and leaves {n}', () => {
    expect(patternForYear('{n}/{yyyy}-{yy}-{yy}', 2009)).toBe('{n}/2009-09-09')
  })
})

describe('parseRegistrationNumber: a number from the archive, read against its journal and year', () => {
  it.each([
    ['{n}-ОД', '12-ОД', 2026, { seq: 12, litera: 0 }],
    ['{n}-г', '226/1-г', 2024, { seq: 226, litera: 1 }],
    ['{n}/{yyyy}', '7/2025', 2025, { seq: 7, litera: 0 }],
    ['{n}-р/{yy}', '3-р/26', 2026, { seq: 3, litera: 0 }],
    ['{n}', '1', 2026, { seq: 1, litera: 0 }],
  ])('%s reads %s of %i', (pattern, number, year, expected) => {
    expect(parseRegistrationNumber(pattern, number, year)).toEqual(expected)
  })

  it.each([
    ['{n}-ОД', '12-од', 2026], // another suffix
    ['{n}-ОД', '012-ОД', 2026], // a leading zero: not the number the journal writes
    ['{n}-ОД', '0-ОД', 2026],
    ['{n}-ОД', '12/0-ОД', 2026],
    ['{n}/{yyyy}', '7/2024', 2025], // another year than the date's
    ['{n}-ОД', ' 12-ОД', 2026],
    ['{n}-ОД', '12-ОД.', 2026],
    ['{n}.{yyyy}', '12x2026', 2026], // a period of the pattern is a period
  ])('%s refuses %j of %i', (pattern, number, year) => {
    expect(parseRegistrationNumber(pattern, number, year)).toBeUndefined()
  })
})
