import { type DirectoryEntry, matchExecutor, splitExecutors } from '../executors'

/**
 * The executors of a point, found in its sentence and matched to the organization's directory in any
 * grammatical case: the addressees before the verb («Отделу общего образования, отделу дошкольного
 * образования (В.В. Левкина) обеспечить…», «Директорам МБОУ …:»), and people named anywhere by surname and
 * initials («Ректору … Усовой Е.С.», «(Иванова И.И.)»). Each is kept as written, so the point's text still
 * says it; an addressee the directory lacks is a doubt, never a guess.
 */
const SURNAME = String.raw`[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?`
const INITIALS = String.raw`[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.)?`
const PERSON = new RegExp(`(?<![\\p{L}.])(?:${INITIALS}\\s?${SURNAME}|${SURNAME}\\s${INITIALS})`, 'gu')
/** «им. С.А. Пушкина», «имени …»: a name inside an institution's name, not an executor */
const NAMED_AFTER = /(?:им\.|имени)\s*$/u

/** The addressees: the words before the point's first verb in the infinitive, or before its closing colon. */
const addresseesOf = (text: string): string | undefined => {
  const verb = /[\s,]\p{Ll}+(?:ть|ти|чь)(?:ся)?(?=[\s,:;.]|$)/u.exec(text)
  const colon = /^([^:]{3,400}):\s*$/u.exec(text)
  const head = verb ? text.slice(0, verb.index) : colon?.[1]
  if (!head || head.length > 600 || !/^\p{Lu}/u.test(head)) return undefined
  // «Обеспечить:», «Утвердить:»: a point that opens with its verb names no addressee before it
  if (/^\p{L}+(?:ть|ти|чь)(?:ся)?$/u.test(head.split(/\s/)[0]!.toLowerCase())) return undefined
  // «Классным руководителям своевременно подавать»: an adverb before the verb is no part of the addressee
  return head.replace(/(?:\s+\p{Ll}+о)+$/u, '')
}

export type FoundExecutors = { executors: string[]; unknown: string[] }

export const findExecutors = (text: string, directory: readonly DirectoryEntry[]): FoundExecutors => {
  if (directory.length === 0) return { executors: [], unknown: [] }
  const found: { at: number; written: string; id: string }[] = []
  const unknown: string[] = []
  const add = (written: string, at: number): boolean => {
    const entry = matchExecutor(written, directory)
    if (!entry) return false
    if (!found.some((f) => f.id === entry.id)) found.push({ at, written, id: entry.id })
    return true
  }
  const people = new Set<string>()
  for (const m of text.matchAll(PERSON)) {
    if (NAMED_AFTER.test(text.slice(Math.max(0, m.index - 8), m.index))) continue
    people.add(m[0])
    add(m[0], m.index)
  }
  const head = addresseesOf(text)
  if (head) {
    for (const part of splitExecutors(head)) {
      const plain = part
        .replace(/\([^()]*\)/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
      if (plain === '' || [...people].some((p) => plain.includes(p))) continue
      const at = text.indexOf(plain)
      // «Директорам МБОУ «СШ № 5»»: the position words before the unit's name are dropped one by one
      const words = plain.split(' ')
      let matched = false
      for (let k = 0; k < Math.min(words.length, 5) && !matched; k++) {
        const candidate = words.slice(k).join(' ')
        if (at >= 0 && add(candidate, at + plain.indexOf(candidate))) matched = true
      }
      if (!matched && at >= 0) unknown.push(plain)
    }
  }
  for (const p of people) if (!found.some((f) => f.written === p) && head?.includes(p)) unknown.push(p)
  return { executors: found.sort((a, b) => a.at - b.at).map((f) => f.written), unknown }
}
