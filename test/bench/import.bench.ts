import { importOrder } from '../../src/domain/import'
import { largeOrder, sampleText } from '../support/import'
import { median, type BenchResult } from './measure'
import { healthUnderLoad, startService, timed } from './renderings.bench'

/** Importing the 001 sample's text in the process: median of 50 runs after 10 to warm up. */
export const importSampleBench = async (): Promise<BenchResult> => {
  const text = sampleText('001_b5a9738c17053c3d')
  for (let i = 0; i < 10; i++) importOrder(text)
  const times: number[] = []
  for (let i = 0; i < 50; i++) {
    const t = performance.now()
    importOrder(text)
    times.push(performance.now() - t)
  }
  const value = median(times)
  return {
    name: 'import of the 001 sample text (in process, median of 50)',
    value,
    baseline: 50,
    ratio: value / 50,
    goal: '<= 1 (50 ms)',
    meets: value <= 50,
    unit: 'ms',
  }
}

/** A 1 MB text: time (median of 5) and the heap it holds at its peak, against the text's own size. */
export const importMegabyteBench = async (): Promise<BenchResult[]> => {
  const text = largeOrder(1024 * 1024)
  importOrder(text)
  const times: number[] = []
  let peak = 0
  for (let i = 0; i < 5; i++) {
    globalThis.gc?.()
    const before = process.memoryUsage().heapUsed
    const t = performance.now()
    const result = importOrder(text)
    times.push(performance.now() - t)
    peak = Math.max(peak, process.memoryUsage().heapUsed - before)
    if (result.content.points.length === 0) throw new Error('nothing imported')
  }
  const value = median(times)
  const mb = peak / 1024 / 1024
  return [
    {
      name: `import of a ${(Buffer.byteLength(text) / 1024 / 1024).toFixed(2)} MB order text (in process, median of 5)`,
      value,
      baseline: 1000,
      ratio: value / 1000,
      goal: '<= 1 (1 s)',
      meets: value <= 1000,
      unit: 'ms',
    },
    {
      name: 'heap grown by importing the 1 MB text (its result held), without a collection between',
      value: mb,
      baseline: 64,
      ratio: mb / 64,
      goal: '<= 1 (64 MB)',
      meets: mb <= 64,
      unit: 'MB',
    },
  ]
}

/** Health p99 while 4 clients import 1 MB texts over HTTP without pause, against its p99 on the idle service. */
export const healthUnderImport = async (baseUrl: string, rounds = 3): Promise<BenchResult> => {
  const service = await startService(baseUrl)
  const text = largeOrder(1024 * 1024)
  const post = () =>
    fetch(`${service.server.url}/api/orders/import`, {
      method: 'POST',
      headers: { ...service.auth, 'content-type': 'text/plain; charset=utf-8' },
      body: text,
    })
  try {
    await timed(post) // the worker thread started and warm
    return await healthUnderLoad(
      service,
      rounds,
      () => 'import 1 MB texts',
      () => {
        let left = 8
        return async () => {
          while (left-- > 0) await timed(post)
        }
      },
    )
  } finally {
    await service.close()
  }
}
