import { squash } from './lines'
import { markerOf } from './points'
import type { Line } from './types'

/**
 * The signer: the position, then the name, on one line padded with spaces or tabs («Директор школы
 * <tab><tab> Т.А. Оловянникова») or on lines of their own with empty lines between, the position over one
 * to three lines («Заместитель Главы города – | начальник управления»).
 */
export type Signer = { position: string; name: string; first: number; last: number }

const SURNAME = String.raw`[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?`
const INITIALS = String.raw`[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.)?`
const NAME = String.raw`(?:${INITIALS}\s?${SURNAME}|${SURNAME}\s${INITIALS}|${SURNAME}\s[А-ЯЁ][а-яё]+\s[А-ЯЁ][а-яё]+(?:вич|вна|ична|инична|ич))`
const NAME_ALONE = new RegExp(`^(${NAME})$`, 'u')
/** a name after a wide gap: two spaces, a tab, or a run of underscores where the signature goes */
const NAME_AFTER_GAP = new RegExp(`^(.*?\\S)(?:\\s{2,}|\\t|\\s*_{3,}\\s*)(${NAME})$`, 'u')

/** a position and a name take a line of a few dozen characters, however padded */
const LONGEST = 300

const isPositionLine = (text: string): boolean =>
  text.length <= 120 && !/[.;:]$/.test(text) && !markerOf(text) && !/\t/.test(text.trim())

/** A line that may close a signer: a name alone, or a position and a name apart. */
export const endsWithSigner = (text: string): boolean => {
  const t = text.trim()
  if (t.length > LONGEST) return false
  const padded = NAME_AFTER_GAP.exec(t)
  return (padded !== null && isPositionLine(squash(padded[1] ?? ''))) || NAME_ALONE.test(squash(t))
}

/** The signer in lines[from, to), searched from the end: the last line that ends with a name. */
export const findSigner = (lines: readonly Line[], from: number, to: number): Signer | undefined => {
  for (let i = to - 1; i >= from; i--) {
    const text = lines[i]!.text.trim()
    if (text.length > LONGEST) continue
    const padded = NAME_AFTER_GAP.exec(text)
    if (padded && isPositionLine(squash(padded[1] ?? '')))
      return { position: squash(padded[1] ?? ''), name: squash(padded[2] ?? ''), first: i, last: i }
    const alone = NAME_ALONE.exec(squash(text))
    if (!alone) continue
    let first = i
    while (first - 1 >= from && i - first < 3 && isPositionLine(squash(lines[first - 1]!.text))) first--
    const position = lines
      .slice(first, i)
      .map((l) => squash(l.text))
      .join(' ')
    return { position, name: squash(alone[1] ?? ''), first, last: i }
  }
  return undefined
}
