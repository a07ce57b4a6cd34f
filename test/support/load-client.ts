/**
 * A load of many people on running service processes, over HTTP only, and the integrity checks after it.
 * Used by the load benchmark (test/bench/load.ts), its small e2e twin (test/e2e/load.test.ts), and the fault
 * tests, which kill processes under this load and then run the same checks.
 *
 * Each virtual client is a clerk of one of the organizations (several clients share one, so registrations race
 * for one journal) walking orders through their lives: reads (the list, an order, its PDF), drafts (create,
 * update), link decisions (submit, approve by link), the director's signature by link, registration, and the
 * controller's execution reports (report, accept) on the registered orders' control items. Requests go to the
 * given service URLs in turn, so one order is handled by every process.
 */
import { sampleContent, tokenOf } from './harness'

/** The installation admin every process is started with (`startServer({...LOAD_ADMIN_ENV, DATABASE_URL})`). */
export const LOAD_ADMIN_ENV = { ADMIN_EMAIL: 'load-admin@load.test', ADMIN_PASSWORD: 'load-admin-password-1' }
const PASSWORD = 'load-password-1'
const JOURNAL_SUFFIX = '-ОД'

export type RouteKind =
  | 'list'
  | 'order'
  | 'pdf'
  | 'create'
  | 'update'
  | 'submit'
  | 'approve'
  | 'sign'
  | 'register'
  | 'control-list'
  | 'report'
  | 'accept'

/** The issue's groups of route kinds, for the summary. */
export const KIND_GROUPS: Record<string, RouteKind[]> = {
  reads: ['list', 'order', 'pdf', 'control-list'],
  drafts: ['create', 'update'],
  'link decisions': ['submit', 'approve'],
  signatures: ['sign'],
  registrations: ['register'],
  'control reports': ['report', 'accept'],
}

export type LoadError = {
  kind: RouteKind
  method: string
  path: string
  /** 0: no answer (the connection failed, or no answer within the time limit) */
  status: number
  body: string
  url: string
  retryAfter: string | null
  /** when it was answered, ms from the start of the run */
  at: number
}

/** `deputy` gives the visas and `director` signs: accounts named on routes by id, deciding with their tokens */
export type LoadPerson = { userId: string; token: string }
export type LoadOrg = {
  id: string
  clerk: string
  controller: string
  admin: string
  deputy: LoadPerson
  director: LoadPerson
}
export type LoadSetup = { urls: string[]; adminToken: string; orgs: LoadOrg[] }

type Answer = { status: number; body: any; text: string; headers: Headers; ms: number }

export type LoadCallOptions = {
  /** a request not answered in this long is aborted and counted as an error (status 0): never a hang */
  timeoutMs?: number
  /** retry a 503 that carries Retry-After (the rendering queue full), as a well-behaved client does */
  retryBusy?: boolean
  /**
   * after the time is up, each client walks the orders it has started to the end (submit, approve, sign,
   * register, report, accept) before it stops: every kind of step runs however slow the machine is
   */
  drain?: boolean
}

const call = async (
  base: string,
  method: string,
  path: string,
  { token, body, raw, timeoutMs = 120_000 }: { token?: string; body?: unknown; raw?: Uint8Array; timeoutMs?: number },
): Promise<Answer> => {
  const started = performance.now()
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(raw ? { 'content-type': 'application/pdf' } : {}),
    },
    body: raw ? Buffer.from(raw) : body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  })
  const type = res.headers.get('content-type') ?? ''
  const bytes = new Uint8Array(await res.arrayBuffer())
  const text = type.includes('json') || type.startsWith('text/') ? new TextDecoder().decode(bytes) : ''
  let json: any
  try {
    json = text && type.includes('json') ? JSON.parse(text) : bytes
  } catch {
    json = undefined
  }
  return { status: res.status, body: json, text, headers: res.headers, ms: performance.now() - started }
}

const expectOk = (a: Answer, what: string, status = 200) => {
  if (a.status !== status) throw new Error(`${what}: ${a.status} ${a.text.slice(0, 500)}`)
  return a.body
}

const signIn = async (base: string, email: string, password: string) =>
  expectOk(await call(base, 'POST', '/api/auth/token', { body: { email, password } }), `sign-in ${email}`)
    .token as string

/**
 * Organizations, each with a clerk, a controller, an admin and a «{n}-ОД» journal, created over HTTP by the
 * installation admin of LOAD_ADMIN_ENV on an empty database.
 */
export const setUpLoad = async (urls: string[], organizations = 3): Promise<LoadSetup> => {
  const base = urls[0]!
  const adminToken = await signIn(base, LOAD_ADMIN_ENV.ADMIN_EMAIL, LOAD_ADMIN_ENV.ADMIN_PASSWORD)
  const orgs: LoadOrg[] = []
  for (let i = 0; i < organizations; i++) {
    const org = expectOk(
      await call(base, 'POST', '/api/organizations', {
        token: adminToken,
        body: { name: [`МБОУ «СШ № ${i + 1}»`], place: 'Смоленск' },
      }),
      'organization',
      201,
    )
    const tokens: Record<string, string> = {}
    for (const role of ['clerk', 'controller', 'admin'] as const) {
      const email = `${role}${i}@load.test`
      expectOk(
        await call(base, 'POST', '/api/users', {
          token: adminToken,
          body: { email, password: PASSWORD, name: `${role} ${i}`, role, organizationId: org.id },
        }),
        `user ${email}`,
        201,
      )
      // every process must accept the token: sign in through the last one
      tokens[role] = await signIn(urls.at(-1)!, email, PASSWORD)
    }
    expectOk(
      await call(base, 'POST', '/api/journals', {
        token: adminToken,
        body: {
          name: 'Приказы',
          kind: 'prikaz',
          pattern: `{n}${JOURNAL_SUFFIX}`,
          reset: 'never',
          organizationId: org.id,
        },
      }),
      'journal',
      201,
    )
    const person = async (role: 'approver' | 'director', name: string): Promise<LoadPerson> => {
      const email = `${role}${i}@load.test`
      const made = expectOk(
        await call(base, 'POST', '/api/users', {
          token: adminToken,
          body: { email, password: PASSWORD, name, position: 'Директор', role, organizationId: org.id },
        }),
        `user ${email}`,
        201,
      )
      return { userId: made.id, token: await signIn(urls.at(-1)!, email, PASSWORD) }
    }
    orgs.push({
      id: org.id,
      clerk: tokens.clerk!,
      controller: tokens.controller!,
      admin: tokens.admin!,
      deputy: await person('approver', `Заместитель ${i}`),
      director: await person('director', `Директор ${i}`),
    })
  }
  return { urls, adminToken, orgs }
}

export type LoadResult = {
  seconds: number
  clients: number
  processes: number
  /** latencies (ms) of answered requests by route kind */
  latencies: Record<string, number[]>
  errors: LoadError[]
  /** 503 with Retry-After (rendering queue full), retried after the wait; not errors */
  busyRetries: number
  /** what the clients saw succeed: every order created, and each registration's number */
  created: Map<string, string> // order id → organization id
  registered: Map<string, string> // order id → number
  signed: Set<string>
}

type Order = { id: string; approve?: string; sign?: string }

/** The percentile `p` (0..100) of `xs`, nearest rank. */
export const percentile = (xs: number[], p: number) => {
  if (!xs.length) return Number.NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!
}

/**
 * Runs `clients` virtual people for `seconds` against `setup.urls`; an answer other than the one the step
 * expects is an error (kept with status and body), and the client goes on with its next step.
 */
export const runLoad = async (
  setup: LoadSetup,
  {
    clients,
    seconds,
    timeoutMs = 120_000,
    retryBusy = true,
    drain = false,
  }: { clients: number; seconds: number } & LoadCallOptions,
): Promise<LoadResult> => {
  const result: LoadResult = {
    seconds: 0,
    clients,
    processes: setup.urls.length,
    latencies: {},
    errors: [],
    busyRetries: 0,
    created: new Map(),
    registered: new Map(),
    signed: new Set(),
  }
  let turn = 0
  const nextUrl = () => setup.urls[turn++ % setup.urls.length]!
  const deadline = performance.now() + seconds * 1000
  const begun = performance.now()
  const since = () => Math.round(performance.now() - begun)

  /** One request of a step: timed by kind, retried while the service says busy with Retry-After. */
  const step = async (
    kind: RouteKind,
    method: string,
    path: string,
    opts: { token?: string; body?: unknown },
    expected = 200,
  ): Promise<Answer | undefined> => {
    for (let attempt = 1; ; attempt++) {
      const url = nextUrl()
      let a: Answer
      try {
        a = await call(url, method, path, { ...opts, timeoutMs })
      } catch (e) {
        const body = String((e as Error).message ?? e)
        result.errors.push({ kind, method, path, status: 0, body, url, retryAfter: null, at: since() })
        return undefined
      }
      const retryAfter = a.headers.get('retry-after')
      if (retryBusy && a.status === 503 && retryAfter && attempt < 20) {
        result.busyRetries++
        await new Promise((r) => setTimeout(r, Math.min(5, Number(retryAfter) || 1) * 1000))
        continue
      }
      if (a.status !== expected) {
        const body = a.text.slice(0, 1000)
        result.errors.push({ kind, method, path, status: a.status, body, url, retryAfter, at: since() })
        return undefined
      }
      ;(result.latencies[kind] ??= []).push(a.ms)
      return a
    }
  }

  const client = async (index: number) => {
    const org = setup.orgs[index % setup.orgs.length]!
    const clerk = { token: org.clerk }
    const controller = { token: org.controller }
    const mine: string[] = []
    const drafts: string[] = []
    const inApproval: Order[] = []
    const toSign: Order[] = []
    const signed: string[] = []
    const registered: string[] = []
    const items: { id: string; reported: boolean }[] = []
    let n = 0
    let submitted = 0
    const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!
    const take = <T>(xs: T[]) => xs.splice(Math.floor(Math.random() * xs.length), 1)[0]!

    // `walk`: a step that takes an order on towards its end, the ones a drain still runs
    const ops: { weight: number; walk?: true; can: () => boolean; run: () => Promise<unknown> }[] = [
      {
        weight: 2,
        can: () => true,
        run: () => step('list', 'GET', '/api/orders?limit=20', clerk),
      },
      { weight: 2, can: () => mine.length > 0, run: () => step('order', 'GET', `/api/orders/${pick(mine)}`, clerk) },
      {
        weight: 1,
        can: () => mine.length > 0,
        run: () => step('pdf', 'GET', `/api/orders/${pick(mine)}/document.pdf`, clerk),
      },
      {
        weight: 2,
        can: () => drafts.length < 2,
        run: async () => {
          const title = `О мерах по исполнению плана № ${index}-${++n} («дорожной карты»)`
          const a = await step('create', 'POST', '/api/orders', { ...clerk, body: sampleContent({ title }) }, 201)
          if (!a) return
          mine.push(a.body.id)
          drafts.push(a.body.id)
          result.created.set(a.body.id, org.id)
        },
      },
      {
        weight: 1,
        can: () => drafts.length > 0,
        run: () =>
          step('update', 'PUT', `/api/orders/${pick(drafts)}`, {
            ...clerk,
            body: sampleContent({ title: `Об изменении плана № ${index}-${++n}` }),
          }),
      },
      {
        weight: 2,
        walk: true,
        can: () => drafts.length > 0,
        run: async () => {
          const id = take(drafts)
          // every other order goes to the director straight, without a deputy's visa
          const approvers = ++submitted % 2 ? [{ userId: org.deputy.userId }] : []
          const body = { approvers, sequential: false, signer: { userId: org.director.userId } }
          const a = await step('submit', 'POST', `/api/orders/${id}/submit`, { ...clerk, body })
          if (!a) return
          const links = a.body.links as { role: string; url: string }[]
          const approver = links.find((l) => l.role === 'approver')
          const order = { id, sign: tokenOf(links.find((l) => l.role === 'signer')!.url) }
          if (approver) inApproval.push({ ...order, approve: tokenOf(approver.url) })
          else toSign.push(order)
        },
      },
      {
        weight: 3,
        walk: true,
        can: () => inApproval.length > 0,
        run: async () => {
          const o = take(inApproval)
          const as = { token: org.deputy.token, body: {} }
          if (await step('approve', 'POST', `/api/links/${o.approve}/approve`, as)) toSign.push(o)
        },
      },
      {
        weight: 3,
        walk: true,
        can: () => toSign.length > 0,
        run: async () => {
          const o = take(toSign)
          if (!(await step('sign', 'POST', `/api/links/${o.sign}/sign`, { token: org.director.token, body: {} })))
            return
          signed.push(o.id)
          result.signed.add(o.id)
        },
      },
      {
        weight: 3,
        walk: true,
        can: () => signed.length > 0,
        run: async () => {
          const id = take(signed)
          const a = await step('register', 'POST', `/api/orders/${id}/register`, { ...clerk, body: {} })
          if (!a) return
          result.registered.set(id, a.body.number)
          registered.push(id)
        },
      },
      {
        weight: 3,
        walk: true,
        can: () => registered.length > 0,
        run: async () => {
          const a = await step('control-list', 'GET', `/api/control?orderId=${take(registered)}`, controller)
          for (const item of a?.body.items ?? []) items.push({ id: item.id, reported: false })
        },
      },
      {
        weight: 3,
        walk: true,
        can: () => items.length > 0,
        run: async () => {
          const item = pick(items)
          if (!item.reported) {
            const body = { text: `Исполнено: план выполнен, клиент ${index}` }
            if (await step('report', 'POST', `/api/control/${item.id}/report`, { ...controller, body }))
              item.reported = true
          } else {
            items.splice(items.indexOf(item), 1)
            await step('accept', 'POST', `/api/control/${item.id}/accept`, controller)
          }
        },
      },
    ]

    for (;;) {
      const draining = performance.now() >= deadline
      if (draining && !drain) break
      const open = ops.filter((o) => o.can() && (!draining || o.walk))
      if (!open.length) break
      let r = Math.random() * open.reduce((s, o) => s + o.weight, 0)
      const op = open.find((o) => (r -= o.weight) < 0) ?? open[0]!
      await op.run()
    }
  }

  const started = performance.now()
  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)))
  result.seconds = (performance.now() - started) / 1000
  return result
}

export type KindFigures = { kind: string; count: number; perSecond: number; p50: number; p95: number; p99: number }

/** Throughput and p50/p95/p99 per route kind and per group of kinds, and overall. */
export const figures = (r: LoadResult) => {
  const row = (kind: string, xs: number[]): KindFigures => ({
    kind,
    count: xs.length,
    perSecond: xs.length / r.seconds,
    p50: percentile(xs, 50),
    p95: percentile(xs, 95),
    p99: percentile(xs, 99),
  })
  const kinds = Object.entries(r.latencies).map(([k, xs]) => row(k, xs))
  const groups = Object.entries(KIND_GROUPS).map(([g, ks]) =>
    row(
      g,
      ks.flatMap((k) => r.latencies[k] ?? []),
    ),
  )
  const all = row('all', Object.values(r.latencies).flat())
  return { kinds, groups, all }
}

export const formatFigures = (title: string, r: LoadResult) => {
  const f = figures(r)
  const line = (x: KindFigures) =>
    `  ${x.kind.padEnd(16)} ${String(x.count).padStart(6)} ${x.perSecond.toFixed(1).padStart(7)}/s  p50 ${x.p50.toFixed(0).padStart(6)} ms  p95 ${x.p95.toFixed(0).padStart(6)} ms  p99 ${x.p99.toFixed(0).padStart(6)} ms`
  return [
    `${title}: ${r.clients} clients, ${r.processes} process(es), ${r.seconds.toFixed(1)} s, ${f.all.perSecond.toFixed(1)} requests/s, ${r.errors.length} errors, ${r.busyRetries} busy retries`,
    ...f.kinds.map(line),
    '  by group:',
    ...f.groups.map(line),
    line(f.all),
    ...r.errors.slice(0, 20).map((e) => `  ERROR ${e.kind} ${e.method} ${e.path} → ${e.status} ${e.body}`),
  ].join('\n')
}

export type Integrity = {
  problems: string[]
  journals: { organizationId: string; numbers: number }[]
  auditChains: number
  verifiedFiles: number
}

const pagesOf = async (base: string, token: string, path: string) => {
  const items: any[] = []
  let cursor: string | null = null
  do {
    const a = await call(base, 'GET', `${path}${cursor ? `&cursor=${cursor}` : ''}`, { token })
    const body = expectOk(a, `GET ${path}`)
    items.push(...body.items)
    cursor = body.nextCursor
  } while (cursor)
  return items
}

/** Runs `task` over `xs` with `width` at once. */
const inParallel = async <T>(xs: T[], width: number, task: (x: T) => Promise<void>) => {
  let next = 0
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < xs.length) await task(xs[next++]!)
    }),
  )
}

/**
 * After a load (and whatever faults): every order a client saw created is there; every journal's numbers are
 * 1..N, each once, and each registration a client saw answered keeps its number; every audit chain verifies
 * (GET /api/audit/verify) and every order has one; every signed or registered order's file verifies
 * (POST /api/verify: every signature valid and trusted, the file ours). Empty `problems` when all holds.
 */
export const checkIntegrity = async (
  setup: LoadSetup,
  seen?: LoadResult,
  options: string | { base?: string; sealWaitMs?: number } = {},
) => {
  // a string is the base URL (the first form of this function, kept for its callers)
  const { base = setup.urls[0]!, sealWaitMs = 90_000 } = typeof options === 'string' ? { base: options } : options
  const problems: string[] = []
  const journals: Integrity['journals'] = []
  const all: { id: string; status: string; number: string | null; org: string }[] = []
  for (const org of setup.orgs) {
    const orders = await pagesOf(base, org.clerk, '/api/orders?limit=200')
    all.push(...orders.map((o) => ({ id: o.id, status: o.status, number: o.number, org: org.id })))
    const numbers = orders
      .filter((o) => o.number !== null)
      .map((o) => Number(String(o.number).replace(JOURNAL_SUFFIX, '')))
      .sort((a, b) => a - b)
    const expected = numbers.map((_, i) => i + 1)
    if (numbers.join() !== expected.join())
      problems.push(`journal of ${org.id}: numbers ${numbers.join(',')} are not 1..${numbers.length} each once`)
    journals.push({ organizationId: org.id, numbers: numbers.length })
  }
  const byId = new Map(all.map((o) => [o.id, o]))
  for (const [id, org] of seen?.created ?? []) {
    const o = byId.get(id)
    if (!o) problems.push(`order ${id} was created (201) but is gone`)
    else if (o.org !== org) problems.push(`order ${id} moved organization`)
  }
  for (const [id, number] of seen?.registered ?? []) {
    const o = byId.get(id)
    if (o?.number !== number) problems.push(`order ${id} was answered ${number} but has ${o?.number}`)
  }
  for (const id of seen?.signed ?? []) {
    const o = byId.get(id)
    if (!o || !['signed', 'registered', 'closed'].includes(o.status))
      problems.push(`order ${id} was signed but is ${o?.status}`)
  }

  const audit = expectOk(await call(base, 'GET', '/api/audit/verify', { token: setup.adminToken }), 'audit')
  for (const c of audit.chains.filter((c: { ok: boolean }) => !c.ok))
    problems.push(`audit chain ${c.scope} ${c.orderId ?? c.organizationId} breaks at ${JSON.stringify(c.brokenAt)}`)
  const chained = new Set(audit.chains.map((c: { orderId?: string }) => c.orderId).filter(Boolean))
  for (const o of all) if (!chained.has(o.id)) problems.push(`order ${o.id} has no audit chain`)
  if (!audit.ok && !problems.length) problems.push('audit verification is not ok')

  const withFile = all.filter((o) => ['signed', 'registered', 'closed'].includes(o.status))
  const tokenOfOrg = new Map(setup.orgs.map((o) => [o.id, o.clerk]))
  let verified = 0
  await inParallel(withFile, 4, async (o) => {
    const file = o.status === 'signed' ? 'signed.pdf' : 'registered.pdf'
    const get = () => call(base, 'GET', `/api/orders/${o.id}/${file}`, { token: tokenOfOrg.get(o.org) })
    let got = await get()
    // a registration whose seal failed (a fault) is sealed by the service's sweeper, within a minute
    for (const until = Date.now() + sealWaitMs; got.status === 409 && Date.now() < until; got = await get())
      await new Promise((r) => setTimeout(r, 2000))
    if (got.status !== 200) {
      problems.push(`order ${o.id} (${o.status}): ${file} answers ${got.status} ${got.text.slice(0, 300)}`)
      return
    }
    const report = (await call(base, 'POST', '/api/verify', { raw: got.body as Uint8Array })).body
    const ok =
      report?.allValid === true &&
      report.signatures.length > 0 &&
      report.signatures.every((s: { trusted: boolean }) => s.trusted) &&
      report.ours?.orderId === o.id
    if (!ok) problems.push(`order ${o.id}: ${file} does not verify: ${JSON.stringify(report).slice(0, 500)}`)
    else verified++
  })
  return { problems, journals, auditChains: audit.chains.length, verifiedFiles: verified } satisfies Integrity
}
