import type { Harness } from './harness'
import { approver, director } from './people'
import { registerOrder } from './control'
import { sampleContent, tokenOf } from './harness'
import { answerProblems, hostileBodies, jsonSchemaOf, operationsOf, sample, type Spec } from './contract'

export type ReplayResult = {
  requests: number
  operations: number
  callers: string[]
  errors500: string[]
  problems: string[]
}

/**
 * Replays generated requests for every operation of the spec under every caller (nobody, each role, the
 * installation's admin): a body that fits and, with `hostile`, bodies that do not. Loopback only: the app's own
 * `request`, no socket. `rounds` repeats with other random choices; `deadline` (ms since epoch) stops early.
 */
export const replaySpec = async (
  h: Harness,
  { rounds = 1, hostile = true, deadline = Number.POSITIVE_INFINITY, random = Math.random } = {},
): Promise<ReplayResult> => {
  const spec = (await (await h.app.request('/openapi.json')).json()) as Spec
  const org = h.orgs[0]!
  const callers: [string, string | undefined][] = [
    ['anonymous', undefined],
    ['clerk', org.clerk],
    ['controller', org.controller],
    ['admin', org.admin],
    ['installation admin', await h.installationAdmin()],
    ['other organization’s clerk', h.orgs[1]!.clerk],
  ]
  const draft = async () =>
    (await h.call('POST', '/api/orders', { token: org.clerk, body: sampleContent() })).body.id as string
  const linkToken = async () => {
    const id = await draft()
    const res = await h.call('POST', `/api/orders/${id}/submit`, {
      token: org.clerk,
      body: { approvers: [approver(1)], signer: director(0) },
    })
    return tokenOf(res.body.links[0].url)
  }
  // a registered order and its control items, so that the routes of files and of control answer their success too
  const registered = await registerOrder(h, sampleContent())
  const items = (await h.call('GET', `/api/control?orderId=${registered}`, { token: org.controller })).body.items as {
    id: string
  }[]
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!
  const result: ReplayResult = {
    requests: 0,
    operations: operationsOf(spec).length,
    callers: callers.map(([who]) => who),
    errors500: [],
    problems: [],
  }
  for (let round = 0; round < rounds && Date.now() < deadline; round++) {
    const ids = { order: await draft(), token: await linkToken() }
    for (const { method, path, op } of operationsOf(spec)) {
      if (Date.now() > deadline) break
      const unknown = random() < 0.5 ? 'not-an-id' : crypto.randomUUID()
      const id = path.startsWith('/api/orders/')
        ? pick([ids.order, ids.order, registered, unknown])
        : path.startsWith('/api/control/')
          ? pick([...items.map((i) => i.id), unknown])
          : unknown
      const concrete = path
        .replace('{id}', id)
        .replace('{token}', random() < 0.8 ? ids.token : 'x'.repeat(43))
        .replace(/\{[^}]+\}/g, 'x')
      const query = (op.parameters ?? [])
        .filter((p) => p.in === 'query' && (p.required || random() < 0.3))
        .map((p) => `${p.name}=${encodeURIComponent(String(sample(spec, p.schema, p.name, random)))}`)
      const url = query.length ? `${concrete}?${query.join('&')}` : concrete
      const schema = jsonSchemaOf(op)
      const bodies: unknown[] = schema
        ? [sample(spec, schema, '', random), ...(hostile ? hostileBodies(spec, schema, random) : [])]
        : [undefined]
      // and the body that fits, said to be text: a route that reads JSON answers 415
      const sent: { body: unknown; headers?: Record<string, string> }[] = [
        ...bodies.map((body) => ({ body })),
        ...(schema && hostile ? [{ body: JSON.stringify(bodies[0]), headers: { 'content-type': 'text/plain' } }] : []),
      ]
      for (const [who, token] of callers)
        for (const { body, headers } of sent) {
          const res = await h.call(method, url, { token, body, headers })
          result.requests++
          const where = `${method} ${path} as ${who} → ${res.status}`
          if (res.status >= 500 && res.status !== 503) result.errors500.push(`${where}: ${res.text.slice(0, 200)}`)
          for (const p of answerProblems(spec, op, res.status, res.headers.get('content-type'), res.body))
            result.problems.push(`${method} ${path} as ${who}: ${p}`)
          // a refusal never repeats the id sent (README: «A 404 does not repeat…»)
          if (res.status >= 400 && path.includes('{id}') && res.text.includes(id))
            result.problems.push(`${method} ${path} as ${who}: the ${res.status} repeats the id sent`)
        }
    }
  }
  return result
}
