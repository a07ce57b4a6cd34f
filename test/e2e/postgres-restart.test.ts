import { afterAll, describe, expect, it } from 'vitest'
import { sampleContent } from '../support/harness'
import { checkIntegrity, LOAD_ADMIN_ENV, runLoad, setUpLoad } from '../support/load-client'
import { postgresBin, privatePostgres, type PrivatePostgres } from '../support/private-postgres'
import { startServer, type RunningServer } from '../support/server'

const bin = postgresBin()
let server: RunningServer | undefined
let pg: PrivatePostgres | undefined
afterAll(async () => {
  await server?.stop('SIGKILL')
  pg?.destroy()
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
// not a timed test: a hang check. An answer later than this counts as no answer at all.
const ANSWER_WITHIN_MS = 10_000

/** One request with a bound on the wait: its status and Retry-After, or status 0 when nothing came back in time. */
const probe = async (base: string, method: string, path: string, token?: string, body?: unknown) => {
  const started = performance.now()
  try {
    const res = await fetch(base + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
    })
    const text = await res.text()
    return { what: `${method} ${path}`, status: res.status, retryAfter: res.headers.get('retry-after'), text }
  } catch (e) {
    const ms = Math.round(performance.now() - started)
    return { what: `${method} ${path}`, status: 0, retryAfter: null, text: `no answer after ${ms} ms: ${e}` }
  }
}

/**
 * PostgreSQL stopped (`pg_ctl stop -m fast`) and started again under load, on a cluster of the test's own: while
 * it is down every request is answered, 503 with Retry-After, never a hang nor a 500; once it is back the same
 * process serves again, without a restart, and what was written before and after holds together.
 */
describe.skipIf(!bin)('PostgreSQL restarted under load', () => {
  it('answers 503 with Retry-After while it is down and serves again once it is back', async () => {
    pg = await privatePostgres(bin!)
    server = await startServer({ ...LOAD_ADMIN_ENV, DATABASE_URL: pg.url })
    const base = server.url
    const setup = await setUpLoad([base], 1)
    const clerk = setup.orgs[0]!.clerk
    const order = JSON.parse((await probe(base, 'POST', '/api/orders', clerk, sampleContent())).text).id

    // a load through the whole outage: 4 clients for 30 s, 503s not retried, so every one is seen; its steps
    // that sign take seconds on a busy machine, so its bound on an answer is wider than the probes'
    const loadRun = runLoad(setup, { clients: 4, seconds: 30, timeoutMs: 60_000, retryBusy: false })
    await sleep(6000)
    pg.stop()

    const requests = [
      ['GET', '/api/orders?limit=5'],
      ['GET', `/api/orders/${order}`],
      ['POST', '/api/orders'],
      ['PUT', `/api/orders/${order}`],
      ['GET', '/api/health/ready'],
      ['GET', '/api/health'],
    ] as const
    const down: Awaited<ReturnType<typeof probe>>[] = []
    for (let round = 0; round < 3; round++) {
      down.push(
        ...(await Promise.all(
          // health is asked as a load balancer asks it, with no token: a token is checked against the database
          // (a disabled person is refused within a second), so a signed-in request is 503 on its own while it is down
          requests.map(([m, p]) =>
            probe(
              base,
              m,
              p,
              p.startsWith('/api/health') ? undefined : clerk,
              m === 'GET' ? undefined : sampleContent(),
            ),
          ),
        )),
      )
      await sleep(1000)
    }
    // sign-in needs the database too: it is refused the same way
    down.push(
      await probe(base, 'POST', '/api/auth/token', undefined, { email: 'clerk0@load.test', password: 'x'.repeat(12) }),
    )
    // the process itself is alive: liveness does not depend on the database
    const live = await probe(base, 'GET', '/api/health/live')

    pg.start()
    // ready again without a restart of the service (the pool reconnects on its own)
    let ready = await probe(base, 'GET', '/api/health/ready')
    for (let i = 0; i < 30 && ready.status !== 200; i++) {
      await sleep(1000)
      ready = await probe(base, 'GET', '/api/health/ready')
    }
    const during = await loadRun

    if (server.proc.exitCode !== null || down.some((d) => d.status !== 503)) console.log(server.output().slice(-5000))
    expect(
      down.filter((d) => d.status !== 503 || !d.retryAfter),
      'while PostgreSQL is down every answer is a 503 with Retry-After',
    ).toEqual([])
    const codes = down.filter((d) => !d.what.includes('/api/health')).map((d) => JSON.parse(d.text).error?.code)
    expect(new Set(codes)).toEqual(new Set(['unavailable']))
    // readiness names the database, not a migration that is there all along, and no answer repeats a query
    const notReady = JSON.parse(down.find((d) => d.what === 'GET /api/health/ready')!.text)
    expect(notReady.failing).toContain('database')
    expect(notReady.checks.migrations.error ?? '').not.toMatch(/not applied/)
    expect(down.filter((d) => /select|insert|update /i.test(d.text))).toEqual([])
    expect(live.status).toBe(200)
    expect(ready.status).toBe(200)
    // the load's failures were all the outage's: 503 with Retry-After, none unanswered, none a 500
    expect(
      during.errors.filter((e) => e.status !== 503 || !e.retryAfter),
      'the load saw only clean refusals',
    ).toEqual([])
    expect(during.errors.length).toBeGreaterThan(0)
    expect(server.proc.exitCode).toBeNull()

    // after: the same process serves a load with no error at all, and everything written holds together
    const after = await runLoad(setup, { clients: 3, seconds: 4, drain: true, timeoutMs: 60_000 })
    expect(after.errors).toEqual([])
    expect(after.registered.size).toBeGreaterThan(0)
    const integrity = await checkIntegrity(setup, after)
    expect(integrity.problems).toEqual([])
  }, 300_000)
})
