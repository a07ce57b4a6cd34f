/**
 * Registration numbers from a journal's pattern: `{n}` the sequence number, `{yyyy}` and `{yy}` the
 * registration year; everything else is literal text ("{n}-ОД", "{n}/{yyyy}"). A litera number
 * (226/1) inserts "/k" right after the sequence number, so "{n}-г" gives "226/1-г".
 */
export type PatternProblem = { path: string; message: string }

export const checkJournalPattern = (pattern: string): PatternProblem[] => {
  const problems: PatternProblem[] = []
  const seq = pattern.match(/\{n\}/g)?.length ?? 0
  if (seq !== 1) problems.push({ path: 'pattern', message: 'шаблон должен содержать {n} ровно один раз' })
  const unknown = [...pattern.matchAll(/\{([^}]*)\}/g)].filter((m) => !['n', 'yyyy', 'yy'].includes(m[1] ?? ''))
  for (const m of unknown) problems.push({ path: 'pattern', message: `неизвестный элемент шаблона ${m[0]}` })
  if (/[{}]/.test(pattern.replace(/\{[^}]*\}/g, '')))
    problems.push({ path: 'pattern', message: 'непарная фигурная скобка' })
  return problems
}

/** The pattern with the year filled in and {n} left: what is known of a number before its sequence. */
export const patternForYear = (pattern: string, year: number): string =>
  pattern.replace(/\{yyyy\}/g, String(year)).replace(/\{yy\}/g, String(year % 100).padStart(2, '0'))

export const formatRegistrationNumber = (pattern: string, seq: number, year: number, litera?: number): string =>
  patternForYear(pattern, year).replace('{n}', litera ? `${seq}/${litera}` : String(seq))

/** The counter bucket of a journal: numbering restarts each year or runs on forever. */
export const counterYear = (reset: 'yearly' | 'never', date: string): number =>
  reset === 'yearly' ? Number(date.slice(0, 4)) : 0

/** "226", "226-г", "226/1-г" → 226: the sequence number a user means by "literaOf". */
export const sequenceOf = (pattern: string, number: string): number | undefined => {
  const escaped = pattern.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
  const re = new RegExp(
    `^${escaped.replace(/\\?\{(n|yyyy|yy)\\?\}/g, (_, t: string) => (t === 'n' ? '(\\d+)(?:/\\d+)?' : '\\d+'))}$`,
  )
  const m = re.exec(number.trim()) ?? /^(\d+)$/.exec(number.trim())
  return m ? Number(m[1]) : undefined
}

/**
 * A number as written for a journal and a year (an order from the archive): its sequence number and litera
 * («12-ОД» → 12, 0; «226/1-г» → 226, 1), only when the journal's pattern, filled with that year, writes exactly
 * that number (no leading zeros, no other year); undefined otherwise.
 */
export const parseRegistrationNumber = (
  pattern: string,
  number: string,
  year: number,
): { seq: number; litera: number } | undefined => {
  const escaped = patternForYear(pattern, year).replace(/[.*+?^$()|[\]\\]/g, '\\$&')
  // braces are not escaped above: {n} is still there, once (checkJournalPattern)
  const m = new RegExp(`^${escaped.replace('{n}', '(\\d{1,9})(?:/(\\d{1,4}))?')}$`).exec(number)
  if (!m) return undefined
  const seq = Number(m[1])
  const litera = m[2] ? Number(m[2]) : 0
  if (seq < 1 || (m[2] && litera < 1)) return undefined
  return formatRegistrationNumber(pattern, seq, year, litera) === number ? { seq, litera } : undefined
}
