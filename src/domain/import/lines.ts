import type { Line } from './types'

/**
 * The input as lines: every kind of line break (CR LF, CR, Word's manual break U+000B, a page break, the
 * Unicode separators) is one; control characters and invisible joiners are spaces; HTML tags pasted from a
 * web page are taken out and returned apart, so that the words they carry can be accounted for.
 */
const BREAKS = /\r\n?|[\u000b\u000c\u0085\u2028\u2029]/g
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u200b-\u200d\u2060\ufeff\ufffe\uffff]/g
const TAG = /<\/?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]*)?\/?>/g

/** Spaces at both ends; tabs stay (a table row pasted from Word begins or ends with empty cells). */
const trimLine = (s: string): string => s.replace(/^[ \u00a0]+|[ \u00a0]+$/g, '')

/** A row of a table: a tab between cells, not only trailing ones (those a table's last empty cells leave). */
export const hasCells = (s: string): boolean => s.replace(/[\t ]+$/, '').includes('\t')

export const toLines = (text: string): { lines: Line[]; markup: string[] } => {
  const markup: string[] = []
  const lines: Line[] = []
  let blank = false
  for (const raw of text.replace(BREAKS, '\n').replace(CONTROL, ' ').split('\n')) {
    const cleaned = raw.replace(TAG, (tag) => {
      markup.push(tag)
      return ' '
    })
    const t = trimLine(cleaned)
    if (!/\S/.test(t)) {
      blank = true
      continue
    }
    lines.push({ text: t, blankBefore: blank })
    blank = false
  }
  return { lines, markup }
}

/** One space for every run of white space, none at the ends. */
export const squash = (s: string): string => (/\s\s|[^\S ]/.test(s) ? s.replace(/\s+/g, ' ') : s).trim()

/** The letters of a line, lower case, spaces taken out: «П Р И К А З» → «приказ». */
export const lettersOf = (s: string): string =>
  s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}]/gu, '')

export const startsLower = (s: string): boolean => /^[«"„(]*\p{Ll}/u.test(s.trim())
