import buildService from '../support/build'
import { fileURLToPath } from 'node:url'
import { controlBench } from './control.bench'
import { healthUnderImport, importMegabyteBench, importSampleBench } from './import.bench'
import { docxVersusBareTemplater, heapOverThousandRenders, pdfVersusLibreOffice } from './documents.bench'
import { gostVerification } from './gost.bench'
import { loadBench } from './load'
import { registrationBench } from './registration.bench'
import { scaleBenches } from './scale.bench'
import { healthUnderRendering, repeatedGetVersusFirst, samplePdfVersusLibreOffice } from './renderings.bench'
import { signatureVersusPdfsig, signingAndRegistrationVersusRendering } from './signing.bench'
import { startupBench } from './startup.bench'
import { storedFilesVersusRendering } from './stored-files.bench'
import { freshVersionPdfVersusLibreOffice } from './fresh-version.bench'
import { memoryUnderLoad } from './memory.bench'
import { healthUnderHostileVerify, verifyTenSignatures } from './verify.bench'
import { writeResults, type BenchResult } from './measure'

// the benches that start the service's process run the build `npm start` runs: built first, as the tests do
buildService()

const pgUrl =
  process.env.TEST_DATABASE_URL ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

// `npm run bench -- signing` runs only the benchmarks whose group name contains the word given
const only = process.argv[2]
const groups: [string, () => Promise<BenchResult | BenchResult[]>][] = [
  ['startup', startupBench],
  ['registration', () => registrationBench(pgUrl)],
  ['documents', pdfVersusLibreOffice],
  ['documents', docxVersusBareTemplater],
  ['documents', heapOverThousandRenders],
  ['renderings', samplePdfVersusLibreOffice],
  ['renderings', () => repeatedGetVersusFirst(pgUrl)],
  ['files', () => storedFilesVersusRendering(pgUrl)],
  ['files-fresh', () => freshVersionPdfVersusLibreOffice()],
  ['renderings', () => healthUnderRendering(pgUrl)],
  ['signing', signatureVersusPdfsig],
  ['signing', () => signingAndRegistrationVersusRendering(pgUrl)],
  ['verify', () => verifyTenSignatures(pgUrl)],
  ['verify', () => healthUnderHostileVerify(pgUrl)],
  ['gost', gostVerification],
  ['control', () => controlBench(pgUrl)],
  ['load', () => loadBench(pgUrl)],
  ['memory', () => memoryUnderLoad(pgUrl)],
  ['import', importSampleBench],
  ['import', importMegabyteBench],
  ['import', () => healthUnderImport(pgUrl)],
  // SCALE=0.01 for a quick run; at full size it fills for about ten minutes
  ['scale', () => scaleBenches(pgUrl)],
]
const results: BenchResult[] = []
for (const [group, bench] of groups) {
  if (only && !group.includes(only)) continue
  const done = await bench()
  results.push(...[done].flat())
  console.log(`done: ${[done].flat().map((r) => r.name)}`)
}
writeResults(fileURLToPath(new URL('./results.json', import.meta.url)), results)
process.exit(0)
