/**
 * The one error type below the HTTP layer. Codes speak the domain's words; `http/errors.ts`
 * maps each to a status in one table, so no service or domain module knows about HTTP.
 */
export type ErrorCode =
  | 'bad_request'
  | 'invalid_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'wrong_link'
  | 'not_found'
  | 'lifecycle_forbids'
  | 'conflict'
  | 'link_gone'
  | 'link_locked'
  | 'code_invalid'
  | 'too_large'
  | 'backdated'
  | 'no_journal'
  | 'number_changed'
  | 'busy'
  | 'rate_limited'
  | 'unavailable'

export type ErrorDetail = { path: string; message: string; code?: string }

export class OrderError extends Error {
  override readonly name = 'OrderError'
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[] | Record<string, unknown>,
    /** for `busy` and `unavailable`: seconds after which a retry may succeed (the HTTP layer sends it as Retry-After) */
    readonly options: { retryAfter?: number } = {},
  ) {
    super(message)
  }
}

export const isOrderError = (e: unknown): e is OrderError => e instanceof OrderError
