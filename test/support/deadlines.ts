import { expect } from 'vitest'
import type { ParsedDeadline } from '../../src/domain/deadline-words'
import { parseDeadline } from '../../src/domain/deadlines'

export type Expected = Omit<Partial<ParsedDeadline>, 'problems' | 'text'> & { problems?: string[] }

/** The parsed deadline without its text and with the problems' codes only, to compare whole. */
export const shape = (d: ParsedDeadline): Expected => {
  const { text: _text, problems, ...rest } = d
  return { ...rest, ...(problems.length ? { problems: problems.map((p) => p.code) } : {}) }
}

export const check = (text: string, reference: string, schoolYear: number | undefined, expected: Expected): void => {
  const parsed = parseDeadline(text, reference, schoolYear ? { schoolYear: { start: schoolYear } } : {})
  expect(parsed.text).toBe(text)
  expect(shape(parsed)).toStrictEqual(expected)
  // every problem says what is wrong, in words
  for (const p of parsed.problems) {
    if (p.code === 'reversed_range') expect(p.message).toBe(`Начало срока «${text}» позже его конца`)
    else if (p.code === 'unknown_deadline')
      expect(p.message).toBe(`Срок «${text}» не распознан: укажите дату, месяц, квартал или период`)
    else expect(p.message).toMatch(/^Дата «\d{2}\.(?:\d{2}\.)?\d{4}» не существует$/)
  }
}
