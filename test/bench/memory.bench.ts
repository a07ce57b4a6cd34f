import { freshPostgresDatabase } from '../support/databases'
import { LOAD_ADMIN_ENV, runLoad, setUpLoad } from '../support/load-client'
import { startServer } from '../support/server'
import { median, type BenchResult } from './measure'

type Sample = { at: number; rssMb: number; heapUsedMb: number }

/** The process's own lines (`src/jobs/process-metrics.ts`) out of its log, with the second each came at. */
const samplesOf = (output: string, started: number): Sample[] =>
  output
    .split('\n')
    .filter((line) => line.includes('"msg":"process"'))
    .map((line) => JSON.parse(line) as { time: string; rssMb: number; heapUsedMb: number })
    .map((m) => ({ at: (Date.parse(m.time) - started) / 1000, rssMb: m.rssMb, heapUsedMb: m.heapUsedMb }))

/**
 * One service process on PostgreSQL serving the load mix (test/support/load-client.ts) for MEMORY_SECONDS
 * (600): its V8 heap in the last minute against the second minute (after the first has warmed every path),
 * and its largest RSS. Goals: a flat heap (≤ 1.1) and RSS ≤ 400 MB.
 */
export const memoryUnderLoad = async (pgUrl: string): Promise<BenchResult[]> => {
  const seconds = Number(process.env.MEMORY_SECONDS ?? 600)
  const clients = Number(process.env.LOAD_CLIENTS ?? 50)
  const { url, drop } = await freshPostgresDatabase(pgUrl)
  const server = await startServer({ ...LOAD_ADMIN_ENV, DATABASE_URL: url, METRICS_INTERVAL_S: '5' })
  try {
    const setup = await setUpLoad([server.url], 5)
    const started = Date.now()
    await runLoad(setup, { clients, seconds })
    const samples = samplesOf(server.output(), started)
    const minute = Math.max(1, Math.min(60, Math.floor(seconds / 5)))
    const inWindow = (from: number, to: number) =>
      samples.filter((s) => s.at >= from && s.at < to).map((s) => s.heapUsedMb)
    const second = median(inWindow(minute, 2 * minute))
    const last = median(inWindow(seconds - minute, seconds))
    const rss = Math.max(...samples.map((s) => s.rssMb))
    console.log(
      `memory under the load mix (${clients} clients, ${seconds} s, ${samples.length} samples): heap ${second.toFixed(1)} → ${last.toFixed(1)} MB, RSS at most ${rss.toFixed(0)} MB`,
    )
    return [
      {
        name: `V8 heap of one process under the load mix, last ${minute} s vs the second ${minute} s (medians)`,
        value: last,
        baseline: second,
        ratio: last / second,
        goal: '<= 1.1',
        meets: last / second <= 1.1,
        unit: 'MB',
      },
      {
        name: 'largest RSS of that process under the load mix vs 400 MB',
        value: rss,
        baseline: 400,
        ratio: rss / 400,
        goal: '<= 1',
        meets: rss <= 400,
        unit: 'MB',
      },
    ]
  } finally {
    await server.stop()
    await drop()
  }
}
