import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { DOCX_TYPE, importOrderBody } from '../../services/import-order'
import { createRouter, responses } from '../router'

/** POST /api/orders/import: the text of an order or its .docx in the body, its content out; nothing stored. */
export const importRoutes = createRouter().post('/import', async (c) =>
  c.json(
    await importOrderBody(c.var.ctx, {
      contentType: c.req.header('content-type') ?? '',
      bytes: new Uint8Array(await c.req.arrayBuffer()),
    }),
    200,
  ),
)

const ImportAnswer = z
  .object({
    content: z.record(z.string(), z.unknown()).openapi({
      description:
        'OrderContent as read from the text, plus registration {number, date (YYYY-MM-DD)} when the text carries them; fields not found are empty strings',
    }),
    doubts: z.array(z.object({ path: z.string(), message: z.string() })),
    leftOut: z.array(z.object({ text: z.string(), why: z.string() })),
  })
  .meta({ id: 'ImportAnswer' })

export const describeImportRoutes = (registry: OpenAPIHono['openAPIRegistry']) => {
  registry.registerPath(
    createRoute({
      method: 'post',
      path: '/api/orders/import',
      tags: ['orders'],
      security: [{ bearer: [] }],
      summary:
        'Read an order from its text (text/plain, UTF-8) or a Word file (.docx): its content, the doubts at their fields, the text left out and why; stores nothing',
      request: {
        body: {
          required: true,
          content: {
            'text/plain': { schema: z.string() },
            [DOCX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) },
          },
        },
      },
      responses: {
        // 503 (standard): also every worker thread busy, Retry-After says when to retry
        ...responses(
          { status: 200, description: 'The order read from the text', schema: ImportAnswer },
          400,
          401,
          403,
          413,
          422,
        ),
      },
    }),
  )
}
