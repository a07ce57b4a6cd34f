import { createRenderPool } from '../../src/documents/render-pool'
import { serve } from '@hono/node-server'
import { keyProtector } from '../../src/documents/signing/key-protection'
import { sql } from 'drizzle-orm'
import { bigserial, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { openDatabase } from '../../src/db/client'
import { migrateDatabase } from '../../src/db/migrate'
import { createApp } from '../../src/http/app'
import { issueToken } from '../../src/services/auth'
import { systemClock, type ServiceContext, type ServiceDeps } from '../../src/services/context'
import { createOrder } from '../../src/services/create-order'
import { signByLink } from '../../src/services/decide-by-link'
import { createJournal } from '../../src/services/journals'
import { submitOrder } from '../../src/services/submit-order'
import { createOrganization, createUser } from '../../src/services/users'
import { freshPostgresDatabase } from '../support/databases'
import { sampleContent } from '../support/harness'
import { median, throughput, type BenchResult } from './measure'

/** The baseline's table: the benchmark's own, created by the benchmark, never part of the product's schema. */
const benchRows = pgTable('bench_rows', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  payload: text('payload').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

const CLIENTS = 50
const REQUESTS = 500
const ROUNDS = 3

const listen = (fetch: (req: Request) => Response | Promise<Response>) =>
  new Promise<{ url: string; close: () => void }>((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ url: `http://127.0.0.1:${info.port}`, close: () => server.close() }),
    )
  })

/**
 * Registration throughput from 50 concurrent clients on PostgreSQL, against a bare endpoint that
 * inserts one row per request through the same stack (node-server, Hono, drizzle, postgres-js pool).
 */
export const registrationBench = async (baseUrl: string): Promise<BenchResult> => {
  const { url, drop } = await freshPostgresDatabase(baseUrl)
  const database = await openDatabase({ url })
  try {
    await migrateDatabase(database)
    await database.db.execute(sql`create table if not exists bench_rows (
      id bigserial primary key, payload text not null, created_at timestamptz not null default now())`)
    const deps: ServiceDeps = {
      db: database.db,
      clock: systemClock,
      linkTtlDays: 7,
      publicUrl: 'http://bench',
      keys: keyProtector('bench'),
      renderer: createRenderPool(),
    }
    const admin: ServiceContext = {
      ...deps,
      actor: { type: 'user', id: 'bench', name: 'bench', role: 'admin', organizationId: null },
      meta: {},
    }
    const org = await createOrganization(admin, { name: ['Бенчмарк'] })
    await createUser(admin, {
      email: 'clerk@bench.test',
      name: 'Клерк',
      role: 'clerk',
      password: 'bench-password',
      organizationId: org.id,
    })
    await createJournal(admin, {
      name: 'Приказы',
      kind: 'prikaz',
      pattern: '{n}-ОД',
      reset: 'yearly',
      organizationId: org.id,
    })
    const { token, user } = await issueToken(deps, { email: 'clerk@bench.test', password: 'bench-password' })
    const clerk: ServiceContext = {
      ...deps,
      actor: { type: 'user', id: user.id, name: user.name, role: 'clerk', organizationId: org.id },
      meta: {},
    }
    // the signer is an account, and signs as herself (a link acts only for its person)
    const director = await createUser(admin, {
      email: 'director@bench.test',
      name: 'Директор',
      position: 'Директор',
      role: 'director',
      password: 'bench-password',
      organizationId: org.id,
    })
    const asDirector: ServiceContext = {
      ...deps,
      actor: { type: 'user', id: director.id, name: director.name, role: 'director', organizationId: org.id },
      meta: {},
    }
    const ids: string[] = []
    await throughput(REQUESTS * ROUNDS, 10, async () => {
      const { id } = await createOrder(clerk, sampleContent())
      const { links } = await submitOrder(clerk, id, {
        approvers: [],
        sequential: false,
        signer: { userId: director.id },
      })
      await signByLink(asDirector, links[0]!.url.split('/links/')[1]!, {})
      ids.push(id)
    })

    // the baseline runs in the same app, behind the same middleware (body limit, bearer token)
    const hono = createApp(deps)
    hono.post('/bench/bare', async (c) => {
      // a bare endpoint still reads what it inserts, as the registration reads its body
      const body = await c.req.json()
      await database.db.insert(benchRows).values({ payload: JSON.stringify(body) })
      return c.json({ ok: true }, 201)
    })
    const app = await listen(hono.fetch)
    const auth = { authorization: `Bearer ${token}` }
    const post = async (u: string, headers: Record<string, string> = {}) => {
      const res = await fetch(u, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{}',
      })
      if (!res.ok) throw new Error(`${u}: ${res.status} ${await res.text()}`)
      await res.arrayBuffer()
    }
    // warm both paths, then measure the baseline and the registrations in the same run
    await throughput(100, CLIENTS, () => post(`${app.url}/bench/bare`, auth))
    // interleaved rounds, medians: a noisy moment on this shared machine hits both alike
    const baselines: number[] = []
    const values: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      baselines.push(await throughput(REQUESTS, CLIENTS, () => post(`${app.url}/bench/bare`, auth)))
      values.push(
        await throughput(REQUESTS, CLIENTS, (i) =>
          post(`${app.url}/api/orders/${ids[round * REQUESTS + i]}/register`, auth),
        ),
      )
    }
    const baseline = median(baselines)
    const value = median(values)
    app.close()
    const ratio = value / baseline
    return {
      name: 'registration throughput, 50 clients, PostgreSQL',
      value,
      baseline,
      ratio,
      goal: '>= 0.5 of a bare one-row insert endpoint',
      meets: ratio >= 0.5,
      unit: 'req/s',
    }
  } finally {
    await database.close()
    await drop()
  }
}
