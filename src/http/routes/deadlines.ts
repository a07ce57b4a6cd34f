import { createRoute, z } from '@hono/zod-openapi'
import { isIsoDate } from '../../domain/dates'
import { parseDeadline } from '../../domain/deadlines'
import { createRouter, jsonBody, responses } from '../router'

const ParseDeadlineInput = z
  .object({
    text: z.string().max(500).meta({ example: 'ноябрь 2024 – май 2025' }),
    reference: z
      .string()
      .refine(isIsoDate, 'Дата в виде ГГГГ-ММ-ДД')
      .meta({ description: 'the date deadlines are read from: the registration date', example: '2024-09-05' }),
    schoolYear: z
      .number()
      .int()
      .min(1900)
      .max(2999)
      .optional()
      .meta({ description: 'first year of the school year the order names (2024 for 2024/2025)' }),
  })
  .meta({ id: 'ParseDeadlineInput' })

/** The deadline parser over HTTP: what a written deadline means, for forms to show as the user types. */
export const deadlineRoutes = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/parse',
    tags: ['control'],
    summary: 'Parse a written deadline: its kind, dates, due date, recurrence and problems',
    request: jsonBody(ParseDeadlineInput),
    responses: responses({ status: 200, description: 'ParsedDeadline' }, 400, 401, 422),
  }),
  (c) => {
    const { text, reference, schoolYear } = c.req.valid('json')
    return c.json(
      parseDeadline(text, reference, schoolYear === undefined ? {} : { schoolYear: { start: schoolYear } }),
      200,
    )
  },
)
