import { fileURLToPath } from 'node:url'
import { docxVersusBareTemplater, heapOverThousandRenders, pdfVersusLibreOffice } from './documents.bench'
import { registrationBench } from './registration.bench'
import { startupBench } from './startup.bench'
import { writeResults, type BenchResult } from './measure'

const pgUrl =
  process.env.TEST_DATABASE_URL ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

const results: BenchResult[] = []
for (const bench of [
  startupBench,
  () => registrationBench(pgUrl),
  pdfVersusLibreOffice,
  docxVersusBareTemplater,
  heapOverThousandRenders,
]) {
  const done = await bench()
  results.push(...[done].flat())
  console.log(`done: ${[done].flat().map((r) => r.name)}`)
}
writeResults(fileURLToPath(new URL('./results.json', import.meta.url)), results)
process.exit(0)
