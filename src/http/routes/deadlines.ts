import { createRoute } from '@hono/zod-openapi'
import { ParseDeadlineInput, parseDeadlineText } from '../../services/parse-deadline'
import { bearer, createRouter, jsonBody, responses } from '../router'

export const deadlineRoutes = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/parse',
    tags: ['control'],
    security: bearer,
    summary: 'Parse a deadline as written: kind, dates, due date, problems; and the due date on control',
    request: jsonBody(ParseDeadlineInput),
    responses: responses({ status: 200, description: 'The parsed deadline' }, 400, 401, 422),
  }),
  async (c) => c.json(await parseDeadlineText(c.var.ctx, c.req.valid('json')), 200),
)
