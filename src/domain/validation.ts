import { z } from 'zod'
import { OrderError, type ErrorDetail } from './errors'

// the users read these messages: Russian, wherever a schema is checked
z.config(z.locales.ru())

export const issuesToDetails = (issues: readonly z.core.$ZodIssue[]): ErrorDetail[] =>
  issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message, code: i.code }))

/** Parses with a schema and turns every issue into one `invalid_input` error listing them all. */
export const parseInput = <S extends z.ZodType>(schema: S, value: unknown, what = 'Данные'): z.infer<S> => {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  throw new OrderError(
    'invalid_input',
    `${what} содержат ошибки (${parsed.error.issues.length})`,
    issuesToDetails(parsed.error.issues),
  )
}
