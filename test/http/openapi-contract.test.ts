import { describe, expect, it } from 'vitest'
import { routesMissingFromSpec, type Spec, untypedAnswers } from '../support/contract'
import { testDatabases } from '../support/databases'
import { useHarness } from '../support/harness'
import { replaySpec } from '../support/replay'

const [pglite] = testDatabases()

describe('the API contract: /openapi.json describes every route and every answer', () => {
  const h = useHarness(pglite!.open)

  it('every /api route of the app is in the spec (a route added without it is named here)', async () => {
    const spec = (await (await h.app.request('/openapi.json')).json()) as Spec
    const missing = routesMissingFromSpec(h.app.routes, spec)
    expect(missing, `routes missing from /openapi.json: ${missing.join(', ')}`).toEqual([])
  })

  it('every JSON answer of every operation has a typed schema, and every operation declares the standard 503', async () => {
    const spec = (await (await h.app.request('/openapi.json')).json()) as Spec
    expect(untypedAnswers(spec)).toEqual([])
    // what the check finds: an untyped body (as every success was before), a route without 503
    const loose = {
      description: '',
      content: { 'application/json': { schema: { type: 'object', additionalProperties: {} } } },
    }
    expect(
      untypedAnswers({
        paths: {
          '/api/x': { get: { responses: { 200: loose, 503: loose } } },
          '/api/y': { post: { responses: { 201: { description: '', content: { 'application/json': {} } } } } },
        },
      }),
    ).toEqual([
      'GET /api/x 200: body untyped ({"type":"object","additionalProperties":{}})',
      'GET /api/x 503: body untyped ({"type":"object","additionalProperties":{}})',
      'POST /api/y: 503 not declared',
      'POST /api/y 201: body untyped (undefined)',
    ])
  })

  it('names a route the spec lacks, as the coordinator needs it after a merge', () => {
    const spec: Spec = { paths: { '/api/orders/{id}': { get: { responses: {} } } } }
    const routes = [
      { method: 'GET', path: '/api/orders/:id' },
      { method: 'POST', path: '/api/orders/import' },
      { method: 'PATCH', path: '/api/users/:id' },
      { method: 'GET', path: '/ca/:file{.+\\.crl}' },
      { method: 'ALL', path: '/api/*' },
      { method: 'GET', path: '/orders' },
    ]
    expect(routesMissingFromSpec(routes, spec)).toEqual([
      'GET /ca/{file}',
      'PATCH /api/users/{id}',
      'POST /api/orders/import',
    ])
  })

  it('a generated request for each route, each caller, bodies that fit and that do not: no 500, every answer declared', async () => {
    const result = await replaySpec(h, { rounds: 1 })
    expect(result.requests).toBeGreaterThan(500)
    expect(result.errors500).toEqual([])
    expect([...new Set(result.problems)]).toEqual([])
  }, 600_000)
})
