import { z } from 'zod'
import { LIMITS } from './limits'

/**
 * What a text field may hold, decided once for every input of the service: order content, names,
 * e-mails, passwords, comments, reasons, query parameters.
 *
 * - Line breaks are normalised to `\n`: `\r\n` and a lone `\r` (Windows, old Mac), U+000B, the manual line
 *   break Word puts into pasted text, and the Unicode line and paragraph separators U+2028, U+2029. A clerk
 *   pasting from Word gets the text she saw. A field of one line (`safeLine`) refuses them all.
 * - Dropped: every default-ignorable code point (Unicode's `Default_Ignorable_Code_Point`, DerivedCoreProperties
 *   17.0: `DEFAULT_IGNORABLE` below). They show as nothing: the zero-width spaces and joiners pasted text carries,
 *   the soft hyphen, the marks and overrides of text direction (which make a title or a name show other than it
 *   is stored), variation selectors, tag characters, the Hangul fillers. Kept, they would make a word no search
 *   finds and two names that look the same differ.
 * - Refused: U+0000 (PostgreSQL cannot store it), every other control character but tab and newline
 *   (C0 and C1, DEL included: XML 1.0 forbids the C0 ones, so a DOCX could not carry them), lone
 *   surrogates (not Unicode text; JSON lets `"\ud800"` through) and the noncharacters U+FFFE and U+FFFF,
 *   which XML forbids as well.
 */
const LINE_BREAKS = /\r\n?|[\u000b\u2028\u2029]/g

/** Default_Ignorable_Code_Point, as first and last code point of each range (test/domain/text.test.ts checks it). */
export const DEFAULT_IGNORABLE: readonly (readonly [number, number])[] = [
  [0x00ad, 0x00ad], // soft hyphen
  [0x034f, 0x034f], // combining grapheme joiner
  [0x061c, 0x061c], // Arabic letter mark
  [0x115f, 0x1160], // Hangul choseong and jungseong fillers
  [0x17b4, 0x17b5], // Khmer inherent vowels
  [0x180b, 0x180f], // Mongolian free variation selectors, vowel separator
  [0x200b, 0x200f], // zero width space, non-joiner, joiner; left-to-right and right-to-left marks
  [0x202a, 0x202e], // embeddings and overrides of text direction
  [0x2060, 0x206f], // word joiner, invisible operators, isolates of text direction, deprecated format characters
  [0x3164, 0x3164], // Hangul filler
  [0xfe00, 0xfe0f], // variation selectors
  [0xfeff, 0xfeff], // zero width no-break space (byte order mark)
  [0xffa0, 0xffa0], // halfwidth Hangul filler
  [0xfff0, 0xfff8], // unassigned specials
  [0x1bca0, 0x1bca3], // shorthand format controls
  [0x1d173, 0x1d17a], // musical symbol format controls
  [0xe0000, 0xe0fff], // tags and variation selectors supplement
]

const INVISIBLE = new RegExp(
  `[${DEFAULT_IGNORABLE.map(([a, b]) => `\\u{${a.toString(16)}}-\\u{${b.toString(16)}}`).join('')}]`,
  'gu',
)

// one code point at a time: a surrogate pair matches as one character, a lone surrogate as itself
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff]|\p{Surrogate}/u

export const normaliseText = (s: string): string => s.replace(LINE_BREAKS, '\n').replace(INVISIBLE, '')

/** U+XXXX of a character, as the error messages name it. */
export const codePointName = (ch: string): string =>
  `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`

/** The first character text may not hold, with its position (in UTF-16 units), or undefined when all is well. */
export const forbiddenCharacter = (s: string): { char: string; index: number } | undefined => {
  const m = FORBIDDEN.exec(s)
  return m ? { char: m[0], index: m.index } : undefined
}

export const FORBIDDEN_CHARACTER = 'forbidden_character'

/**
 * A string that holds only what text may hold (see above), line breaks normalised. Chain `.trim()`,
 * `.min()`, `.max()` after it as on any zod string: they carry into OpenAPI.
 */
export const safeText = () =>
  z
    .string()
    .overwrite(normaliseText)
    .superRefine((s, ctx) => {
      const bad = forbiddenCharacter(s)
      if (bad)
        ctx.addIssue({
          code: 'custom',
          params: { code: FORBIDDEN_CHARACTER },
          message: `недопустимый символ ${codePointName(bad.char)} (позиция ${bad.index + 1}): разрешены текст, табуляция и перевод строки`,
        })
    })

/**
 * A text of one line, for every field that is one: names, titles, positions, executors, deadlines, numbers,
 * e-mails, search words. A line break of any kind (CR, LF, U+000B, and U+2028, U+2029, which become one in a
 * field of many lines) is refused here: a name stored with one would print broken in the order and the journal.
 */
export const safeLine = () =>
  safeText().refine((s) => !s.includes('\n'), {
    message: 'перевод строки (и U+2028, U+2029) недопустим: поле в одну строку',
    params: { code: FORBIDDEN_CHARACTER },
  })

/**
 * An e-mail address, wherever one is taken (users, approvers and the signer, executors, credentials): mail
 * servers refuse a mailbox name over 64 characters (RFC 5321), so the address is refused here instead of the
 * letter being lost later.
 */
export const emailAddress = () =>
  safeLine()
    .trim()
    .email()
    .max(LIMITS.request.email)
    .refine((s) => s.indexOf('@') <= 64, 'имя ящика (до @) длиннее 64 символов')
