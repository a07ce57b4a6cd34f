import { createRoute, z } from '@hono/zod-openapi'
import { currentOrderFile } from '../../services/current-order-file'
import { createRouter, errorResponses, IdParam } from '../router'
import { documentResponse, knownHashes } from './documents'

/**
 * GET /api/orders/:id/file.pdf: the file of the order that counts now (sealed, signed or the rendering), named
 * as a clerk names it; `?download=1` saves it instead of opening it. `X-Order-File` says which file it is.
 */
export const orderFileRoutes = createRouter().get('/:id/file.pdf', async (c) => {
  const file = await currentOrderFile(c.var.ctx, c.req.param('id'), { known: knownHashes(c) })
  c.header('x-order-file', file.file)
  return documentResponse(c, file, { download: c.req.query('download') === '1' })
})

export const describeOrderFileRoutes = (registry: ReturnType<typeof createRouter>['openAPIRegistry']) => {
  registry.registerPath(
    createRoute({
      method: 'get',
      path: '/api/orders/{id}/file.pdf',
      tags: ['documents'],
      summary:
        'The file that counts now: the sealed registered PDF once registered, the signed one before, the rendering before that',
      request: {
        params: IdParam,
        query: z.object({
          download: z
            .enum(['1'])
            .optional()
            .openapi({ description: '1: Content-Disposition attachment (save), otherwise inline (open)' }),
        }),
      },
      responses: {
        200: {
          description: 'PDF; the header X-Order-File says which file: registered, signed or rendering',
          headers: { 'X-Order-File': { schema: { type: 'string', enum: ['registered', 'signed', 'rendering'] } } },
          content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
        },
        304: { description: 'Not modified: If-None-Match holds the ETag of the file' },
        ...errorResponses(401, 403, 404),
        503: { description: 'Every rendering thread is busy and the queue is full; Retry-After says when to retry' },
      },
    }),
  )
}
