import { setPriority } from 'node:os'
import { parentPort } from 'node:worker_threads'
import { isOrderError, OrderError } from '../../domain/errors'
import type { WorkerReply } from '../worker-pool'
import type { SigningResult, SigningTask } from './off-thread'
import { readPkcs12 } from './pkcs12'
import { TooManySignatures, verifyPdf } from './verify'

/** One signing thread of the pool (off-thread.ts): one task at a time, the answer or the error. */
const run = async (task: SigningTask): Promise<SigningResult> => {
  if (task.kind === 'pkcs12')
    return { kind: 'pkcs12', ...(await readPkcs12(task.bytes, task.password, new Date(task.now))) }
  try {
    return { kind: 'verify', report: await verifyPdf(task.pdf, task.trust, new Date(task.now)) }
  } catch (e) {
    if (e instanceof TooManySignatures)
      throw new OrderError('invalid_input', e.message, [{ path: 'file', message: e.message }])
    throw e
  }
}

// as the rendering threads: a hostile file's work yields the cores to the event loop whenever both want one
try {
  setPriority(10)
} catch {
  // a platform that cannot lower one thread's priority runs it at the same priority
}

parentPort!.on('message', async (task: SigningTask) => {
  let reply: WorkerReply<SigningResult>
  try {
    reply = { ok: true, ...(await run(task)) }
  } catch (e) {
    reply = isOrderError(e)
      ? { ok: false, error: { code: e.code, message: e.message, details: e.details } }
      : { ok: false, error: { message: e instanceof Error ? e.message : String(e) } }
  }
  parentPort!.postMessage(reply)
})

parentPort!.postMessage('ready')
