import { z } from 'zod'
import { LIMITS } from './limits'
import { safeLine, safeText } from './text'

/** The one shape of an order's content: validated by the API, described in OpenAPI, rendered to DOCX and PDF. */
export const OrderKind = z.enum(['prikaz', 'rasporyazhenie']).meta({ id: 'OrderKind' })
export type OrderKind = z.infer<typeof OrderKind>

const O = LIMITS.order
const A = LIMITS.appendix

/** A required text of at most `max` characters, holding only what text may hold (see text.ts). */
const text = (max: number) => safeText().trim().min(1).max(max)
/** The same of one line: a title, a name, a position, an executor, a deadline, a requisite's line. */
const line = (max: number) => safeLine().trim().min(1).max(max)

export type Point = {
  text: string
  executors?: string[]
  deadline?: string
  points?: Point[]
}

export const Point: z.ZodType<Point> = z
  .object({
    text: text(O.pointText),
    executors: z.array(line(O.executor)).max(O.executorsPerPoint).optional(),
    deadline: line(O.deadline).optional(),
    get points() {
      return z.array(Point).max(O.points).optional()
    },
  })
  .meta({ id: 'Point' })

export const Column = z
  .object({
    title: safeLine().max(A.columnTitle),
    role: z.enum(['number', 'activity', 'deadline', 'executor', 'result']).optional(),
  })
  .meta({ id: 'Column' })

export const Row = z
  .union([
    z.object({ cells: z.array(safeText().max(A.cell)).max(A.columns) }).strict(),
    z.object({ section: line(A.section) }).strict(),
  ])
  .meta({ id: 'Row' })

export const Appendix = z
  .object({
    title: line(A.title),
    text: safeText().max(A.text).optional(),
    table: z
      .object({ columns: z.array(Column).min(1).max(A.columns), rows: z.array(Row).max(A.rows) })
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
    parent: z.array(line(O.requisiteLine)).max(O.requisiteLines).optional(),
    name: z.array(line(O.requisiteLine)).min(1).max(O.requisiteLines),
    place: line(O.place).optional(),
  })
  .meta({ id: 'OrganizationRequisites' })

export const OrderContent = z
  .object({
    kind: OrderKind,
    templateId: safeLine().max(O.templateId).optional(),
    organization: Organization.optional(),
    title: line(O.title),
    preamble: text(O.preamble),
    directive: text(O.directive).optional(),
    points: z.array(Point).min(1).max(O.points),
    control: text(O.control).optional(),
    signer: z.object({ position: line(O.signerPosition), name: line(O.signerName) }),
    appendices: z.array(Appendix).max(O.appendices).optional(),
  })
  .superRefine((c, ctx) => {
    for (const problem of orderBoundProblems(c)) ctx.addIssue({ code: 'custom', ...problem })
  })
  .meta({
    id: 'OrderContent',
    description: `At most ${O.characters} characters in all (413 beyond), ${O.points} points of every level together, nested at most ${O.pointDepth} deep (422 beyond). Text holds no control character but tab and newline; CR LF, CR and U+000B become a newline.`,
  })
export type OrderContent = z.infer<typeof OrderContent>
export type Appendix = z.infer<typeof Appendix>

/**
 * The bounds one field's schema cannot see: the depth of points, all points together, all characters
 * together. The last is a size (413), the others counts (422). Iterative, like every walk of input.
 */
export const orderBoundProblems = (c: {
  points: Point[]
  appendices?: { table?: { rows: unknown[] } }[]
}): { path: (string | number)[]; message: string; params?: { code: string } }[] => {
  const problems: { path: (string | number)[]; message: string; params?: { code: string } }[] = []
  let total = 0
  let deepest: (string | number)[] | undefined
  const stack: { points: Point[]; path: (string | number)[]; depth: number }[] = [
    { points: c.points, path: ['points'], depth: 1 },
  ]
  while (stack.length) {
    const { points, path, depth } = stack.pop()!
    total += points.length
    if (depth > O.pointDepth) deepest ??= path
    points.forEach((p, i) => {
      if (p.points?.length) stack.push({ points: p.points, path: [...path, i, 'points'], depth: depth + 1 })
    })
  }
  if (deepest) problems.push({ path: deepest, message: `пункты вложены глубже ${O.pointDepth} уровней (1.1.1.1.)` })
  if (total > O.points)
    problems.push({ path: ['points'], message: `пунктов всех уровней ${total}, больше ${O.points}` })
  const characters = searchableText(c as OrderContent).length
  if (characters > O.characters)
    problems.push({
      path: [],
      message: `в приказе ${characters} знаков, больше ${O.characters}`,
      params: { code: 'too_large' },
    })
  return problems
}

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
