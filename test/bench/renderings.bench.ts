import { keyProtector } from '../../src/documents/signing/key-protection'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { builtInTemplate } from '../../src/documents/builtin-templates'
import { renderDocx } from '../../src/documents/docx'
import { buildOrderView } from '../../src/documents/order-view'
import { renderPdf } from '../../src/documents/pdf'
import { openDatabase } from '../../src/db/client'
import { migrateDatabase } from '../../src/db/migrate'
import type { OrderContent } from '../../src/domain/content'
import { createRenderPool } from '../../src/documents/render-pool'
import { systemClock, type ServiceContext } from '../../src/services/context'
import { createJournal } from '../../src/services/journals'
import { createOrganization, createUser } from '../../src/services/users'
import { freshPostgresDatabase } from '../support/databases'
import { sampleContent } from '../support/harness'
import { type RunningServer, startServer } from '../support/server'
import { median, type BenchResult } from './measure'

/** The 001 sample: a roadmap whose appendix table runs over several pages. */
export const sample001 = JSON.parse(
  readFileSync(join(import.meta.dirname, '../fixtures/order-226-1.json'), 'utf8'),
) as OrderContent

/** An order of eight pages (today's layout): a four-column plan of 120 rows. */
const eightPages = sampleContent({
  appendices: [
    {
      title: 'План мероприятий',
      table: {
        columns: [
          { title: '№', role: 'number' },
          { title: 'Мероприятие', role: 'activity' },
          { title: 'Срок', role: 'deadline' },
          { title: 'Ответственный', role: 'executor' },
        ],
        rows: Array.from({ length: 120 }, (_, i) => ({
          cells: [
            `${i + 1}`,
            `Проведение методического семинара для педагогов по теме № ${i + 1}`,
            'до 30.06.2027',
            'Романова И.Е.',
          ],
        })),
      },
    },
  ],
})

export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!
}

export type Service = {
  server: RunningServer
  auth: { authorization: string }
  /** accounts a route may name, each with the password `bench-password` */
  people: { approvers: { userId: string; email: string }[]; director: { userId: string; email: string } }
  get: (path: string) => Promise<Response>
  post: (path: string, body: unknown) => Promise<any>
  close: () => Promise<void>
}

/**
 * The real service (the build `npm start` runs) in a process of its own, with a clerk signed in: on a fresh
 * PostgreSQL database under `baseUrl`, or, given `'embedded'`, on the embedded default in a data directory of
 * its own (PGlite, files in DATA_DIR/files), as a newcomer runs it.
 */
export const startService = async (baseUrl: string | 'embedded'): Promise<Service> => {
  const target =
    baseUrl === 'embedded'
      ? (() => {
          const dataDir = mkdtempSync(join(tmpdir(), 'bench-data-'))
          return {
            options: { dataDir },
            env: { DATA_DIR: dataDir },
            drop: async () => rmSync(dataDir, { recursive: true, force: true }),
          }
        })()
      : await freshPostgresDatabase(baseUrl).then(({ url, drop }) => ({
          options: { url },
          env: { DATABASE_URL: url },
          drop,
        }))
  const { drop } = target
  const database = await openDatabase(target.options)
  await migrateDatabase(database)
  const admin: ServiceContext = {
    db: database.db,
    clock: systemClock,
    linkTtlDays: 7,
    publicUrl: 'http://bench',
    renderer: createRenderPool({ threads: 1 }), // never started: nothing is rendered here
    keys: keyProtector('bench'),
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
  // the people a route names (accounts, by id): nine approvers and the director who signs
  const person = async (n: number, role: 'approver' | 'director') => {
    const email = `${role}${n}@bench.test`
    const made = await createUser(admin, {
      email,
      name: role === 'director' ? 'Петров Сергей Николаевич' : `Согласующий ${n} Бенчмарков`,
      position: role === 'director' ? 'Директор' : `Заместитель ${n}`,
      role,
      password: 'bench-password',
      organizationId: org.id,
    })
    return { userId: made.id as string, email }
  }
  const people = {
    approvers: await Promise.all([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => person(n, 'approver'))),
    director: await person(0, 'director'),
  }
  await createJournal(admin, {
    name: 'Приказы',
    kind: 'prikaz',
    pattern: '{n}-ОД',
    reset: 'yearly',
    organizationId: org.id,
  })
  await database.close()
  const server = await startServer({ ...target.env, LOG_LEVEL: 'silent' })
  const signIn = await fetch(`${server.url}/api/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'clerk@bench.test', password: 'bench-password' }),
  })
  const auth = { authorization: `Bearer ${(await signIn.json()).token}` }
  return {
    server,
    auth,
    people,
    get: (path) => fetch(server.url + path, { headers: auth }),
    post: async (path, body) => {
      const res = await fetch(server.url + path, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
      return res.json()
    },
    close: async () => {
      await server.stop()
      await drop()
    },
  }
}

export const timed = async (f: () => Promise<Response>) => {
  const t = performance.now()
  const res = await f()
  if (!res.ok) throw new Error(`${res.url}: ${res.status} ${await res.text()}`)
  await res.arrayBuffer()
  return performance.now() - t
}

/** The first GET of an order's PDF renders and stores it; a repeated GET of the unchanged order reads it back. */
export const repeatedGetVersusFirst = async (baseUrl: string): Promise<BenchResult> => {
  const service = await startService(baseUrl)
  try {
    const ids: string[] = []
    for (let i = 0; i < 12; i++) ids.push((await service.post('/api/orders', sample001)).id)
    const first: number[] = []
    const repeated: number[] = []
    for (const id of ids) first.push(await timed(() => service.get(`/api/orders/${id}/document.pdf`)))
    for (let round = 0; round < 3; round++)
      for (const id of ids) repeated.push(await timed(() => service.get(`/api/orders/${id}/document.pdf`)))
    const value = median(repeated)
    const baseline = median(first)
    return {
      name: 'repeated GET of an unchanged order’s PDF (001 sample) vs its first GET, which renders (over HTTP, medians)',
      value,
      baseline,
      ratio: value / baseline,
      goal: '<= 0.1',
      meets: value / baseline <= 0.1,
      unit: 'ms',
    }
  } finally {
    await service.close()
  }
}

/** GET /api/health latencies, one after another with a short pause, until `done` says stop. */
export const probeHealth = async (service: Service, done: () => boolean) => {
  const times: number[] = []
  while (!done()) {
    times.push(await timed(() => service.get('/api/health')))
    await new Promise((r) => setTimeout(r, 5))
  }
  return times
}

/**
 * Health p99 while 4 clients load the service without pause, against its p99 on the idle service. Idle and
 * loaded phases alternate, so that both meet the same moments of the shared machine; `round()` gives each
 * round's client (called with the client's number), `what` names the load in the result.
 */
export const healthUnderLoad = async (
  service: Service,
  rounds: number,
  what: () => string,
  round: () => (client: number) => Promise<unknown>,
): Promise<BenchResult> => {
  const idle: number[] = []
  const loaded: number[] = []
  for (let r = 0; r < rounds; r++) {
    let count = 0
    idle.push(...(await probeHealth(service, () => ++count > 200)))
    const client = round()
    let loading = true
    const clients = Promise.all(Array.from({ length: 4 }, (_, c) => client(c))).finally(() => {
      loading = false
    })
    loaded.push(...(await probeHealth(service, () => !loading)))
    await clients
  }
  const baseline = percentile(idle, 99)
  const value = percentile(loaded, 99)
  return {
    name: `GET /api/health p99 while 4 clients ${what()} (${loaded.length} probes) vs idle (${idle.length} probes)`,
    value,
    baseline,
    ratio: value / baseline,
    goal: '<= 3',
    meets: value / baseline <= 3,
    unit: 'ms',
  }
}

/**
 * Health p99 while 4 clients render 8-page orders without pause, against its p99 on the idle service.
 * Idle and loaded phases alternate, so that both meet the same moments of the shared machine.
 */
export const healthUnderRendering = async (baseUrl: string, rounds = 3): Promise<BenchResult> => {
  const service = await startService(baseUrl)
  try {
    const ids: string[] = []
    for (let i = 0; i < rounds * 32 + 1; i++) ids.push((await service.post('/api/orders', eightPages)).id)
    await service.get(`/api/orders/${ids.pop()}/document.pdf`)
    return await healthUnderLoad(
      service,
      rounds,
      () => 'render 8-page orders',
      () => {
        const orders = ids.splice(0, 32)
        return async () => {
          for (let id = orders.pop(); id; id = orders.pop())
            await timed(() => service.get(`/api/orders/${id}/document.pdf`))
        }
      },
    )
  } finally {
    await service.close()
  }
}

/** Our PDF of the 001 sample against LibreOffice converting our own DOCX of it (medians of repeated runs). */
export const samplePdfVersusLibreOffice = async (): Promise<BenchResult> => {
  const view = buildOrderView(sample001, {
    draft: false,
    number: '226/1-г',
    date: '2024-09-05',
    organization: { name: ['—'] },
  })
  const dir = mkdtempSync(join(tmpdir(), 'bench-lo-'))
  const docx = join(dir, 'order.docx')
  writeFileSync(docx, renderDocx(builtInTemplate('prikaz'), view))
  const soffice = () =>
    execFileSync(
      'soffice',
      ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, docx],
      { stdio: 'ignore', timeout: 180_000 },
    )
  soffice() // the first start creates the profile and fills the file cache
  const createdAt = new Date('2024-09-05T09:00:00Z')
  for (let i = 0; i < 3; i++) await renderPdf(view, { createdAt })
  // rounds interleaved (one conversion, then four renderings), so that both meet the same moments of the
  // shared machine: medians of 7 conversions against 28 renderings
  const baselines: number[] = []
  const values: number[] = []
  for (let round = 0; round < 7; round++) {
    baselines.push(await timeOf(soffice))
    for (let i = 0; i < 4; i++) values.push(await timeOf(() => renderPdf(view, { createdAt })))
  }
  const baseline = median(baselines)
  const value = median(values)
  return {
    name: 'PDF of the 001 sample (a roadmap over several pages): times faster than soffice --convert-to pdf of our DOCX',
    value,
    baseline,
    ratio: baseline / value,
    goal: '>= 25',
    meets: baseline / value >= 25,
    unit: 'ms',
  }
}

const timeOf = async (f: () => unknown) => {
  const t = performance.now()
  await f()
  return performance.now() - t
}
