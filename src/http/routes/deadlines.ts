import { createRoute } from '@hono/zod-openapi'
import { ParseDeadlineInput, parseDeadlineText } from '../../services/parse-deadline'
import { BODY_ERRORS, bearer, createRouter, jsonBody, responses } from '../router'
import { ParsedDeadline } from '../schemas/control'

export const deadlineRoutes = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/parse',
    tags: ['control'],
    security: bearer,
    summary: 'Parse a deadline as written: kind, dates, due date, problems; and the due date on control',
    request: jsonBody(ParseDeadlineInput),
    responses: responses(
      { status: 200, description: 'The parsed deadline', schema: ParsedDeadline },
      401,
      ...BODY_ERRORS,
    ),
  }),
  async (c) => c.json(await parseDeadlineText(c.var.ctx, c.req.valid('json')), 200),
)
