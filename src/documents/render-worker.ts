import { parentPort, threadId } from 'node:worker_threads'
import { isOrderError } from '../domain/errors'
import { renderDocx } from './docx'
import { renderPdf } from './pdf'
import type { RenderReply, RenderTask } from './render-pool'

/** One rendering thread of the pool: takes a task, answers with the bytes or the error, one task at a time. */
const render = async (task: RenderTask): Promise<Uint8Array> => {
  const createdAt = new Date(task.createdAt)
  if (task.format === 'pdf') return renderPdf(task.view, { createdAt })
  return renderDocx(task.template, task.view, { modifiedAt: createdAt })
}

parentPort!.on('message', async (task: RenderTask) => {
  let reply: RenderReply
  try {
    // a copy of its own, so that the buffer can be handed over without copying it again
    const bytes = new Uint8Array(await render(task))
    reply = { ok: true, bytes, threadId }
    parentPort!.postMessage(reply, [bytes.buffer])
  } catch (e) {
    reply = isOrderError(e)
      ? { ok: false, error: { code: e.code, message: e.message, details: e.details } }
      : { ok: false, error: { message: e instanceof Error ? e.message : String(e) } }
    parentPort!.postMessage(reply)
  }
})

// the modules above are loaded: the pool may count this thread as warm
parentPort!.postMessage('ready')
