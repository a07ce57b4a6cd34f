import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { median, type BenchResult } from './measure'

const root = fileURLToPath(new URL('../..', import.meta.url))
// `npm start` is `node dist/main.js` (the build, src/build.mjs): both sides are plain JavaScript started by plain node
const ROUNDS = 5

/** Milliseconds from spawning `node <script>` until its output matches `ready`; then it is stopped. */
const timeToReady = (script: string, args: string[], env: Record<string, string>, ready: RegExp) =>
  new Promise<number>((resolve, reject) => {
    const started = performance.now()
    const proc = spawn(process.execPath, [script, ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let took: number | undefined
    const onData = (d: Buffer) => {
      out += d.toString()
      if (took === undefined && ready.test(out)) {
        took = performance.now() - started
        proc.kill('SIGTERM')
      }
    }
    proc.stdout.on('data', onData)
    proc.stderr.on('data', onData)
    // the next start waits for this one to let its directory go
    proc.once('exit', (code) =>
      took === undefined ? reject(new Error(`${script} exited ${code}:\n${out}`)) : resolve(took),
    )
  })

const bare = (dir: string) => timeToReady('test/bench/startup-bare.mjs', [dir], {}, /^ready$/m)
const service = (dir: string) =>
  timeToReady('dist/main.js', [], { DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'warn' }, /\(port \d+,/)

/**
 * Time to listening of the service on the embedded database, against PGlite's own create (or open)
 * of a directory plus `select 1`, measured in the same run, alternately, on directories of their
 * own: a first start (the directory is created, migrations applied, the demo seeded) and a restart.
 */
export const startupBench = async (): Promise<BenchResult[]> => {
  const times = {
    bareFirst: [] as number[],
    serviceFirst: [] as number[],
    bareAgain: [] as number[],
    serviceAgain: [] as number[],
  }
  const scratch = mkdtempSync(join(tmpdir(), 'startup-bench-'))
  execFileSync(process.execPath, ['src/build.mjs', '--if-stale'], { cwd: root, stdio: 'inherit' }) // as `prestart`
  try {
    await bare(join(scratch, 'warm-up')) // the page cache, for both sides
    await service(join(scratch, 'warm-up-service'))
    for (let i = 0; i < ROUNDS; i++) {
      const [b, s] = [join(scratch, `bare-${i}`), join(scratch, `service-${i}`)]
      times.bareFirst.push(await bare(b))
      times.serviceFirst.push(await service(s))
      times.bareAgain.push(await bare(b))
      times.serviceAgain.push(await service(s))
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
  // the machine's load drifts over minutes: each round's pair runs back to back, so the ratio is the
  // median of the rounds' ratios (the medians of each side are reported beside it)
  const result = (name: string, value: number[], baseline: number[]): BenchResult => {
    const ratios = value.map((v, i) => v / baseline[i]!)
    const ratio = median(ratios)
    console.log(
      `${name}: service ${value.map(Math.round).join('/')} ms, PGlite ${baseline.map(Math.round).join('/')} ms, ` +
        `ratios ${ratios.map((r) => r.toFixed(2)).join('/')}`,
    )
    return { name, value: median(value), baseline: median(baseline), ratio, goal: '≤ 2', meets: ratio <= 2, unit: 'ms' }
  }
  return [
    result(
      'first start to listening (node dist/main.js, new data directory) vs node of PGlite.create + select 1 (median of paired rounds)',
      times.serviceFirst,
      times.bareFirst,
    ),
    result(
      'restart to listening (node dist/main.js, existing data directory) vs node of PGlite.create + select 1 (median of paired rounds)',
      times.serviceAgain,
      times.bareAgain,
    ),
  ]
}
