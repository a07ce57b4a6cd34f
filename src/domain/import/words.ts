import type { Point } from '../content'
import type { ImportResult } from './types'

/**
 * Word accounting: every word of the input, counted with its repeats, must be in a text field of the
 * content or in `leftOut`. A word is a run of letters or digits, so punctuation, spacing and markup
 * brackets may change while words may not. Executors and deadlines are copies of a point's words, so only
 * the point's text counts.
 */
export const wordsOf = (text: string): string[] => text.match(/[\p{L}\p{N}]+/gu) ?? []

const pointTexts = (points: readonly Point[], into: string[]): void => {
  // iterative: a deep tree must not exhaust the stack
  const stack = [...points].reverse()
  while (stack.length) {
    const p = stack.pop()!
    into.push(p.text)
    for (const child of [...(p.points ?? [])].reverse()) stack.push(child)
  }
}

/** Every text of an import's result that holds words of the input. */
export const resultTexts = ({ content, leftOut }: ImportResult): string[] => {
  const texts: string[] = []
  const o = content.organization
  if (o) texts.push(...(o.parent ?? []), ...o.name, o.place ?? '')
  texts.push(content.title, content.preamble, content.directive ?? '')
  pointTexts(content.points, texts)
  texts.push(content.control ?? '', content.signer.position, content.signer.name)
  for (const a of content.appendices ?? []) {
    texts.push(a.title, a.text ?? '')
    for (const c of a.table?.columns ?? []) texts.push(c.title)
    for (const r of a.table?.rows ?? []) texts.push(...('section' in r ? [r.section] : r.cells))
  }
  for (const l of leftOut) texts.push(l.text)
  return texts
}

const counts = (words: string[]): Map<string, number> => {
  const m = new Map<string, number>()
  for (const w of words) m.set(w, (m.get(w) ?? 0) + 1)
  return m
}

/** The words the input has more of than the result (lost), and those the result has more of (invented). */
export const wordBalance = (input: string, result: ImportResult): { lost: string[]; invented: string[] } => {
  const a = counts(wordsOf(input))
  const b = counts(resultTexts(result).flatMap(wordsOf))
  const lost: string[] = []
  const invented: string[] = []
  for (const [w, n] of a) for (let i = b.get(w) ?? 0; i < n; i++) lost.push(w)
  for (const [w, n] of b) for (let i = a.get(w) ?? 0; i < n; i++) invented.push(w)
  return { lost, invented }
}
