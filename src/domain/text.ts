import { z } from 'zod'
import { LIMITS } from './limits'

/**
 * What a text field may hold, decided once for every input of the service: order content, names,
 * e-mails, passwords, comments, reasons, query parameters.
 *
 * - Line breaks are normalised to `\n`: `\r\n` and a lone `\r` (Windows, old Mac), and U+000B, the
 *   manual line break Word puts into pasted text. A clerk pasting from Word gets the text she saw.
 * - Refused: U+0000 (PostgreSQL cannot store it), every other control character but tab and newline
 *   (C0 and C1, DEL included: XML 1.0 forbids the C0 ones, so a DOCX could not carry them), lone
 *   surrogates (not Unicode text; JSON lets `"\ud800"` through) and the noncharacters U+FFFE and U+FFFF,
 *   which XML forbids as well.
 * - Refused as well: the marks and overrides of text direction (U+200E, U+200F, U+061C, U+202A–U+202E,
 *   U+2066–U+2069). Russian text has no use for them, and they make a title or a name show other than it is
 *   stored (reversed letters, a number read backwards), in the order, the list and the signature's mark.
 * - Removed: the invisible joiners and spaces of zero width (U+200B–U+200D, U+2060, U+FEFF) that text pasted
 *   from the web or Word carries unseen; kept, they would make a word no search finds and two names that look
 *   the same differ.
 */
const LINE_BREAKS = /\r\n?|\u000b/g
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g

// one code point at a time: a surrogate pair matches as one character, a lone surrogate as itself
const FORBIDDEN =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\p{Surrogate}/u

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
 * An e-mail address, wherever one is taken (users, approvers and the signer, executors, credentials): mail
 * servers refuse a mailbox name over 64 characters (RFC 5321), so the address is refused here instead of the
 * letter being lost later.
 */
export const emailAddress = () =>
  safeText()
    .trim()
    .email()
    .max(LIMITS.request.email)
    .refine((s) => s.indexOf('@') <= 64, 'имя ящика (до @) длиннее 64 символов')
