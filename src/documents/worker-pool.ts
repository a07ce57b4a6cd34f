import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { type ErrorCode, type ErrorDetail, OrderError } from '../domain/errors'

/** What a pool's thread answers: its result, or the error it met (an OrderError keeps its code). */
export type WorkerReply<R> =
  | ({ ok: true } & R)
  | { ok: false; error: { code?: ErrorCode; message: string; details?: ErrorDetail[] | Record<string, unknown> } }

/** Runs tasks on worker threads, off the event loop; a full queue refuses at once with `busy`. */
export type WorkerPool<T, R> = {
  /** `transfer`: buffers handed to the thread rather than copied (the caller no longer reads them) */
  run: (task: T, transfer?: ArrayBuffer[]) => Promise<R>
  /** Starts every thread and waits until each has said it is ready. */
  warm: () => Promise<void>
  /** Ends every thread; queued tasks fail. */
  close: () => Promise<void>
  readonly threads: number
  readonly maxQueue: number
}

export type WorkerPoolOptions = {
  /** The thread's entry, by its name: `<name>.ts` beside `dir` from source, `<name>.js` in dist/ when built. */
  entry: { name: string; dir: URL }
  threads: number
  /** tasks that may wait for a thread beyond those running; more are refused with `busy` */
  maxQueue: number
  /** The Russian words of the `busy` refusal, given the seconds to wait. */
  busy: (retryAfter: number) => string
  /** What a task costs at first, in milliseconds, before any is measured (for Retry-After). */
  expectedMs: number
}

type Pending<T, R> = {
  task: T
  transfer: ArrayBuffer[]
  resolve: (r: R) => void
  reject: (e: unknown) => void
  at: number
}
type Thread<T, R> = { worker: Worker; ready: Promise<void>; job?: Pending<T, R> }

// From source (tsx, vitest) a worker is TypeScript, run as the service is, by tsx: Node 20 applies no
// `--import` loader to a worker's own entry, so a one-line script starts it through tsx's API instead
// (`tsx/esm/api` under the import condition; require.resolve would give its CommonJS twin). In the build
// `npm start` runs (src/build.mjs) every worker is its own entry, `<name>.js`, beside this file's.
const fromSource = import.meta.url.endsWith('.ts')
const startWorker = (entry: WorkerPoolOptions['entry']): Worker => {
  if (!fromSource) return new Worker(new URL(`./${entry.name}.js`, import.meta.url), { execArgv: [] })
  const workerUrl = new URL(`./${entry.name}.ts`, entry.dir).href
  const tsxApi = pathToFileURL(
    join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs'),
  ).href
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${JSON.stringify(workerUrl)}, ${JSON.stringify(workerUrl)}))`
  return new Worker(bootstrap, { eval: true, execArgv: [] })
}

/**
 * The buffer of `bytes` when they are the whole of it, to hand to a thread without a copy (a megabyte body copied
 * for every request was a third of the event loop's garbage under hostile uploads); none for a view into a larger
 * buffer (Node's pool of small Buffers above all), which must never be detached.
 */
export const wholeBuffer = (bytes: Uint8Array): ArrayBuffer[] =>
  bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? [bytes.buffer]
    : []

const replyError = (error: Extract<WorkerReply<unknown>, { ok: false }>['error']) =>
  error.code ? new OrderError(error.code, error.message, error.details) : new Error(error.message)

export const createWorkerPool = <T, R>(o: WorkerPoolOptions): WorkerPool<T, R> => {
  const { threads, maxQueue } = o
  const all: Thread<T, R>[] = []
  const queue: Pending<T, R>[] = []
  let averageMs = o.expectedMs
  let closed = false

  const finish = (thread: Thread<T, R>) => {
    thread.job = undefined
    thread.worker.unref() // an idle pool never keeps the process alive
    dispatch()
  }

  const spawn = (): Thread<T, R> => {
    const worker = startWorker(o.entry)
    let loaded: () => void = () => {}
    let failed: (e: Error) => void = () => {}
    const thread: Thread<T, R> = {
      worker,
      ready: new Promise((resolve, reject) => {
        loaded = resolve
        failed = reject
      }),
    }
    // a thread that dies loading says why to whoever warms the pool (main.ts stops on a library's fence);
    // nobody else waits for it
    thread.ready.catch(() => {})
    worker.on('message', (msg: WorkerReply<R> | 'ready') => {
      if (msg === 'ready') return loaded()
      const job = thread.job
      if (!job) return
      averageMs = 0.8 * averageMs + 0.2 * (performance.now() - job.at)
      if (msg.ok) job.resolve(msg as unknown as R)
      else job.reject(replyError(msg.error))
      finish(thread)
    })
    const lost = (e: unknown) => {
      all.splice(all.indexOf(thread), 1)
      if (e instanceof Error) failed(e) // settles only a thread still loading: a loaded one's `ready` stays resolved
      loaded()
      thread.job?.reject(e instanceof Error ? e : new Error(`worker thread exited (${e})`))
      thread.job = undefined
      if (!closed) dispatch()
    }
    worker.on('error', lost)
    worker.on('exit', (code) => all.includes(thread) && lost(code))
    worker.unref()
    all.push(thread)
    return thread
  }

  const dispatch = () => {
    while (queue.length) {
      const thread = all.find((t) => !t.job) ?? (all.length < threads ? spawn() : undefined)
      if (!thread) return
      const job = queue.shift()!
      thread.job = job
      job.at = performance.now()
      thread.worker.ref()
      thread.worker.postMessage(job.task, job.transfer)
    }
  }

  const retryAfterSeconds = () => {
    const busy = all.filter((t) => t.job).length
    return Math.max(1, Math.ceil(((queue.length + busy) * averageMs) / threads / 1000))
  }

  return {
    threads,
    maxQueue,
    run: (task, transfer = []) => {
      if (closed) return Promise.reject(new Error('the worker pool is closed'))
      const free = all.some((t) => !t.job) || all.length < threads
      if (!free && queue.length >= maxQueue) {
        const retryAfter = retryAfterSeconds()
        return Promise.reject(new OrderError('busy', o.busy(retryAfter), undefined, { retryAfter }))
      }
      return new Promise<R>((resolve, reject) => {
        queue.push({ task, transfer, resolve, reject, at: 0 })
        dispatch()
      })
    },
    warm: async () => {
      while (all.length < threads) spawn()
      const starting = [...all]
      for (const t of starting) t.worker.ref()
      await Promise.all(starting.map((t) => t.ready))
      for (const t of starting) if (!t.job) t.worker.unref()
    },
    close: async () => {
      closed = true
      for (const job of queue.splice(0)) job.reject(new Error('the worker pool is closed'))
      const threadsNow = all.splice(0)
      for (const t of threadsNow) t.job?.reject(new Error('the worker pool is closed'))
      await Promise.all(threadsNow.map((t) => t.worker.terminate()))
    },
  }
}
