import { z } from 'zod'

/**
 * СНИЛС and ИНН as a qualified certificate names its owner (OIDs 1.2.643.100.3 and 1.2.643.3.131.1.1): how a КЭП
 * is matched to an account. Written by people with dashes and spaces («112-233-445 95»); kept as digits alone.
 */

export type IdentifierCheck = { ok: true; value: string } | { ok: false; problem: string }

/** Separators people write between digit groups: dashes (any), spaces (any, non-breaking too). */
const SEPARATORS = /[\s\u00a0\u2010-\u2015-]/g

const digitsOf = (text: string) => text.replace(SEPARATORS, '')

/**
 * The control number of a СНИЛС (Постановление Правления ПФР от 11.03.2002 № 30п): each of the first nine digits
 * times its weight 9…1; a sum under 100 is the control number, 100 and 101 give 00, a larger one is taken modulo
 * 101 (and 100 again gives 00). Numbers up to 001-001-998 were issued before the rule and carry none.
 */
export const snilsControl = (nine: string) => {
  const sum = [...nine].reduce((s, d, i) => s + Number(d) * (9 - i), 0)
  const control = sum < 100 ? sum : sum % 101
  return control === 100 ? 0 : control
}

export const checkSnils = (text: string): IdentifierCheck => {
  const value = digitsOf(text)
  if (!/^\d{11}$/.test(value))
    return { ok: false, problem: 'СНИЛС — 11 цифр (можно с дефисами и пробелами: 112-233-445 95)' }
  const number = value.slice(0, 9)
  if (Number(number) > 1_001_998 && snilsControl(number) !== Number(value.slice(9)))
    return { ok: false, problem: 'контрольное число СНИЛС не сходится: проверьте цифры' }
  return { ok: true, value }
}

const INN_WEIGHTS = {
  ten: [2, 4, 10, 3, 5, 9, 4, 6, 8],
  eleventh: [7, 2, 4, 10, 3, 5, 9, 4, 6, 8],
  twelfth: [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8],
}

const innDigit = (digits: string, weights: number[]) =>
  (weights.reduce((s, w, i) => s + w * Number(digits[i]), 0) % 11) % 10

/** ИНН of a natural person (12 digits, two control digits) or of an organization (10, one), as the ФНС computes them. */
export const checkInn = (text: string): IdentifierCheck => {
  const value = digitsOf(text)
  if (value.length === 12 && /^\d+$/.test(value)) {
    if (
      innDigit(value, INN_WEIGHTS.eleventh) !== Number(value[10]) ||
      innDigit(value, INN_WEIGHTS.twelfth) !== Number(value[11])
    )
      return { ok: false, problem: 'контрольные цифры ИНН не сходятся: проверьте цифры' }
    return { ok: true, value }
  }
  if (value.length === 10 && /^\d+$/.test(value)) {
    if (innDigit(value, INN_WEIGHTS.ten) !== Number(value[9]))
      return { ok: false, problem: 'контрольная цифра ИНН не сходится: проверьте цифры' }
    return { ok: true, value }
  }
  return { ok: false, problem: 'ИНН — 12 цифр у человека (10 у организации)' }
}

const identifier = (check: (text: string) => IdentifierCheck, example: string) =>
  z
    .string()
    .max(40)
    .transform((text, ctx) => {
      const r = check(text)
      if (r.ok) return r.value
      ctx.addIssue({ code: 'custom', message: r.problem })
      return z.NEVER
    })
    .meta({ examples: [example] })

/** `snils` of POST/PATCH /api/users: 11 digits with or without dashes and spaces, kept as digits. */
export const Snils = identifier(checkSnils, '112-233-445 95')
/** `inn` of POST/PATCH /api/users */
export const Inn = identifier(checkInn, '500100732259')
