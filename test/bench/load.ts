/**
 * Load: LOAD_CLIENTS (50) people for LOAD_SECONDS (60) mixing reads, drafts, link decisions, signatures,
 * registrations and control reports (test/support/load-client.ts) against two service processes on one
 * PostgreSQL, then against one; throughput, p50/p95/p99 per route kind, every error with its status and body,
 * the ratio two processes ÷ one, and the integrity checks after each run. LOAD_ROUNDS (1) rounds of each,
 * alternating; the ratio is of the medians. Run by `npm run bench`, or alone:
 * `node --import tsx test/bench/load.ts` (LOAD_SECONDS=10 LOAD_CLIENTS=10 for a short smoke).
 */
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { freshPostgresDatabase } from '../support/databases'
import { checkIntegrity, figures, formatFigures, LOAD_ADMIN_ENV, runLoad, setUpLoad } from '../support/load-client'
import { startServer, type RunningServer } from '../support/server'
import { median, type BenchResult } from './measure'

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')

const oneRun = async (pgUrl: string, processes: number, clients: number, seconds: number) => {
  const { url, drop } = await freshPostgresDatabase(pgUrl)
  const servers: RunningServer[] = []
  try {
    for (let i = 0; i < processes; i++) servers.push(await startServer({ ...LOAD_ADMIN_ENV, DATABASE_URL: url }))
    const setup = await setUpLoad(
      servers.map((s) => s.url),
      Number(process.env.LOAD_ORGANIZATIONS ?? 5),
    )
    const before = load()
    const result = await runLoad(setup, { clients, seconds })
    const after = load()
    console.log(formatFigures(`load, ${processes} process(es)`, result))
    for (const e of result.errors)
      console.log(`  error: ${e.kind} ${e.method} ${e.path} (${e.url}) → ${e.status} ${e.body}`)
    console.log(`  load average before ${before}, after ${after}`)
    const integrity = await checkIntegrity(setup, result)
    console.log(
      `  integrity: ${integrity.problems.length ? `${integrity.problems.length} PROBLEMS` : 'holds'} — journals ${integrity.journals.map((j) => j.numbers).join('+')} numbers gap-free, ${integrity.auditChains} audit chains, ${integrity.verifiedFiles} signed files verified`,
    )
    for (const p of integrity.problems) console.log(`  problem: ${p}`)
    const all = figures(result).all
    return { perSecond: all.perSecond, errors: result.errors.length, problems: integrity.problems.length }
  } finally {
    await Promise.all(servers.map((s) => s.stop()))
    await drop()
  }
}

export const loadBench = async (pgUrl: string): Promise<BenchResult[]> => {
  const clients = Number(process.env.LOAD_CLIENTS ?? 50)
  const seconds = Number(process.env.LOAD_SECONDS ?? 60)
  const rounds = Number(process.env.LOAD_ROUNDS ?? 1)
  const two: number[] = []
  const one: number[] = []
  let errors = 0
  let problems = 0
  for (let r = 0; r < rounds; r++) {
    for (const [processes, into] of [
      [2, two],
      [1, one],
    ] as const) {
      const run = await oneRun(pgUrl, processes, clients, seconds)
      into.push(run.perSecond)
      errors += run.errors
      problems += run.problems
    }
  }
  const [a, b] = [median(two), median(one)]
  console.log(
    `load: two processes ${a.toFixed(1)} requests/s, one ${b.toFixed(1)} requests/s, ratio ${(a / b).toFixed(2)}; ${errors} errors, ${problems} integrity problems; load average ${load()}`,
  )
  return [
    {
      name: `load: ${clients} clients, two processes vs one on one PostgreSQL (requests/s)`,
      value: a,
      baseline: b,
      ratio: a / b,
      goal: '≥ 1 with 0 errors and 0 integrity problems',
      meets: a / b >= 1 && errors === 0 && problems === 0,
      unit: 'requests/s',
    },
  ]
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const pgUrl =
    process.env.TEST_DATABASE_URL ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const results = await loadBench(pgUrl)
  for (const r of results)
    console.log(`${r.meets ? 'MEETS' : 'MISSES'} ${r.name}: ratio ${r.ratio.toFixed(2)} (goal ${r.goal})`)
  process.exit(0)
}
