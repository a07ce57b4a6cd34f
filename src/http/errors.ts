import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { OrderError, type ErrorCode } from '../domain/errors'
import { unavailableOf } from '../services/context'
import { errorOfIssues } from '../domain/validation'
import { draftError } from '../domain/draft'
import type { Logger } from '../logger'

/** The one map from the domain's error codes to HTTP statuses. */
export const statusOf: Record<ErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  invalid_input: 422,
  unauthenticated: 401,
  forbidden: 403,
  wrong_link: 403,
  not_found: 404,
  lifecycle_forbids: 409,
  conflict: 409,
  link_gone: 410,
  // too many wrong one-time codes: the link stays locked (a new link from the clerk's re-issue is the way on)
  link_locked: 423,
  code_invalid: 403,
  too_large: 413,
  backdated: 422,
  no_journal: 422,
  // the journal's next number is not the one the clerk confirmed: someone registered meanwhile
  number_changed: 409,
  busy: 503,
  rate_limited: 429,
  // the database does not answer (restarting, unreachable): the request did nothing, a retry may succeed
  unavailable: 503,
}

const errorBody = (c: Context, code: string, message: string, details?: unknown) => {
  const requestId: string | undefined = c.get('requestId')
  return { error: { code, message, ...(details === undefined ? {} : { details }), requestId } }
}

/**
 * What the log may say of a failure: the error's name, message and stack, never what the request
 * carried. A driver's error wraps the failed query and its parameters (passwords' hashes, order text,
 * search words) into its message: the cause it wraps is logged instead.
 */
const describeError = (err: unknown): { name: string; message: string; stack?: string } => {
  const e = err as { name?: string; message?: string; stack?: string; cause?: unknown; params?: unknown }
  if (e && 'params' in e && e.cause) return describeError(e.cause)
  if (!(err instanceof Error)) return { name: typeof err, message: 'thrown value is not an Error' }
  return { name: err.name, message: err.message, stack: err.stack }
}

/** Writes `{error:{code,message,details,requestId}}`; only unexpected failures are logged, as 500s. */
export const onError = (logger: Logger) => (thrown: Error, c: Context) => {
  // a database that does not answer fails whatever query a request made: one refusal for all of them
  const unavailable = unavailableOf(thrown)
  if (unavailable)
    logger.warn(
      { requestId: c.get('requestId'), method: c.req.method, route: c.req.routePath, error: describeError(thrown) },
      'database unavailable',
    )
  const err = unavailable ?? thrown
  if (err instanceof OrderError) {
    const retryAfter =
      err.options.retryAfter ?? (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds
    if (retryAfter !== undefined) c.header('retry-after', String(retryAfter))
    // the body refused unread is still on its way: the connection cannot carry the client's next request
    if (err.code === 'too_large') c.header('connection', 'close')
    return c.json(errorBody(c, err.code, err.message, err.details), statusOf[err.code])
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode
    const code =
      status === 413
        ? 'too_large'
        : status === 415
          ? 'unsupported_media_type'
          : status === 401
            ? 'unauthenticated'
            : 'bad_request'
    const message =
      status === 415
        ? 'Тело запроса должно быть JSON (Content-Type: application/json)'
        : err.message || 'Неверный запрос'
    if (status === 413) c.header('connection', 'close')
    return c.json(errorBody(c, code, message), status)
  }
  logger.error(
    { requestId: c.get('requestId'), method: c.req.method, route: c.req.routePath, error: describeError(err) },
    'unhandled error',
  )
  return c.json(errorBody(c, 'internal', 'Внутренняя ошибка сервера'), 500)
}

/** The zod-openapi hook: a request that fails its schema is a 422 listing every issue. */
export const validationHook = (result: {
  success: boolean
  error?: { issues: readonly unknown[] }
  target?: string
}): undefined => {
  if (result.success) return
  const issues = (result.error?.issues ?? []) as Parameters<typeof errorOfIssues>[0]
  const where = result.target === 'query' ? 'Параметры запроса' : result.target === 'param' ? 'Адрес' : 'Тело запроса'
  throw errorOfIssues(issues, where)
}

/** The hook of the draft routes (POST and PUT /api/orders): a body's problems named by their place in the order. */
export const draftValidationHook = (result: {
  success: boolean
  error?: { issues: readonly unknown[] }
  target?: string
}): undefined => {
  if (result.success) return
  if (result.target !== 'json') return validationHook(result)
  throw draftError((result.error?.issues ?? []) as Parameters<typeof draftError>[0])
}

// the path is not repeated back: what a client sent is never part of an answer it did not ask for
export const notFound = (c: Context) => c.json(errorBody(c, 'not_found', 'Нет такого адреса'), 404)
