import { z } from 'zod'
import { isCalendarDay, isIsoDate } from './dates'
import { OrderError, type ErrorDetail } from './errors'
import { LIMITS } from './limits'

type Issue = z.core.$ZodIssue & { params?: { code?: string } }

// a custom issue may name its own code (forbidden_character, too_large), shown instead of zod's «custom»
const codeOf = (i: Issue) => (i.code === 'custom' && i.params?.code) || i.code

// the users read these messages: Russian, wherever a schema is checked
z.config(z.locales.ru())

// the types a JSON body, a form or a query can carry
const typeNames: Record<string, string> = {
  string: 'строка',
  number: 'число',
  int: 'целое число',
  boolean: 'true или false',
  array: 'массив',
  object: 'объект',
  null: 'null',
}
const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)

/** What a value is, in the words of a message: a number that is no number or no finite one said so. */
const receivedName = (v: unknown) => {
  if (typeof v === 'number' && Number.isNaN(v)) return 'не число'
  if (typeof v === 'number' && !Number.isFinite(v)) return 'бесконечность (число вне пределов)'
  if (typeof v === 'number' && !Number.isInteger(v)) return 'дробное число'
  const received = typeOf(v)
  return typeNames[received] ?? received
}

/**
 * The Russian locale names a wrong type in English («ожидалось string, получено undefined»): a missing
 * field is «обязательно», and a wrong type is told with Russian names of the types. A number where a number
 * was expected is one the type refuses (NaN, Infinity, a fraction where a whole number is): said so, never
 * «ожидалось: число, получено: число». A number's bound speaks of a number, not of «number» or «int».
 */
z.config({
  customError: (issue) => {
    // the locale names the number's type in English («ожидалось, что number будет >=2000»)
    if ((issue.code === 'too_big' || issue.code === 'too_small') && /^(number|int)$/.test(issue.origin)) {
      const big = issue.code === 'too_big'
      const sign = big ? (issue.inclusive ? '<=' : '<') : issue.inclusive ? '>=' : '>'
      return `Слишком ${big ? 'большое' : 'малое'} значение: ожидалось число ${sign}${big ? issue.maximum : issue.minimum}`
    }
    if (issue.code !== 'invalid_type') return undefined
    if (issue.input === undefined) return 'обязательно'
    return `ожидалось: ${typeNames[issue.expected] ?? issue.expected}, получено: ${receivedName(issue.input)}`
  },
})

/**
 * A number a query carries as text (`?year=2026`): the text becomes a number, and a parameter left out stays
 * missing («обязательно»), where `z.coerce.number()` would make it NaN («не число»).
 */
export const queryNumber = <S extends z.ZodType<number>>(schema: S) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v), schema)

/**
 * A union none of whose forms fits says only «Неверные входные данные»: its forms' own issues are listed
 * instead, under the union's path: those of the form that came closest (fewest issues), or of every form
 * when they tie (`{}` for a submission: approvers, steps and signer are all named).
 */
const unfoldUnions = (issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[] = []): z.core.$ZodIssue[] =>
  issues.flatMap((i) => {
    const path = [...prefix, ...i.path]
    if (i.code !== 'invalid_union' || i.errors.length === 0 || i.errors.some((e) => e.length === 0))
      return [{ ...i, path }]
    const fewest = Math.min(...i.errors.map((e) => e.length))
    const closest = i.errors.filter((e) => e.length === fewest).flat()
    const seen = new Set<string>()
    return unfoldUnions(closest, path).filter((d) => {
      const key = `${d.path.map(String).join('.')} ${d.message}`
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
  })

/**
 * A calendar day as YYYY-MM-DD, wherever a body or a query takes one: a date written otherwise and a day the
 * calendar has not (30 February, the year 0000) are told apart.
 */
/** A UUID as the database writes it (either case): an id of any record. */
export const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s)

export const IsoDate = z.string().check((ctx) => {
  if (isIsoDate(ctx.value)) return
  const written = /^\d{4}-\d{2}-\d{2}$/.test(ctx.value)
  ctx.issues.push({
    code: 'custom',
    input: ctx.value,
    message: !written
      ? 'дата в виде ГГГГ-ММ-ДД'
      : !isCalendarDay(ctx.value)
        ? `такого дня нет в календаре: ${ctx.value}`
        : `год вне ${LIMITS.date.firstYear}–${LIMITS.date.lastYear}`,
  })
})

export const issuesToDetails = (issues: readonly z.core.$ZodIssue[]): ErrorDetail[] =>
  unfoldUnions(issues).map((i) => ({
    path: i.path.map(String).join('.') || '(body)',
    message: i.message,
    code: codeOf(i),
  }))

/**
 * One error listing every issue: `too_large` (413) when any of them is a size over its bound,
 * `invalid_input` (422) otherwise.
 */
export const errorOfIssues = (issues: readonly z.core.$ZodIssue[], what: string): OrderError => {
  const details = issuesToDetails(issues)
  return details.some((d) => d.code === 'too_large')
    ? new OrderError('too_large', `${what}: больше допустимого`, details)
    : new OrderError('invalid_input', `${what}: ошибок ${details.length}`, details)
}

/**
 * The path of the first array or object nested deeper than `max`, or undefined. An iterative walk, so
 * that input nested a million deep costs time in proportion to its size and never the stack: schemas
 * recurse, and must only ever see input this walk has let through.
 */
export const tooDeep = (value: unknown, max: number = LIMITS.request.jsonDepth): string | undefined => {
  const stack: { v: unknown; depth: number; path: string }[] = [{ v: value, depth: 0, path: '' }]
  while (stack.length) {
    const { v, depth, path } = stack.pop()!
    if (typeof v !== 'object' || v === null) continue
    if (depth >= max) return path || '(body)'
    for (const [k, child] of Object.entries(v))
      stack.push({ v: child, depth: depth + 1, path: path ? `${path}.${k}` : k })
  }
  return undefined
}

export const depthError = (path: string, max: number = LIMITS.request.jsonDepth) =>
  new OrderError('invalid_input', `Данные вложены глубже ${max} уровней`, [
    { path, message: `вложенность глубже ${max} уровней`, code: 'too_deep' },
  ])

/** Parses with a schema and turns every issue into one error listing them all. */
export const parseInput = <S extends z.ZodType>(schema: S, value: unknown, what = 'Данные'): z.infer<S> => {
  const deep = tooDeep(value)
  if (deep !== undefined) throw depthError(deep)
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  throw errorOfIssues(parsed.error.issues, what)
}
