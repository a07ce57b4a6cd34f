import type { Db } from '../db/client'
import type { KeyProtector } from '../documents/signing/key-protection'
import type { Renderer } from '../documents/render-pool'

export type Role = 'admin' | 'clerk' | 'controller' | 'director'

export type Actor =
  | { type: 'user'; id: string; name: string; role: Role; organizationId: string | null }
  | { type: 'link'; id: string; name: string }
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
}

export type ServiceContext = ServiceDeps & { actor: Actor; meta: RequestMeta }

export const systemClock: Clock = { now: () => new Date() }

/** One transaction per use case: throwing anywhere inside rolls back every write, audit included. */
export const inTransaction = <T>(ctx: { db: Db }, fn: (tx: Db) => Promise<T>): Promise<T> =>
  ctx.db.transaction((tx) => fn(tx as unknown as Db))
