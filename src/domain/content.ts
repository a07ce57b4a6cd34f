import { z } from 'zod'

/** The one shape of an order's content: validated by the API, described in OpenAPI, rendered to DOCX and PDF. */
export const OrderKind = z.enum(['prikaz', 'rasporyazhenie']).meta({ id: 'OrderKind' })
export type OrderKind = z.infer<typeof OrderKind>

const text = (max: number) => z.string().trim().min(1).max(max)

export type Point = {
  text: string
  executors?: string[]
  deadline?: string
  points?: Point[]
}

export const Point: z.ZodType<Point> = z
  .object({
    text: text(20_000),
    executors: z.array(text(500)).max(100).optional(),
    deadline: text(500).optional(),
    get points() {
      return z.array(Point).max(200).optional()
    },
  })
  .meta({ id: 'Point' })

export const Column = z
  .object({
    title: z.string().max(1000),
    role: z.enum(['number', 'activity', 'deadline', 'executor', 'result']).optional(),
  })
  .meta({ id: 'Column' })

export const Row = z
  .union([
    z.object({ cells: z.array(z.string().max(20_000)).max(50) }).strict(),
    z.object({ section: text(2000) }).strict(),
  ])
  .meta({ id: 'Row' })

export const Appendix = z
  .object({
    title: text(2000),
    text: z.string().max(200_000).optional(),
    table: z
      .object({ columns: z.array(Column).min(1).max(50), rows: z.array(Row).max(5000) })
      .superRefine((t, ctx) => {
        t.rows.forEach((r, i) => {
          if ('cells' in r && r.cells.length !== t.columns.length) {
            ctx.addIssue({
              code: 'custom',
              path: ['rows', i, 'cells'],
              message: `в строке ${r.cells.length} ячеек, а столбцов ${t.columns.length}`,
            })
          }
        })
      })
      .optional(),
  })
  .meta({ id: 'Appendix' })

export const Organization = z
  .object({
    parent: z.array(text(500)).max(10).optional(),
    name: z.array(text(500)).min(1).max(10),
    place: text(200).optional(),
  })
  .meta({ id: 'OrganizationRequisites' })

export const OrderContent = z
  .object({
    kind: OrderKind,
    templateId: z.string().max(100).optional(),
    organization: Organization.optional(),
    title: text(2000),
    preamble: text(20_000),
    directive: text(200).optional(),
    points: z.array(Point).min(1).max(500),
    control: text(2000).optional(),
    signer: z.object({ position: text(500), name: text(200) }),
    appendices: z.array(Appendix).max(50).optional(),
  })
  .meta({ id: 'OrderContent' })
export type OrderContent = z.infer<typeof OrderContent>
export type Appendix = z.infer<typeof Appendix>

export const kindNames: Record<OrderKind, { nominative: string; dative: string; genitive: string }> = {
  prikaz: { nominative: 'приказ', dative: 'приказу', genitive: 'приказа' },
  rasporyazhenie: { nominative: 'распоряжение', dative: 'распоряжению', genitive: 'распоряжения' },
}

/** Every word of the content in one string, for full-text search with Russian morphology. */
export const searchableText = (c: OrderContent): string => {
  const parts: string[] = [c.title, c.preamble]
  const walk = (ps: Point[]) =>
    ps.forEach((p) => {
      parts.push(p.text, ...(p.executors ?? []), p.deadline ?? '')
      walk(p.points ?? [])
    })
  walk(c.points)
  for (const a of c.appendices ?? []) {
    parts.push(a.title, a.text ?? '')
    for (const r of a.table?.rows ?? []) parts.push('section' in r ? r.section : r.cells.join(' '))
  }
  parts.push(c.signer.name, c.signer.position)
  return parts.filter(Boolean).join('\n')
}
