import { fileURLToPath } from 'node:url'
import { controlBench } from './control.bench'
import { docxVersusBareTemplater, heapOverThousandRenders, pdfVersusLibreOffice } from './documents.bench'
import { loadBench } from './load'
import { registrationBench } from './registration.bench'
import { scaleBenches } from './scale.bench'
import { healthUnderRendering, repeatedGetVersusFirst, samplePdfVersusLibreOffice } from './renderings.bench'
import { signatureVersusPdfsig, signingAndRegistrationVersusRendering } from './signing.bench'
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
  samplePdfVersusLibreOffice,
  () => repeatedGetVersusFirst(pgUrl),
  () => healthUnderRendering(pgUrl),
  signatureVersusPdfsig,
  () => signingAndRegistrationVersusRendering(pgUrl),
]) {
  const done = await bench()
  results.push(...[done].flat())
  console.log(`done: ${[done].flat().map((r) => r.name)}`)
}
results.push(...(await controlBench(pgUrl)))
console.log('done: control')
results.push(...(await loadBench(pgUrl)))
console.log('done: load')
// SCALE=0.01 for a quick run; at full size it fills for about ten minutes
results.push(...(await scaleBenches(pgUrl)))
console.log('done: scale')
writeResults(fileURLToPath(new URL('./results.json', import.meta.url)), results)
process.exit(0)
