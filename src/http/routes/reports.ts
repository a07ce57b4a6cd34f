import { createRoute, z } from '@hono/zod-openapi'
import { DisciplineQuery, getDisciplineReport } from '../../services/discipline-report'
import { createRouter, errorResponses } from '../router'
import { DisciplineReport } from '../schemas/control'
import { documentResponse } from './documents'

/** The discipline report: JSON, or a CSV, XLSX or PDF file of the same figures. */
export const reportRoutes = createRouter().get('/discipline', async (c) => {
  const result = await getDisciplineReport(c.var.ctx, c.req.query())
  if (result.format === 'json') return c.json(result.report)
  return documentResponse(c, { bytes: result.bytes, fileName: result.fileName, contentType: result.type })
})

const file = (type: string) => ({ [type]: { schema: z.string().openapi({ format: 'binary' }) } })

/** The route above answers files as well as JSON, so it is a plain route; described here for /openapi.json. */
export const describeReportRoutes = (registry: ReturnType<typeof createRouter>['openAPIRegistry']) =>
  registry.registerPath(
    createRoute({
      method: 'get',
      path: '/api/reports/discipline',
      tags: ['reports'],
      security: [{ bearer: [] }],
      summary: 'Discipline of a period per executor and in total (controller)',
      request: { query: DisciplineQuery },
      responses: {
        200: {
          description: 'The report as JSON, CSV (UTF-8 with BOM), XLSX or PDF by `format`',
          content: {
            'application/json': { schema: DisciplineReport },
            ...file('text/csv'),
            ...file('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
            ...file('application/pdf'),
          },
        },
        ...errorResponses(401, 403, 404, 422, 503),
      },
    }),
  )
