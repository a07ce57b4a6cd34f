import { createHash } from 'node:crypto'
import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import { getConnInfo } from '@hono/node-server/conninfo'
import { OrderError } from '../../domain/errors'
import type { Clock } from '../../services/context'

/** `limit` requests per `windowMs`, refilled evenly (a token bucket); undefined: no limit. */
export type Rate = { limit: number; windowMs: number } | undefined

export type RateLimits = {
  signInPerAddress: Rate
  signInPerAccount: Rate
  linksPerAddress: Rate
  linksPerLink: Rate
  verifyPerAddress: Rate
}

type Bucket = { tokens: number; at: number }

/**
 * Token buckets in this process's memory, one per key: each holds `limit` tokens and gets them back
 * evenly over the window. A request takes one from every bucket it is counted in, or, when one is
 * empty, is refused with the seconds until that one has a token again. Several instances on one
 * PostgreSQL each keep their own buckets: the limits are per process.
 */
export const createBuckets = (clock: Clock, { maxKeys = 100_000 } = {}) => {
  const buckets = new Map<string, Bucket>()
  const level = (key: string, rate: NonNullable<Rate>, now: number) => {
    const b = buckets.get(key)
    if (!b) return rate.limit
    return Math.min(rate.limit, b.tokens + ((now - b.at) * rate.limit) / rate.windowMs)
  }
  /** Takes a token from each `[key, rate]`, or none: then returns the seconds to wait. */
  return (counted: [string, Rate][]): number | undefined => {
    const now = clock.now().getTime()
    const active = counted.filter((c): c is [string, NonNullable<Rate>] => c[1] !== undefined)
    let wait = 0
    for (const [key, rate] of active) {
      const tokens = level(key, rate, now)
      if (tokens < 1) wait = Math.max(wait, ((1 - tokens) * rate.windowMs) / rate.limit)
    }
    if (wait > 0) return Math.max(1, Math.ceil(wait / 1000))
    for (const [key, rate] of active) {
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

const clientAddress = (c: Context) => {
  try {
    return getConnInfo(c).remote.address
  } catch {
    return undefined // app.request() in tests has no socket
  }
}

const hashed = (s: string) => createHash('sha256').update(s).digest('base64url').slice(0, 22)

/** The e-mail a sign-in names, from a JSON body (the API) or a form (the sign-in page). */
const signInAccount = async (c: Context): Promise<string | undefined> => {
  try {
    const email = c.req.header('content-type')?.includes('json')
      ? ((await c.req.json()) as { email?: unknown } | null)?.email
      : (await c.req.raw.clone().formData()).get('email')
    return typeof email === 'string' ? email.trim().toLowerCase() : undefined
  } catch {
    return undefined // an unreadable body is refused by the route itself
  }
}

/** The link token of `/links/<token>/…` or `/api/links/<token>/…`. */
const linkOf = (path: string) => /^(?:\/api)?\/links\/([^/]+)/.exec(path)?.[1]

/**
 * Rate limits of the endpoints that take a secret from anyone: sign-in, links (whose token is the
 * credential), and verification. Counted per client address and per account (the e-mail of a
 * sign-in, the link of a link request); over the limit the answer is 429 `rate_limited` with
 * Retry-After. Keys are hashed: no e-mail or token is kept in memory as sent.
 */
export const rateLimit = (clock: Clock, limits: RateLimits) => {
  const take = createBuckets(clock)
  return createMiddleware(async function rateLimit(c, next) {
    const path = c.req.path
    const address = clientAddress(c)
    const counted: [string, Rate][] = []
    const perAddress = (kind: string, rate: Rate) => {
      if (address) counted.push([`${kind}:a:${address}`, rate])
    }
    if (c.req.method === 'POST' && (path === '/api/auth/token' || path === '/signin')) {
      perAddress('signin', limits.signInPerAddress)
      const account = await signInAccount(c)
      if (account) counted.push([`signin:e:${hashed(account)}`, limits.signInPerAccount])
    } else if (linkOf(path)) {
      perAddress('links', limits.linksPerAddress)
      counted.push([`links:t:${hashed(linkOf(path)!)}`, limits.linksPerLink])
    } else if (
      path === '/api/verify' ||
      path.startsWith('/api/verify/') ||
      // the page's upload form verifies a file as the API does: the same bucket, or the form is the way around it
      (c.req.method === 'POST' && (path === '/verify' || path === '/verify/'))
    ) {
      perAddress('verify', limits.verifyPerAddress)
    }
    const wait = counted.length ? take(counted) : undefined
    if (wait !== undefined)
      throw new OrderError('rate_limited', `Слишком много запросов: повторите через ${wait} с`, {
        retryAfterSeconds: wait,
      })
    await next()
  })
}
