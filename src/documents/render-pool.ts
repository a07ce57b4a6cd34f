import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { type ErrorCode, type ErrorDetail, OrderError } from '../domain/errors'
import type { OrderView } from './order-view'

/** What a rendering thread is asked: the bytes of one file. `createdAt` fixes every date the file carries. */
export type RenderTask =
  | { format: 'pdf'; view: OrderView; createdAt: string }
  | { format: 'docx'; template: Uint8Array; view: OrderView; createdAt: string }

export type RenderReply =
  | { ok: true; bytes: Uint8Array; threadId: number }
  | { ok: false; error: { code?: ErrorCode; message: string; details?: ErrorDetail[] | Record<string, unknown> } }

export type RenderResult = { bytes: Uint8Array; threadId: number }

/** Renders files on worker threads, off the event loop; a full queue refuses at once with `busy`. */
export type Renderer = {
  render: (task: RenderTask) => Promise<RenderResult>
  /** Starts every thread and waits until each has loaded the layout code and the fonts. */
  warm: () => Promise<void>
  /** Ends every thread; queued tasks fail. */
  close: () => Promise<void>
  readonly threads: number
  readonly maxQueue: number
}

export type RenderPoolOptions = {
  /** threads that render at once; the cores by default */
  threads?: number
  /** tasks that may wait for a thread beyond those rendering; more are refused with `busy` */
  maxQueue?: number
}

type Pending = { task: RenderTask; resolve: (r: RenderResult) => void; reject: (e: unknown) => void; at: number }
type Thread = { worker: Worker; ready: Promise<void>; job?: Pending }

// From source (tsx, vitest) the worker is TypeScript, run as the service is, by tsx: Node 20 applies no
// `--import` loader to a worker's own entry, so a one-line script starts it through tsx's API instead
// (`tsx/esm/api` under the import condition; require.resolve would give its CommonJS twin). In the build
// `npm start` runs (src/build.mjs) the worker is its own entry, `render-worker.js`, beside this file's.
const fromSource = import.meta.url.endsWith('.ts')
const startWorker = (): Worker => {
  if (!fromSource) return new Worker(new URL('./render-worker.js', import.meta.url), { execArgv: [] })
  const workerUrl = new URL('./render-worker.ts', import.meta.url).href
  const tsxApi = pathToFileURL(
    join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs'),
  ).href
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${JSON.stringify(workerUrl)}, ${JSON.stringify(workerUrl)}))`
  return new Worker(bootstrap, { eval: true, execArgv: [] })
}

const replyError = (error: Extract<RenderReply, { ok: false }>['error']) =>
  error.code ? new OrderError(error.code, error.message, error.details) : new Error(error.message)

export const createRenderPool = ({
  threads = availableParallelism(),
  maxQueue = threads * 8,
}: RenderPoolOptions = {}): Renderer => {
  const all: Thread[] = []
  const queue: Pending[] = []
  let averageMs = 250
  let closed = false

  const finish = (thread: Thread) => {
    thread.job = undefined
    thread.worker.unref() // an idle pool never keeps the process alive
    dispatch()
  }

  const spawn = (): Thread => {
    const worker = startWorker()
    let loaded: () => void = () => {}
    let failed: (e: Error) => void = () => {}
    const thread: Thread = {
      worker,
      ready: new Promise((resolve, reject) => {
        loaded = resolve
        failed = reject
      }),
    }
    // a thread that dies loading says why to whoever warms the pool (main.ts stops on a library's fence);
    // nobody else waits for it
    thread.ready.catch(() => {})
    worker.on('message', (msg: RenderReply | 'ready') => {
      if (msg === 'ready') return loaded()
      const job = thread.job
      if (!job) return
      averageMs = 0.8 * averageMs + 0.2 * (performance.now() - job.at)
      if (msg.ok) job.resolve({ bytes: msg.bytes, threadId: msg.threadId })
      else job.reject(replyError(msg.error))
      finish(thread)
    })
    const lost = (e: unknown) => {
      all.splice(all.indexOf(thread), 1)
      if (e instanceof Error) failed(e) // settles only a thread still loading: a loaded one's `ready` stays resolved
      loaded()
      thread.job?.reject(e instanceof Error ? e : new Error(`rendering thread exited (${e})`))
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
      thread.worker.postMessage(job.task)
    }
  }

  const retryAfterSeconds = () => {
    const busy = all.filter((t) => t.job).length
    return Math.max(1, Math.ceil(((queue.length + busy) * averageMs) / threads / 1000))
  }

  return {
    threads,
    maxQueue,
    render: (task) => {
      if (closed) return Promise.reject(new Error('the rendering pool is closed'))
      const free = all.some((t) => !t.job) || all.length < threads
      if (!free && queue.length >= maxQueue) {
        const retryAfter = retryAfterSeconds()
        return Promise.reject(
          new OrderError('busy', `Сервис занят подготовкой документов, повторите через ${retryAfter} с`, undefined, {
            retryAfter,
          }),
        )
      }
      return new Promise<RenderResult>((resolve, reject) => {
        queue.push({ task, resolve, reject, at: 0 })
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
      for (const job of queue.splice(0)) job.reject(new Error('the rendering pool is closed'))
      const threadsNow = all.splice(0)
      for (const t of threadsNow) t.job?.reject(new Error('the rendering pool is closed'))
      await Promise.all(threadsNow.map((t) => t.worker.terminate()))
    },
  }
}
