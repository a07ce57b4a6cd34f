import { describe, expect, it } from 'vitest'
import {
  checkJournalPattern,
  counterYear,
  formatRegistrationNumber,
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
