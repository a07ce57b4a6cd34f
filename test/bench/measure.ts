import { writeFileSync } from 'node:fs'

export type BenchResult = {
  name: string
  value: number
  baseline: number
  ratio: number
  goal: string
  meets: boolean
  unit?: string
}

/** Runs `task` from `workers` concurrent clients until `total` calls are done; returns calls per second. */
export const throughput = async (total: number, workers: number, task: (i: number) => Promise<void>) => {
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < total) await task(next++)
    }),
  )
  return total / ((performance.now() - started) / 1000)
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

export const writeResults = (file: string, results: BenchResult[]) => {
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`)
  for (const r of results) {
    console.log(
      `${r.meets ? 'MEETS' : 'MISSES'} ${r.name}: ${r.value.toFixed(1)} vs baseline ${r.baseline.toFixed(1)}${r.unit ? ` ${r.unit}` : ''} → ratio ${r.ratio.toFixed(2)} (goal ${r.goal})`,
    )
  }
}
