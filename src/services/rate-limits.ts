import { countHits, forgetWindowsBefore, readHits } from '../db/rate-counters'
import type { Db } from '../db/client'
import type { Clock } from './context'

/** `limit` requests per `windowMs`; undefined: no limit. */
export type Rate = { limit: number; windowMs: number } | undefined

/** A key (hashed: no address, e-mail or token is kept as sent) and the rate it is held to. */
export type Counted = [string, Rate]

/**
 * Where the limits are counted. `take` counts a request on every key unless one is over its limit; `check` only
 * looks (a sign-in is counted after it failed, with `count`, so the owner's successful ones never lock them out).
 * Each returns the seconds to wait when a key is over its limit, else undefined.
 */
export type RateStore = {
  take: (counted: Counted[]) => Promise<number | undefined>
  check: (counted: Counted[]) => Promise<number | undefined>
  count: (counted: Counted[]) => Promise<void>
}

type Active = [string, NonNullable<Rate>]
const active = (counted: Counted[]) => counted.filter((c): c is Active => c[1] !== undefined)

type Bucket = { tokens: number; at: number }

/**
 * Token buckets in this process's memory, one per key: each holds `limit` tokens and gets them back
 * evenly over the window. A request takes one from every bucket it is counted in, or, when one is
 * empty, is refused with the seconds until that one has a token again (`look` only tells; `force` takes even
 * from an empty one). The embedded database serves one process, so its limits are that process's.
 */
export const createBuckets = (clock: Clock, { maxKeys = 100_000 } = {}) => {
  const buckets = new Map<string, Bucket>()
  const level = (key: string, rate: NonNullable<Rate>, now: number) => {
    const b = buckets.get(key)
    if (!b) return rate.limit
    return Math.min(rate.limit, b.tokens + ((now - b.at) * rate.limit) / rate.windowMs)
  }
  return (counted: Counted[], { look = false, force = false } = {}): number | undefined => {
    const now = clock.now().getTime()
    const keys = active(counted)
    let wait = 0
    for (const [key, rate] of keys) {
      const tokens = level(key, rate, now)
      if (tokens < 1) wait = Math.max(wait, ((1 - tokens) * rate.windowMs) / rate.limit)
    }
    if (wait > 0 && !force) return Math.max(1, Math.ceil(wait / 1000))
    if (look) return undefined
    for (const [key, rate] of keys) {
      const tokens = level(key, rate, now) - 1
      buckets.delete(key) // re-inserted last: the map's order is the order of use
      buckets.set(key, { tokens, at: now })
    }
    // the least recently used keys go first; a forgotten key only starts again full
    for (const key of buckets.keys()) {
      if (buckets.size <= maxKeys) break
      buckets.delete(key)
    }
    return undefined
  }
}

export const memoryRateStore = (clock: Clock): RateStore => {
  const take = createBuckets(clock)
  return {
    take: async (counted) => take(counted),
    check: async (counted) => take(counted, { look: true }),
    count: async (counted) => {
      take(counted, { force: true })
    },
  }
}

/**
 * Counts in PostgreSQL, which every instance of the service shares (behind a load balancer each would otherwise
 * allow the whole limit): a row per key and fixed window, one upsert per request. A window's start is the
 * window's length times a whole number, so every instance names the same window.
 */
export const databaseRateStore = (deps: { db: Db; clock: Clock }): RateStore => {
  let lastSweep = 0
  const windows = (counted: Counted[], now: number) =>
    active(counted).map(([key, rate]) => {
      const start = Math.floor(now / rate.windowMs) * rate.windowMs
      return { key, windowStart: new Date(start), end: start + rate.windowMs, limit: rate.limit }
    })
  const over = (ws: ReturnType<typeof windows>, hits: number[], now: number, counted: boolean) => {
    let wait = 0
    ws.forEach((w, i) => {
      if (counted ? hits[i]! > w.limit : hits[i]! >= w.limit) wait = Math.max(wait, w.end - now)
    })
    return wait > 0 ? Math.max(1, Math.ceil(wait / 1000)) : undefined
  }
  // windows that started over a day ago go (no limit's window is longer), at most once a minute per process
  const sweep = async (now: number) => {
    if (now - lastSweep < 60_000) return
    lastSweep = now
    const longest = 24 * 3_600_000
    await forgetWindowsBefore(deps.db, new Date(now - longest))
  }
  return {
    take: async (counted) => {
      const now = deps.clock.now().getTime()
      const ws = windows(counted, now)
      if (!ws.length) return undefined
      await sweep(now)
      return over(ws, await countHits(deps.db, ws), now, true)
    },
    check: async (counted) => {
      const now = deps.clock.now().getTime()
      const ws = windows(counted, now)
      return ws.length ? over(ws, await readHits(deps.db, ws), now, false) : undefined
    },
    count: async (counted) => {
      const now = deps.clock.now().getTime()
      const ws = windows(counted, now)
      if (ws.length) await countHits(deps.db, ws)
    },
  }
}
