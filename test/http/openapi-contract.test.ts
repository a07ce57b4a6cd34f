import { describe, expect, it } from 'vitest'
import { routesMissingFromSpec, type Spec } from '../support/contract'
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
