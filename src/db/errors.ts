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

/**
 * A connection the server ended under the driver (its backend terminated, or a socket reset): the statement
 * written to it never ran. ECONNREFUSED and a connect timeout are not among them: they mean the server is down.
 */
export const endedConnectionOf = (err: unknown): boolean => {
  for (let e = err as Record<string, unknown> | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    const code = typeof e.code === 'string' ? e.code : ''
    if (['ECONNRESET', 'EPIPE', 'CONNECTION_CLOSED', '57P01'].includes(code)) return true
  }
  return false
}

/** How long a client is asked to wait before retrying while the database does not answer (Retry-After). */
export const UNAVAILABLE_RETRY_SECONDS = 5

// the driver's and the socket's words for a connection that failed, was refused, or was closed under the query
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
])

/**
 * SQLSTATEs of a server that cannot serve now: class 08 (connection exception), 57P01–57P03 (shut down by an
 * administrator, crashed, starting or stopping), 53300 (too many connections).
 */
const unavailableState = (code: string) => code.startsWith('08') || /^57P0[1-3]$/.test(code) || code === '53300'

/**
 * A database that does not answer (stopped, restarting, unreachable) as a 503 `unavailable` with Retry-After;
 * undefined for every other error. The request did nothing that was committed: its transaction, if it had
 * one, is gone with the connection. Drizzle wraps the driver's error in one whose `cause` it is.
 */
export const unavailableOf = (err: unknown): OrderError | undefined => {
  for (let e = err as Record<string, unknown> | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    const code = typeof e.code === 'string' ? e.code : ''
    if (CONNECTION_CODES.has(code) || unavailableState(code))
      return new OrderError(
        'unavailable',
        `База данных не отвечает: повторите через ${UNAVAILABLE_RETRY_SECONDS} с`,
        { reason: code },
        { retryAfter: UNAVAILABLE_RETRY_SECONDS },
      )
  }
  return undefined
}
