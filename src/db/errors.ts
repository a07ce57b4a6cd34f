import { OrderError } from '../domain/errors'

/** What each unique constraint guards, in the words a 409 tells the client. */
const UNIQUE_IN_WORDS: Record<string, string> = {
  users_email_key: 'пользователь с таким адресом почты уже есть',
  registrations_number_key: 'этот регистрационный номер уже занят',
}

/**
 * A unique violation (SQLSTATE 23505) of either driver, as a 409 `conflict` naming what is taken;
 * undefined for every other error. postgres-js and PGlite both put the SQLSTATE in `code`, the
 * constraint in `constraint_name` or `constraint`; drizzle wraps them in an error whose `cause` they are.
 */
export const conflictOf = (err: unknown): OrderError | undefined => {
  for (let e = err as Record<string, unknown> | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    if (e.code !== '23505') continue
    const constraint = String(e.constraint_name ?? e.constraint ?? '')
    const words = UNIQUE_IN_WORDS[constraint] ?? 'такая запись уже есть'
    return new OrderError('conflict', `Конфликт: ${words}`, { constraint })
  }
  return undefined
}
