import { availableParallelism } from 'node:os'
import { createWorkerPool, type WorkerPool, wholeBuffer } from '../worker-pool'
import type { Credential } from './certificates'
import type { Trust, VerificationReport } from './verify'

/** What the signing thread is asked: a file to verify, or a PKCS#12 to open. */
export type SigningTask =
  | { kind: 'verify'; pdf: Uint8Array; trust: Trust; now: string }
  | { kind: 'pkcs12'; bytes: Uint8Array; password: string; now: string }

export type SigningResult =
  | { kind: 'verify'; report: VerificationReport }
  | { kind: 'pkcs12'; credential: Credential; issuers: Uint8Array[] }

let pool: WorkerPool<SigningTask, SigningResult> | undefined

/**
 * Verification and PKCS#12 key derivation run here, on threads of their own, never on the event loop: a
 * hostile file costs a thread's time, not every other request's. One or two threads (a request of each
 * verifies one file), a short queue; past it 503 `busy` with Retry-After. Started on first use.
 */
const signingPool = () =>
  (pool ??= createWorkerPool<SigningTask, SigningResult>({
    entry: { name: 'signing-worker', dir: new URL('.', import.meta.url) },
    threads: Math.max(1, Math.min(2, availableParallelism() - 1)),
    maxQueue: 8,
    expectedMs: 100,
    busy: (s) => `Сервис занят проверкой подписей, повторите через ${s} с`,
  }))

/**
 * verifyPdf on the signing thread; a file past MAX_SIGNATURES is refused there with 422. The bytes are handed
 * over, not copied, when they own their buffer: the caller does not read them afterwards (the report has the hash).
 */
export const verifyOffThread = async (pdf: Uint8Array, trust: Trust, now: Date): Promise<VerificationReport> => {
  const result = await signingPool().run({ kind: 'verify', pdf, trust, now: now.toISOString() }, wholeBuffer(pdf))
  if (result.kind !== 'verify') throw new Error('the signing thread answered another task')
  return result.report
}

/** readPkcs12 on the signing thread: its key derivations (bounded in iterations) do not stop the service. */
export const readPkcs12OffThread = async (bytes: Uint8Array, password: string, now: Date) => {
  const result = await signingPool().run({ kind: 'pkcs12', bytes, password, now: now.toISOString() })
  if (result.kind !== 'pkcs12') throw new Error('the signing thread answered another task')
  return { credential: result.credential, issuers: result.issuers }
}

/** Ends the signing threads (at shutdown; an idle pool keeps no process alive anyway). */
export const closeSigningPool = async () => {
  const p = pool
  pool = undefined
  await p?.close()
}
