import { fileURLToPath } from 'node:url'
import { registrationBench } from './registration.bench'
import { writeResults, type BenchResult } from './measure'

const pgUrl = process.env.TEST_DATABASE_URL ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

const results: BenchResult[] = []
results.push(await registrationBench(pgUrl))
writeResults(fileURLToPath(new URL('./results.json', import.meta.url)), results)
process.exit(0)
