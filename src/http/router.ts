import { OpenAPIHono, z } from '@hono/zod-openapi'
import { validationHook } from './errors'
import type { AppEnv } from './middleware/context'

export const createRouter = () => new OpenAPIHono<AppEnv>({ defaultHook: validationHook })

const Json = z.record(z.string(), z.unknown())
const ErrorBody = z
  .object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })
  .meta({ id: 'Error' })

export const jsonBody = <S extends z.ZodType>(schema: S, required = true) => ({
  body: { content: { 'application/json': { schema } }, required },
})

/** Responses of a route: its success answer plus the error shape under every status it may give. */
type JsonResponse = { description: string; content: { 'application/json': { schema: typeof Json } } }

export type ErrorStatus = keyof typeof errorText

export const responses = <S extends 200 | 201 | 503>(
  ok: { status: S; description: string },
  ...errors: ErrorStatus[]
) =>
  ({
    [ok.status]: { description: ok.description, content: { 'application/json': { schema: Json } } },
    ...errorResponses(...errors),
  }) as { [K in S]: JsonResponse }

/** The error shape under each status given, for routes described by hand (files, multipart bodies). */
export const errorResponses = (...errors: ErrorStatus[]) =>
  Object.fromEntries(
    errors.map((s) => [s, { description: errorText[s], content: { 'application/json': { schema: ErrorBody } } }]),
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
