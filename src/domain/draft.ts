import { z } from 'zod'
import { OrderContent, OrderKind, orderBoundProblems, Organization, type Point } from './content'
import { OrderError, type ErrorDetail } from './errors'
import { LIMITS } from './limits'
import { placed } from './places'
import { safeText } from './text'
import { tooDeep, depthError } from './validation'

/**
 * A draft as the clerk saves it, unfinished: only `kind` is required, a text may be empty, a list may be
 * empty, a table may have no column yet. Every bound of OrderContent still holds (lengths, counts, depth,
 * characters, what text may hold), so a draft is stored and rendered as safely as a finished order; what
 * makes an order finished is asked at submission (`completenessProblems`).
 *
 * The output has OrderContent's shape (missing texts as ''), so every reader of a stored version, the
 * renderers first, takes a draft as it takes an order.
 */
const O = LIMITS.order
const A = LIMITS.appendix

const draftText = (max: number) => safeText().trim().max(max, `не длиннее ${max} знаков`)
const atMost = (n: number, what: string) => `не больше ${n} ${what}`

const DraftPoint: z.ZodType<Point, unknown> = z
  .object({
    text: draftText(O.pointText).default(''),
    executors: z
      .array(draftText(O.executor))
      .max(O.executorsPerPoint, atMost(O.executorsPerPoint, 'исполнителей'))
      .optional(),
    deadline: draftText(O.deadline).optional(),
    get points() {
      return z.array(DraftPoint).max(O.points, atMost(O.points, 'пунктов')).optional()
    },
  })
  .meta({ id: 'DraftPoint' })

const DraftColumn = z.object({
  title: draftText(A.columnTitle).default(''),
  role: z
    .enum(['number', 'activity', 'deadline', 'executor', 'result'], {
      error: 'роль столбца: number, activity, deadline, executor или result',
    })
    .optional(),
})

const DraftRow = z.union([
  z.object({ cells: z.array(draftText(A.cell)).max(A.columns, atMost(A.columns, 'ячеек')) }).strict(),
  z.object({ section: draftText(A.section) }).strict(),
])

const DraftAppendix = z.object({
  title: draftText(A.title).default(''),
  text: draftText(A.text).optional(),
  table: z
    .object({
      columns: z.array(DraftColumn).max(A.columns, atMost(A.columns, 'столбцов')).default([]),
      rows: z.array(DraftRow).max(A.rows, atMost(A.rows, 'строк')).default([]),
    })
    .superRefine((t, ctx) => {
      // a row of another width than the table cannot be laid out: refused even in a draft
      t.rows.forEach((r, i) => {
        if ('cells' in r && t.columns.length > 0 && r.cells.length !== t.columns.length)
          ctx.addIssue({
            code: 'custom',
            path: ['rows', i, 'cells'],
            message: `в строке ${r.cells.length} ячеек, а столбцов ${t.columns.length}`,
          })
      })
    })
    .optional(),
})

export const DraftContent = z
  .object({
    kind: OrderKind,
    templateId: safeText().max(O.templateId).optional(),
    organization: Organization.optional(),
    title: draftText(O.title).default(''),
    preamble: draftText(O.preamble).default(''),
    directive: draftText(O.directive).optional(),
    points: z.array(DraftPoint).max(O.points, atMost(O.points, 'пунктов')).default([]),
    control: draftText(O.control).optional(),
    signer: z
      .object({ position: draftText(O.signerPosition).default(''), name: draftText(O.signerName).default('') })
      .default({ position: '', name: '' }),
    appendices: z.array(DraftAppendix).max(O.appendices, atMost(O.appendices, 'приложений')).optional(),
  })
  .superRefine((c, ctx) => {
    for (const problem of orderBoundProblems(c)) ctx.addIssue({ code: 'custom', ...problem })
  })
  .meta({
    id: 'DraftContent',
    description:
      'OrderContent unfinished: only kind is required; texts may be empty, lists empty, a table without columns. Every bound of OrderContent holds. Completeness is checked at submit (422, every problem by its place).',
  }) as unknown as z.ZodType<OrderContent, unknown>

type Issue = z.core.$ZodIssue & { params?: { code?: string } }

/** A schema's issues as details whose message names the place in the clerk's words, each place and message once. */
export const placedDetails = (issues: readonly z.core.$ZodIssue[]): ErrorDetail[] => {
  const seen = new Set<string>()
  return issues.flatMap((raw) => {
    const i = raw as Issue
    // a union of rows none of whose forms fits: its forms' messages say nothing to a clerk
    const message =
      i.code === 'invalid_union'
        ? 'строка таблицы: либо ячейки, либо название раздела'
        : i.code === 'too_small' && i.origin === 'string'
          ? 'нет текста'
          : i.code === 'too_small' && i.origin === 'array'
            ? 'пусто'
            : i.message
    const path = i.path.map(String).join('.')
    const detail = {
      path: path || '(body)',
      message: placed(i.path as (string | number)[], message),
      code: (i.code === 'custom' && i.params?.code) || i.code,
    }
    if (seen.has(detail.message)) return []
    seen.add(detail.message)
    return [detail]
  })
}

/** One error for a draft that breaks a bound: 413 when a size is over, 422 otherwise; every place named once. */
export const draftError = (issues: readonly z.core.$ZodIssue[]): OrderError => {
  const details = placedDetails(issues)
  return details.some((d) => d.code === 'too_large')
    ? new OrderError('too_large', 'Проект больше допустимого', details)
    : new OrderError(
        'invalid_input',
        `Проект не сохранён: ${counted(details.length, ['ошибка', 'ошибки', 'ошибок'])}`,
        details,
      )
}

/** «1 ошибка», «3 ошибки», «11 ошибок»: a count with its noun agreed. */
const counted = (n: number, [one, few, many]: [string, string, string]) => {
  const tens = n % 100
  const ones = n % 10
  const word = tens >= 11 && tens <= 14 ? many : ones === 1 ? one : ones >= 2 && ones <= 4 ? few : many
  return `${n} ${word}`
}

/** Parses a draft as the API takes it (POST and PUT /api/orders), or throws one error naming every place. */
export const parseDraft = (input: unknown): OrderContent => {
  const deep = tooDeep(input)
  if (deep !== undefined) throw depthError(deep)
  const parsed = DraftContent.safeParse(input)
  if (parsed.success) return parsed.data
  throw draftError(parsed.error.issues)
}

const blank = (s: string | undefined) => !s?.trim()

/**
 * What a draft lacks to be sent: every empty text that must be filled, every empty list that must not be,
 * each by its place. Depth first, in the order the clerk reads the document.
 */
export const completenessProblems = (c: OrderContent): ErrorDetail[] => {
  const problems: ErrorDetail[] = []
  const add = (path: (string | number)[], message: string) =>
    problems.push({ path: path.join('.'), message: placed(path, message), code: 'incomplete' })
  if (blank(c.title)) add(['title'], 'нет текста')
  if (blank(c.preamble)) add(['preamble'], 'нет текста')
  if (!c.points.length) add(['points'], 'нет ни одного пункта')
  const walk = (points: Point[], prefix: (string | number)[]) =>
    points.forEach((p, i) => {
      const here = [...prefix, i]
      if (blank(p.text)) add([...here, 'text'], 'нет текста')
      p.executors?.forEach((e, k) => {
        if (blank(e)) add([...here, 'executors', k], 'пусто')
      })
      if (p.deadline !== undefined && blank(p.deadline)) add([...here, 'deadline'], 'пусто')
      walk(p.points ?? [], [...here, 'points'])
    })
  walk(c.points, ['points'])
  if (blank(c.signer?.position)) add(['signer', 'position'], 'не указана')
  if (blank(c.signer?.name)) add(['signer', 'name'], 'не указаны')
  c.appendices?.forEach((a, i) => {
    if (blank(a.title)) add(['appendices', i, 'title'], 'нет текста')
    if (a.table && !a.table.columns.length) add(['appendices', i, 'table', 'columns'], 'нет ни одного столбца')
    a.table?.rows.forEach((r, k) => {
      if ('section' in r && blank(r.section)) add(['appendices', i, 'table', 'rows', k, 'section'], 'нет названия')
    })
  })
  return problems
}

/**
 * Refuses a draft that is not finished (422, every problem by its place): completeness first, then whatever
 * else the finished order's schema refuses, each place and message once.
 */
export const assertComplete = (c: OrderContent): void => {
  const problems = completenessProblems(c)
  const parsed = OrderContent.safeParse(c)
  const known = new Set(problems.map((p) => p.path))
  const more = parsed.success ? [] : placedDetails(parsed.error.issues).filter((d) => !known.has(d.path))
  const all = [...problems, ...more]
  if (all.length)
    throw new OrderError(
      'invalid_input',
      `Приказ не готов к отправке: ${counted(all.length, ['замечание', 'замечания', 'замечаний'])}`,
      all,
    )
}
