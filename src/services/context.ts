import type { Db } from '../db/client'
import { conflictOf } from '../db/errors'

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
}

export type ServiceContext = ServiceDeps & { actor: Actor; meta: RequestMeta }

export const systemClock: Clock = { now: () => new Date() }

/**
 * One transaction per use case: throwing anywhere inside rolls back every write, audit included.
 * A unique constraint that a concurrent request won first comes out as a 409 `conflict`, here, for all.
 */
export const inTransaction = <T>(ctx: { db: Db }, fn: (tx: Db) => Promise<T>): Promise<T> =>
  ctx.db
    .transaction((tx) => fn(tx as unknown as Db))
    .catch((e: unknown) => {
      throw conflictOf(e) ?? e
    })
