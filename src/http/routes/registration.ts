import { createRoute } from '@hono/zod-openapi'
import { PreviewRegistrationInput, previewRegistration } from '../../services/preview-registration'
import { bearer, createRouter, IdParam, responses } from '../router'
import { RegistrationPreview } from '../schemas/orders'

/** GET /api/orders/:id/registration-preview: the number a registration would take now, not taken (clerk). */
export const registrationRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/{id}/registration-preview',
    tags: ['orders'],
    security: bearer,
    summary:
      'The number and date registering would give now, without taking them; register with expectedNumber to be refused (409 number_changed) if another registration took it meanwhile',
    request: { params: IdParam, query: PreviewRegistrationInput },
    responses: responses(
      { status: 200, description: '{number,date,journal:{id,name},literaOf}', schema: RegistrationPreview },
      401,
      403,
      404,
      409,
      422,
    ),
  }),
  async (c) => c.json(await previewRegistration(c.var.ctx, c.req.valid('param').id, c.req.query()), 200),
)
