import Ajv2020 from 'ajv/dist/2020'

/**
 * Requests generated from /openapi.json, for the contract test and the fuzzing run (`test/bench/fuzz.ts`): for
 * each operation, bodies that fit its schema and bodies that do not, under every caller; each answer is checked
 * against what the spec declares for it (its status is among the operation's, its JSON body fits that status's
 * schema), the check a schemathesis run makes.
 */
export type Spec = {
  paths: Record<string, Record<string, Operation>>
  components?: Record<string, unknown>
}
type Schema = Record<string, any>
type Operation = {
  requestBody?: { content?: Record<string, { schema?: Schema }> }
  parameters?: { name: string; in: string; schema?: Schema; required?: boolean }[]
  responses: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>
}

/** Hono's route path as the spec writes it: `/api/orders/:id` → `/api/orders/{id}`. */
export const specPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}')

/**
 * Every route of the app's programs' interface that the spec does not describe, as «METHOD /path»: `/api/…`, and
 * `/ca/…` (certificates and revocation lists, read by programs). The pages (`/orders`, `/links/:token`, …) are
 * people's, not the contract's.
 */
export const routesMissingFromSpec = (routes: { method: string; path: string }[], spec: Spec) => {
  const missing = new Set<string>()
  for (const r of routes) {
    if (!/^\/(api|ca)\//.test(r.path) || r.method === 'ALL' || r.path.includes('*')) continue
    const path = specPath(r.path)
    if (!spec.paths[path]?.[r.method.toLowerCase()]) missing.add(`${r.method} ${path}`)
  }
  return [...missing].sort()
}

/**
 * Every answer the spec leaves untyped, as «METHOD /path status»: a JSON body whose schema is missing, `{}`, or an
 * object that names no field (a record of anything); and an operation without the standard 503.
 */
export const untypedAnswers = (spec: Spec) =>
  operationsOf(spec).flatMap(({ method, path, op }) => {
    const where = `${method} ${path}`
    // the liveness probe alone asks no database: it answers while the process does
    const out = op.responses['503'] || path === '/api/health/live' ? [] : [`${where}: 503 not declared`]
    for (const [status, answer] of Object.entries(op.responses)) {
      const json = answer.content?.['application/json']
      if (!json) continue
      const schema = resolve(spec, json.schema)
      const named =
        schema && (schema.type || schema.anyOf || schema.oneOf || schema.allOf || schema.const !== undefined)
      const fieldless =
        schema?.type === 'object' && !schema.properties && !(schema.additionalProperties as Schema | undefined)?.type
      if (!named || fieldless) out.push(`${where} ${status}: body untyped (${JSON.stringify(json.schema)})`)
    }
    return out
  })

const resolve = (spec: Spec, s: Schema | undefined): Schema | undefined => {
  if (!s?.$ref) return s
  const name = String(s.$ref).split('/').pop()!
  return resolve(spec, (spec.components as { schemas?: Record<string, Schema> })?.schemas?.[name])
}

/** A value that fits a JSON schema, simply: the first option, the least of each bound. */
export const sample = (spec: Spec, schema: Schema | undefined, hint = '', random = Math.random): unknown => {
  const s = resolve(spec, schema)
  if (!s) return {}
  if (s.const !== undefined) return s.const
  if (s.enum) return s.enum[Math.floor(random() * s.enum.length)]
  for (const key of ['anyOf', 'oneOf'] as const)
    if (s[key]) return sample(spec, s[key][Math.floor(random() * s[key].length)], hint, random)
  if (s.allOf) return Object.assign({}, ...s.allOf.map((p: Schema) => sample(spec, p, hint, random)))
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type
  if (type === 'object' || s.properties) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, Schema>))
      if ((s.required ?? []).includes(k) || random() < 0.5) out[k] = sample(spec, v, k, random)
    return out
  }
  if (type === 'array') {
    const n = Math.max(s.minItems ?? 0, random() < 0.5 ? 1 : 0)
    return Array.from({ length: Math.min(n, s.maxItems ?? n) }, () => sample(spec, s.items, hint, random))
  }
  if (type === 'integer' || type === 'number') return Math.max(s.minimum ?? 1, Math.min(s.maximum ?? 1, 1))
  if (type === 'boolean') return random() < 0.5
  if (type === 'string') {
    if (s.format === 'email' || /email/i.test(hint)) return 'fuzz@test.local'
    if (s.format === 'uuid') return '7d1e3c1a-0000-4000-8000-000000000000'
    if (/date|due|from|to|reference/i.test(hint)) return '2026-03-10'
    const min = s.minLength ?? 1
    return 'Текст'.padEnd(Math.min(Math.max(min, 5), s.maxLength ?? 5), 'т')
  }
  return null
}

/** Bodies that do not fit: the wrong type, the wrong type of each field, what nobody expects. */
export const hostileBodies = (spec: Spec, schema: Schema | undefined, random = Math.random): unknown[] => {
  const valid = sample(spec, schema, '', random)
  const out: unknown[] = [{}, [], 'текст', 12, null, { unexpected: true }]
  if (valid && typeof valid === 'object' && !Array.isArray(valid))
    for (const key of Object.keys(valid)) {
      out.push({ ...valid, [key]: 42 })
      out.push({ ...valid, [key]: '=HYPERLINK("x")\u0000' })
      const { [key]: _gone, ...rest } = valid as Record<string, unknown>
      out.push(rest)
    }
  return out
}

/** Checks an answer against the operation: its status declared, its JSON body the declared schema's. */
export const answerProblems = (
  spec: Spec,
  op: Operation,
  status: number,
  contentType: string | null,
  body: unknown,
): string[] => {
  const declared = op.responses[String(status)] ?? op.responses.default
  if (!declared) return [`status ${status} is not declared (declared: ${Object.keys(op.responses).join(', ')})`]
  if (!contentType?.includes('json') || body === undefined) return []
  const schema = declared.content?.['application/json']?.schema
  if (!schema) return []
  const validate = validator(spec, schema)
  return validate(body) ? [] : [`body does not fit the schema of ${status}: ${ajv.errorsText(validate.errors)}`]
}

const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false })
const validators = new WeakMap<object, ReturnType<typeof ajv.compile>>()
const validator = (spec: Spec, schema: Schema) => {
  let v = validators.get(schema)
  if (!v) {
    v = ajv.compile({ ...schema, components: spec.components })
    validators.set(schema, v)
  }
  return v
}

export type Operations = { method: string; path: string; op: Operation }[]
export const operationsOf = (spec: Spec): Operations =>
  Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  )

export const jsonSchemaOf = (op: Operation) => op.requestBody?.content?.['application/json']?.schema
