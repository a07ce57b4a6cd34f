import { setPriority } from 'node:os'
import { parentPort, threadId } from 'node:worker_threads'
import { isOrderError } from '../domain/errors'
import { renderDocx } from './docx'
import { runImport } from './import-task'
import { buildOrderView } from './order-view'
import { renderPdf } from './pdf'
import type { RenderReply, RenderTask } from './render-pool'

/** One rendering thread of the pool: takes a task, answers with the bytes or the error, one task at a time. */
const render = async (task: RenderTask): Promise<Uint8Array> => {
  if (task.format === 'import') return new TextEncoder().encode(JSON.stringify(runImport(task.task)))
  const createdAt = new Date(task.createdAt)
  if (task.format === 'pdf') return renderPdf(task.view, { createdAt })
  return renderDocx(task.template, task.view, { modifiedAt: createdAt })
}

// Linux gives each thread its own nice value: rendering yields the cores to the event loop, which answers
// every other request, whenever both want one
try {
  setPriority(10)
} catch {
  // a platform that cannot lower one thread's priority renders at the same priority
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

/**
 * A first document costs many times a later one (fonts parsed, code compiled): the thread makes one of its
 * own before it says it is ready, so that no order waits for that.
 */
const warmUp = buildOrderView(
  {
    kind: 'prikaz',
    title: 'Разогрев',
    preamble: 'Текст 0123456789,',
    points: [{ text: 'Пункт «1».' }],
    signer: { position: 'Директор', name: 'И.О. Фамилия' },
    appendices: [
      {
        title: 'Таблица',
        table: { columns: [{ title: '№' }, { title: 'Мероприятие' }], rows: [{ cells: ['1', 'А'] }] },
      },
    ],
  },
  { draft: true, organization: { name: ['Разогрев'] } },
)
await renderPdf(warmUp, { createdAt: new Date(0) })
parentPort!.postMessage('ready')
