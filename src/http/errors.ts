import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { OrderError, type ErrorCode } from '../domain/errors'
import { issuesToDetails } from '../domain/validation'

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
  too_large: 413,
  backdated: 422,
  no_journal: 422,
  busy: 503,
}

const errorBody = (code: string, message: string, details?: unknown) => ({
  error: details === undefined ? { code, message } : { code, message, details },
})

/** Writes `{error:{code,message,details}}`; only unexpected failures are logged, as 500s. */
export const onError = (log: (msg: string, err: unknown) => void) => (err: Error, c: Context) => {
  if (err instanceof OrderError) {
    if (err.options.retryAfter !== undefined) c.header('retry-after', String(err.options.retryAfter))
    return c.json(errorBody(err.code, err.message, err.details), statusOf[err.code])
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
    return c.json(errorBody(code, message), status)
  }
  log('unhandled error', err)
  return c.json(errorBody('internal', 'Внутренняя ошибка сервера'), 500)
}

/** The zod-openapi hook: a request that fails its schema is a 422 listing every issue. */
export const validationHook = (result: {
  success: boolean
  error?: { issues: readonly unknown[] }
  target?: string
}) => {
  if (result.success) return
  const issues = (result.error?.issues ?? []) as Parameters<typeof issuesToDetails>[0]
  const where = result.target === 'query' ? 'Параметры запроса' : result.target === 'param' ? 'Адрес' : 'Тело запроса'
  throw new OrderError('invalid_input', `${where}: ошибок ${issues.length}`, issuesToDetails(issues))
}

export const notFound = (c: Context) =>
  c.json(errorBody('not_found', `Нет такого адреса: ${c.req.method} ${c.req.path}`), 404)
