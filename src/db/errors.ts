import { OrderError } from '../domain/errors'

/** What each unique constraint guards, in the words a 409 tells the client, and the input field it is about. */
const UNIQUE_IN_WORDS: Record<string, { words: string; path: string }> = {
  users_email_key: { words: 'пользователь с таким адресом почты уже есть', path: 'email' },
  registrations_number_key: { words: 'этот регистрационный номер уже занят', path: 'number' },
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
    const { words, path } = UNIQUE_IN_WORDS[constraint] ?? { words: 'такая запись уже есть', path: '(body)' }
    return new OrderError('conflict', `Конфликт: ${words}`, [{ path, message: words, code: constraint }])
  }
  return undefined
}
