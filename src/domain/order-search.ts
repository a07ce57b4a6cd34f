/**
 * What a clerk types into the one search box of the orders list, read as what they mean: a registration number
 * («1-ОД», «№ 226/1», «226/1-г», «15»), a date («07.12.2026»), or words of the text.
 */
export type SearchIntent = { number: string } | { date: string } | { words: string }

const NUMBER = /^№?\s*(\d{1,9}(?:\s*\/\s*\d{1,4})?(?:\s*-\s*[\p{L}\d]{1,20})*)$/u
const DATE = /^(\d{2})\.(\d{2})\.(\d{4})$/

export const readSearch = (q: string): SearchIntent => {
  const text = q.trim()
  const number = NUMBER.exec(text)?.[1]
  if (number) return { number: foldNumber(number) }
  const date = DATE.exec(text)
  if (date) return { date: `${date[3]}-${date[2]}-${date[1]}` }
  return { words: text }
}

/** A number as the search compares it: no spaces, lower case («226 / 1 - Г» is «226/1-г»). */
export const foldNumber = (number: string) => number.replace(/\s+/g, '').toLowerCase()

/**
 * A signer's name as words to find at the start of words of the name: «Петров С.Н.» → [петров, с, н], each
 * letters only (nothing a LIKE pattern would read), at most five.
 */
export const signerWords = (name: string) => (name.toLowerCase().match(/[\p{L}]+/gu) ?? []).slice(0, 5)

/** The upper- and lower-case letters the database folds itself (its lower() may know only ASCII under the C locale). */
export const FOLD_FROM = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯABCDEFGHIJKLMNOPQRSTUVWXYZ'
export const FOLD_TO = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюяabcdefghijklmnopqrstuvwxyz'
