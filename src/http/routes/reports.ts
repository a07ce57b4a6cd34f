import { getDisciplineReport } from '../../services/discipline-report'
import { createRouter } from '../router'
import { documentResponse } from './documents'

/** The discipline report: JSON, or a CSV, XLSX or PDF file of the same figures. */
export const reportRoutes = createRouter().get('/discipline', async (c) => {
  const result = await getDisciplineReport(c.var.ctx, c.req.query())
  if (result.format === 'json') return c.json(result.report)
  return documentResponse(c, { bytes: result.bytes, fileName: result.fileName, contentType: result.type })
})
