import { z } from 'zod'
import { disciplineRows } from '../db/discipline'
import { calendarDate } from '../domain/dates'
import { disciplineReport } from '../domain/discipline'
import { IsoDate, parseInput } from '../domain/validation'
import { disciplineCsv } from '../documents/discipline-csv'
import { disciplinePdf } from '../documents/discipline-pdf'
import { disciplineXlsx } from '../documents/discipline-xlsx'
import { authorize, ownOrganization } from './access'
import type { ServiceContext } from './context'

export const DisciplineQuery = z
  .object({
    from: IsoDate,
    to: IsoDate,
    format: z.enum(['json', 'csv', 'xlsx', 'pdf']).default('json'),
    organizationId: z.string().uuid().optional(),
  })
  .strict()
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'конец периода раньше начала' })

const files = {
  csv: { type: 'text/csv; charset=utf-8', render: disciplineCsv },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', render: disciplineXlsx },
  pdf: { type: 'application/pdf', render: disciplinePdf },
} as const

/** The discipline of a period per executor and in total, as of today; as JSON or a file. */
export const getDisciplineReport = async (ctx: ServiceContext, query: unknown) => {
  authorize(ctx, 'reports.discipline')
  const q = parseInput(DisciplineQuery, query, 'Параметры отчёта')
  const organizationId = await ownOrganization(ctx, q.organizationId)
  const asOf = calendarDate(ctx.clock.now())
  const rows = await disciplineRows(ctx.db, { organizationId, from: q.from, to: q.to, today: asOf })
  const report = disciplineReport({ from: q.from, to: q.to, asOf }, rows)
  if (q.format === 'json') return { format: 'json' as const, report }
  const file = files[q.format]
  return {
    format: q.format,
    report,
    type: file.type,
    fileName: `Дисциплина_${q.from}_${q.to}.${q.format}`,
    bytes: await file.render(report),
  }
}
