import { createHash } from 'node:crypto'
import type { Context } from 'hono'
import { remoteAddress } from './context'
import { createMiddleware } from 'hono/factory'
import { OrderError } from '../../domain/errors'
import { canonicalAccount } from '../../services/auth'
import type { Clock } from '../../services/context'
import { type Counted, memoryRateStore, type Rate, type RateStore } from '../../services/rate-limits'

export { createBuckets, type Rate } from '../../services/rate-limits'

export type RateLimits = {
  signInPerAddress: Rate
  /** failed sign-ins of one account from one address: the owner elsewhere is never locked out by a stranger */
  signInPerAccount: Rate
  /** failed sign-ins of one account from every address together: guessing spread over many addresses */
  signInPerAccountTotal?: Rate
  linksPerAddress: Rate
  linksPerLink: Rate
  /** one-time code letters per link and per address (README «Links and decisions by mail») */
  codesPerLink?: Rate
  codesPerAddress?: Rate
  verifyPerAddress: Rate
}

const hashed = (s: string) => createHash('sha256').update(s).digest('base64url').slice(0, 22)

/**
 * The account a sign-in names, from a JSON body (the API) or a form (the sign-in page), as sign-in itself reads
 * it (`canonicalAccount`): invisible characters, spaces around it and case make no other account.
 */
const signInAccount = async (c: Context): Promise<string | undefined> => {
  try {
    const email = c.req.header('content-type')?.includes('json')
      ? ((await c.req.json()) as { email?: unknown } | null)?.email
      : (await c.req.raw.clone().formData()).get('email')
    return typeof email === 'string' ? canonicalAccount(email) : undefined
  } catch {
    return undefined // an unreadable body is refused by the route itself
  }
}

/** The link token of `/links/<token>/…` or `/api/links/<token>/…`. */
const linkOf = (path: string) => /^(?:\/api)?\/links\/([^/]+)/.exec(path)?.[1]

/**
 * Rate limits of the endpoints that take a secret from anyone: sign-in, links (whose token is the
 * credential), one-time code letters, and verification; over a limit the answer is 429 `rate_limited` with
 * Retry-After. Sign-in counts failures only, per address, per account and address, and per account from every
 * address (a higher limit): a stranger locks only their own address out of the account. Keys are hashed: no
 * e-mail or token is kept as sent. Counted in `store`: PostgreSQL's, shared by every instance, or this
 * process's memory on the embedded database.
 */
export const rateLimit = (clock: Clock, limits: RateLimits, store: RateStore = memoryRateStore(clock)) =>
  createMiddleware(async function rateLimit(c, next) {
    const path = c.req.path
    const address = remoteAddress(c)
    const counted: Counted[] = []
    const perAddress = (kind: string, rate: Rate) => {
      if (address) counted.push([`${kind}:a:${hashed(address)}`, rate])
    }
    const refuse = (wait: number) => {
      throw new OrderError('rate_limited', `Слишком много запросов: повторите через ${wait} с`, {
        retryAfterSeconds: wait,
      })
    }
    if (c.req.method === 'POST' && (path === '/api/auth/token' || path === '/signin')) {
      perAddress('signin', limits.signInPerAddress)
      const account = await signInAccount(c)
      if (account) {
        const who = hashed(account)
        counted.push([`signin:e:${who}`, limits.signInPerAccountTotal])
        if (address) counted.push([`signin:ea:${hashed(`${account} ${address}`)}`, limits.signInPerAccount])
      }
      const wait = await store.check(counted)
      if (wait !== undefined) refuse(wait)
      await next()
      // only a wrong password counts: the owner signing in every hour is never locked out by it
      if (c.res.status === 401) await store.count(counted)
      return
    }
    const link = linkOf(path)
    if (link) {
      perAddress('links', limits.linksPerAddress)
      counted.push([`links:t:${hashed(link)}`, limits.linksPerLink])
      if (c.req.method === 'POST' && /^\/api\/links\/[^/]+\/code$/.test(path)) {
        perAddress('codes', limits.codesPerAddress)
        counted.push([`codes:t:${hashed(link)}`, limits.codesPerLink])
      }
    } else if (
      path === '/api/verify' ||
      path.startsWith('/api/verify/') ||
      // the page's upload form verifies a file as the API does: the same bucket, or the form is the way around it
      (c.req.method === 'POST' && (path === '/verify' || path === '/verify/'))
    ) {
      perAddress('verify', limits.verifyPerAddress)
    }
    const wait = counted.length ? await store.take(counted) : undefined
    if (wait !== undefined) refuse(wait)
    await next()
  })
