import { createRoute, z } from '@hono/zod-openapi'
import { getJournalRecord, JournalRecordQuery } from '../../services/journal-record'
import { createRouter, errorResponses, IdParam } from '../router'
import { documentResponse } from './documents'

/** GET /api/journals/:id/record?year&format: the journal of a year as JSON, XLSX or PDF. */
export const journalRecordRoutes = createRouter().get('/:id/record', async (c) => {
  const result = await getJournalRecord(c.var.ctx, c.req.param('id'), c.req.query())
  if (result.format === 'json') return c.json({ ...result.record, years: result.years })
  return documentResponse(c, result, { download: true })
})

const file = (type: string) => ({ [type]: { schema: z.string().openapi({ format: 'binary' }) } })

/** The route answers files as well as JSON, so it is a plain route; described here for /openapi.json. */
export const describeJournalRecordRoutes = (registry: ReturnType<typeof createRouter>['openAPIRegistry']) =>
  registry.registerPath(
    createRoute({
      method: 'get',
      path: '/api/journals/{id}/record',
      tags: ['journals'],
      security: [{ bearer: [] }],
      summary:
        'The registration journal of a year: every number (litera numbers after theirs, missing numbers marked) with date, kind, title, signer and state, and the closing line',
      request: { params: IdParam, query: JournalRecordQuery },
      responses: {
        200: {
          description: 'JSON {journal,year,lines,closing,years}, or the journal as XLSX or PDF by `format`',
          content: {
            'application/json': {
              schema: z.object({
                journal: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
                year: z.number(),
                lines: z.array(z.unknown()),
                closing: z.object({ count: z.number(), first: z.string(), last: z.string() }).nullable(),
                years: z.array(z.number()),
              }),
            },
            ...file('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
            ...file('application/pdf'),
          },
        },
        ...errorResponses(401, 403, 404, 422),
      },
    }),
  )
