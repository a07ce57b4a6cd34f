import type { Db } from '../db/client'

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
  /** items due within this many days are «due soon» (DUE_SOON_DAYS) */
  dueSoonDays?: number
}

export type ServiceContext = ServiceDeps & { actor: Actor; meta: RequestMeta }

export const systemClock: Clock = { now: () => new Date() }

/** The system clock moved by whole days (CLOCK_OFFSET_DAYS, for tests of what happens after a due date). */
export const offsetClock = (days: number): Clock =>
  days === 0 ? systemClock : { now: () => new Date(Date.now() + days * 86_400_000) }

/** One transaction per use case: throwing anywhere inside rolls back every write, audit included. */
export const inTransaction = <T>(ctx: { db: Db }, fn: (tx: Db) => Promise<T>): Promise<T> =>
  ctx.db.transaction((tx) => fn(tx as unknown as Db))
