import { OpenAPIHono, z } from '@hono/zod-openapi'
import { validationHook } from './errors'
import { ErrorBody } from './schemas/common'
import type { AppEnv } from './middleware/context'

export const createRouter = () => new OpenAPIHono<AppEnv>({ defaultHook: validationHook })

export const jsonBody = <S extends z.ZodType>(schema: S, required = true) => ({
  body: { content: { 'application/json': { schema } }, required },
})

export type ErrorStatus = keyof typeof errorText

/**
 * The statuses any route may answer whatever it does: 503 when the database does not answer (every route but
 * the liveness probe asks it, if only to authenticate). Added by `responses()` and `errorResponses()`.
 */
export const STANDARD_ERRORS = [503] as const satisfies readonly ErrorStatus[]
/**
 * What a route that reads a JSON body may answer besides its own: malformed (400), too large (413), not JSON
 * (415), too deep or invalid (422).
 */
export const BODY_ERRORS = [400, 413, 415, 422] as const satisfies readonly ErrorStatus[]

type JsonResponse<B extends z.ZodType> = { description: string; content: { 'application/json': { schema: B } } }

/**
 * Responses of a route: its success answer, typed by `schema` (a schema of `src/http/schemas/`: the handler's
 * `c.json` is checked against it), plus the error shape under every status given and the standard ones.
 */
export const responses = <S extends 200 | 201 | 503, B extends z.ZodType>(
  ok: { status: S; description: string; schema: B },
  ...errors: ErrorStatus[]
) =>
  ({
    ...errorResponses(...errors),
    // last: a probe's own 503 body (health, readiness) stands over the standard error's
    [ok.status]: { description: ok.description, content: { 'application/json': { schema: ok.schema } } },
  }) as { [K in S]: JsonResponse<B> }

/** The error shape under each status given and the standard ones, for routes described by hand (files, multipart bodies). */
export const errorResponses = (...errors: ErrorStatus[]) =>
  Object.fromEntries(
    [...new Set([...errors, ...STANDARD_ERRORS])]
      .sort()
      .map((s) => [s, { description: errorText[s], content: { 'application/json': { schema: ErrorBody } } }]),
  )

const errorText = {
  400: 'Malformed request',
  401: 'Not signed in',
  403: 'Wrong role or another organization',
  404: 'Unknown',
  409: 'The lifecycle forbids it',
  410: 'Link expired, used or revoked',
  413: 'Too large',
  415: 'The body is not of the type the route takes',
  422: 'Invalid input, every problem listed',
  423: 'Link locked after too many wrong one-time codes',
  429: 'Too many requests; Retry-After says when to retry',
  503: 'Busy or the database does not answer; Retry-After says when to retry',
}

export const IdParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: '0b9c…' }) })
export const TokenParam = z.object({ token: z.string().openapi({ param: { name: 'token', in: 'path' } }) })
export const bearer = [{ bearer: [] }]
