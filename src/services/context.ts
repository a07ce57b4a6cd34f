import type { Db } from '../db/client'
import { conflictOf, endedConnectionOf } from '../db/errors'
import { attachFiles, filesOf } from '../db/file-store'
import type { KeyProtector } from '../documents/signing/key-protection'
import type { Renderer } from '../documents/render-pool'
import type { Mailer } from './send-reminders'

/** For the HTTP layer's one error map: a database that does not answer is a 503 with Retry-After. */
export { UNAVAILABLE_RETRY_SECONDS, unavailableOf } from '../db/errors'

import type { Role } from '../domain/policy'

export type { Role }

export type Actor =
  | { type: 'user'; id: string; name: string; role: Role; organizationId: string | null }
  | { type: 'link'; id: string; name: string }
  /** a directory executor by their personal link (`Authorization: Executor <token>` or the `/x/<token>` page) */
  | { type: 'executor'; id: string; name: string; organizationId: string }
  | { type: 'system'; name: string }
  | { type: 'anonymous'; name: string }

export type RequestMeta = { ip?: string; userAgent?: string }

export type Clock = { now: () => Date }

/** What every use case may use; built once in main.ts (or a test) from concrete parts. */
export type ServiceDeps = {
  db: Db
  clock: Clock
  linkTtlDays: number
  publicUrl: string
  /** Seals and opens the private keys of the organization's PKI (from SIGNING_KEY). */
  keys: KeyProtector
  /** the worker pool every PDF and DOCX is rendered on */
  renderer: Renderer
  /**
   * Letters through SMTP_URL; when set, a decision by link needs the one-time code sent by mail, and
   * links and decisions go out by mail. Unset: the link alone signs (простая подпись по ссылке).
   */
  mailer?: Mailer
  /**
   * Test-only seam (FAIL_AFTER_REGISTRATION_COMMIT): called after a registration commits and before its seal;
   * main.ts makes it kill the process, as a crash there would. Unset in production.
   */
  afterRegistrationCommit?: () => void
  /** items due within this many days are «due soon» (DUE_SOON_DAYS) */
  dueSoonDays?: number
}

export type ServiceContext = ServiceDeps & { actor: Actor; meta: RequestMeta }

export const systemClock: Clock = { now: () => new Date() }

/** The system clock moved by whole days (CLOCK_OFFSET_DAYS, for tests of what happens after a due date). */
export const offsetClock = (days: number): Clock =>
  days === 0 ? systemClock : { now: () => new Date(Date.now() + days * 86_400_000) }

/**
 * One transaction per use case: throwing anywhere inside rolls back every write, audit included.
 * A unique constraint that a concurrent request won first comes out as a 409 `conflict`, here, for all.
 */
export const inTransaction = async <T>(ctx: { db: Db }, fn: (tx: Db) => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    let began = false
    try {
      return await ctx.db.transaction((tx) => {
        began = true
        return fn(attachFiles(tx as unknown as Db, filesOf(ctx.db)))
      })
    } catch (e) {
      // a pooled connection the server ended while it sat idle (pg_terminate_backend, a failover) fails the BEGIN
      // sent down it before the driver saw it close: nothing ran, so the next connection is asked, once per
      // connection the pool may hold; a server that refuses connections is not retried (503 at once)
      if (!began && attempt < ENDED_CONNECTION_RETRIES && endedConnectionOf(e)) continue
      throw conflictOf(e) ?? e
    }
  }
}

// above the largest pool configured (10 by default)
const ENDED_CONNECTION_RETRIES = 32
