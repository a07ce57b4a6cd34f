import { z } from '@hono/zod-openapi'

/**
 * The pieces every answer is built from. A route's answer is a schema of `src/http/schemas/`, named with
 * `.meta({ id })` so /openapi.json shows it once under components; objects stay open to fields added later
 * (a client ignores what it does not know), but every field listed is typed.
 */
export const Id = z.string().meta({ description: 'UUID' })
export const Timestamp = z.string().meta({ description: 'ISO 8601 instant' })
export const Day = z.string().meta({ description: 'a calendar day, YYYY-MM-DD' })

/** Every refusal: `{error:{code,message,details?,requestId}}` (src/http/errors.ts writes it, and only it). */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'the domain’s error code: invalid_input, not_found, forbidden, …' }),
      message: z.string().meta({ description: 'in Russian, for people' }),
      details: z.unknown().optional().meta({ description: 'for invalid_input: [{path,message,code}]' }),
      requestId: z.string().optional(),
    }),
  })
  .meta({ id: 'Error' })

/** A page of a list: its items and where the next page starts (null on the last). */
export const Page = <S extends z.ZodType>(item: S) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() })
export const Items = <S extends z.ZodType>(item: S) => z.object({ items: z.array(item) })
