import { createRequire } from 'node:module'
import type { Problem } from '../domain/check-order'
import type { OrderContent } from '../domain/content'
import { codePointName } from '../domain/text'
import { fontkitPath, readFont, tinos } from './fonts'

/**
 * The letters of an order the PDF cannot show. pdfmake sets every text in Tinos, which has Latin,
 * Greek, Cyrillic and Hebrew but no Armenian, Arabic, CJK or emoji: such a letter is silently left
 * out of the PDF (and so of what is signed). The linter names each field and its letters, so the
 * clerk learns it before the order goes for signature.
 */
type Face = { hasGlyphForCodePoint: (codePoint: number) => boolean }
// fontkit loads with the first check, not with the module (start-up time, as typeset.ts)
let face: Face | undefined
const tinosFace = () => {
  face ??= (createRequire(import.meta.url)(fontkitPath) as { create: (src: Uint8Array) => Face }).create(
    readFont(tinos.normal),
  )
  return face
}

// line breaks, tabs and joiners are laid out, not drawn
const NOT_DRAWN = (codePoint: number) =>
  /\s/.test(String.fromCodePoint(codePoint)) ||
  (codePoint >= 0x200b && codePoint <= 0x200f) ||
  codePoint === 0x2060 ||
  (codePoint >= 0xfe00 && codePoint <= 0xfe0f)
const SHOWN = 10

// an order has a few hundred distinct characters in 300,000: each is judged once per process
const judged = new Map<number, boolean>()
const dropped = (codePoint: number) => {
  let missing = judged.get(codePoint)
  if (missing === undefined) {
    missing = !NOT_DRAWN(codePoint) && !tinosFace().hasGlyphForCodePoint(codePoint)
    if (judged.size < 65_536) judged.set(codePoint, missing)
  }
  return missing
}

/** The distinct characters of a text Tinos has no glyph for. */
export const missingGlyphs = (text: string): string[] => {
  const missing = new Set<string>()
  for (const char of text) if (dropped(char.codePointAt(0)!)) missing.add(char)
  return [...missing]
}

const stringsOf = (value: unknown, path: string): [string, string][] => {
  if (typeof value === 'string') return [[path, value]]
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsOf(v, path ? `${path}.${i}` : `${i}`))
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => stringsOf(v, path ? `${path}.${k}` : k))
  return []
}

const named = (char: string) => `«${char}» (${codePointName(char)})`

/** A problem for every text field of an order with letters the PDF would drop. */
export const glyphProblems = (content: OrderContent): Problem[] =>
  stringsOf(content, '').flatMap(([path, text]) => {
    const missing = missingGlyphs(text)
    if (!missing.length) return []
    const listed = missing.slice(0, SHOWN).map(named).join(', ')
    const more = missing.length > SHOWN ? ` и ещё ${missing.length - SHOWN}` : ''
    return [
      {
        code: 'glyph_missing',
        path,
        message: `В шрифте документа (Tinos) нет знаков ${listed}${more}: в PDF они пропадут — замените их или уберите`,
      },
    ]
  })
