import { availableParallelism } from 'node:os'
import type { ErrorCode, ErrorDetail } from '../domain/errors'
import type { ImportTask } from './import-task'
import type { OrderView } from './order-view'
import { createWorkerPool } from './worker-pool'

/** What a rendering thread is asked: the bytes of one file. `createdAt` fixes every date the file carries. */
export type RenderTask =
  | { format: 'pdf'; view: OrderView; createdAt: string }
  | { format: 'docx'; template: Uint8Array; view: OrderView; createdAt: string }
  /** an order's text read into its content (import-task.ts): the answer is its JSON in UTF-8 */
  | { format: 'import'; task: ImportTask }

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

export const createRenderPool = ({
  threads = availableParallelism(),
  maxQueue = threads * 8,
}: RenderPoolOptions = {}): Renderer => {
  const pool = createWorkerPool<RenderTask, RenderResult>({
    entry: { name: 'render-worker', dir: new URL('.', import.meta.url) },
    threads,
    maxQueue,
    expectedMs: 250,
    busy: (s) => `Сервис занят подготовкой документов, повторите через ${s} с`,
  })
  return {
    threads,
    maxQueue,
    render: async (task) => {
      const { bytes, threadId } = await pool.run(task)
      return { bytes, threadId }
    },
    warm: pool.warm,
    close: pool.close,
  }
}
