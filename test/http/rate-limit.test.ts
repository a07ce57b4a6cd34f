import { request } from 'node:http'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../src/db/client'
import { migrateDatabase } from '../../src/db/migrate'
import { createApp } from '../../src/http/app'
import { createBuckets, type RateLimits } from '../../src/http/middleware/rate-limit'
import { sampleContent, startHarness, testClock, tokenOf, type Harness } from '../support/harness'
import { approver as approverRef, director } from '../support/people'

const limits: RateLimits = {
  signInPerAddress: { limit: 3, windowMs: 10 * 60_000 },
  signInPerAccount: { limit: 2, windowMs: 10 * 60_000 },
  signInPerAccountTotal: { limit: 5, windowMs: 10 * 60_000 },
  linksPerAddress: { limit: 6, windowMs: 60_000 },
  linksPerLink: { limit: 4, windowMs: 60_000 },
  verifyPerAddress: { limit: 2, windowMs: 60_000 },
  codesPerLink: { limit: 3, windowMs: 60_000 },
  codesPerAddress: { limit: 5, windowMs: 60_000 },
}

/** A request from a given loopback address (127.0.0.x all reach the server), as a real client's. */
const from = (
  port: number,
  address: string,
  method: string,
  path: string,
  body?: unknown,
  bearer?: string, // a link acts for its person: their token, as they would be signed in
) =>
  new Promise<{ status: number; headers: Record<string, unknown>; json: any }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        localAddress: address,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        },
      },
      (res) => {
        let text = ''
        res.on('data', (d: Buffer) => {
          text += d.toString()
        })
        res.on('end', () => {
          let json: unknown
          try {
            json = JSON.parse(text)
          } catch {}
          resolve({ status: res.statusCode!, headers: res.headers, json })
        })
      },
    )
    req.on('error', reject)
    req.end(body === undefined ? undefined : JSON.stringify(body))
  })

describe('token buckets', () => {
  const perMinute = { limit: 3, windowMs: 60_000 }

  it('never hold more than the limit: a long quiet spell does not save up a burst', () => {
    const clock = testClock()
    const take = createBuckets(clock)
    expect(take([['k', perMinute]])).toBeUndefined()
    clock.advanceDays(1)
    for (let i = 0; i < 3; i++) expect(take([['k', perMinute]])).toBeUndefined()
    expect(take([['k', perMinute]])).toBe(20) // a minute / 3
  })

  it('forget the least recently used keys beyond their number, and only those', () => {
    const clock = testClock()
    const take = createBuckets(clock, { maxKeys: 2 })
    const twice = { limit: 2, windowMs: 3_600_000 }
    expect(take([['a', twice]])).toBeUndefined()
    expect(take([['b', twice]])).toBeUndefined()
    expect(take([['a', twice]])).toBeUndefined()
    expect(take([['a', twice]])).toBe(1800)
    // a third key pushes out the one used longest ago (b, though a came first): b starts again full
    expect(take([['c', twice]])).toBeUndefined()
    expect(take([['a', twice]])).toBe(1800)
    expect(take([['b', twice]])).toBeUndefined()
  })
})

describe('rate limits on sign-in, links and verification', () => {
  let database: Database
  let h: Harness
  let port: number
  let close: () => void
  const signIn = (address: string, email: string, password = 'wrong password') =>
    from(port, address, 'POST', '/api/auth/token', { email, password })
  const later = (ms: number) => h.clock.set(new Date(h.clock.now().getTime() + ms))

  beforeAll(async () => {
    database = await openDatabase({})
    await migrateDatabase(database)
    h = await startHarness(database)
    const app = createApp(h.deps, { log: () => {}, rateLimits: limits })
    await new Promise<void>((resolve) => {
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
        port = info.port
        resolve()
      })
      close = () => server.close()
    })
  })
  afterAll(async () => {
    close()
    await database.close()
  })

  it('the N+1st sign-in from one address is 429 with Retry-After; another address is unaffected; time restores it', async () => {
    for (const i of [1, 2, 3]) expect((await signIn('127.0.0.11', `nobody${i}@test.local`)).status).toBe(401)
    const refused = await signIn('127.0.0.11', 'clerk0@test.local', 'correct horse battery')
    expect(refused.status).toBe(429)
    expect(refused.headers['retry-after']).toBe('200') // 10 minutes / 3 attempts
    expect(refused.json.error).toMatchObject({ code: 'rate_limited', details: { retryAfterSeconds: 200 } })
    expect(refused.json.error.requestId).toBeTruthy()
    // another address still signs in
    expect((await signIn('127.0.0.12', 'clerk0@test.local', 'correct horse battery')).status).toBe(200)
    later(199_000)
    expect((await signIn('127.0.0.11', 'nobody@test.local')).status).toBe(429)
    later(1_000)
    expect((await signIn('127.0.0.11', 'clerk0@test.local', 'correct horse battery')).status).toBe(200)
  })

  it('a stranger locks only their own address out of an account; the owner elsewhere signs in', async () => {
    later(3_600_000)
    const target = 'controller0@test.local'
    // the account as sign-in reads it: an invisible character, spaces around it and its case make no other one
    expect((await signIn('127.0.1.1', 'con\u200btroller0@test.local')).status).toBe(401)
    expect((await signIn('127.0.1.1', ` ${target.toUpperCase()} `)).status).toBe(401)
    // the right password does not get through from that address: guessing gains nothing
    const refused = await signIn('127.0.1.1', target, 'correct horse battery')
    expect(refused.status).toBe(429)
    expect(Number(refused.headers['retry-after'])).toBe(300)
    // the owner, from another address, signs in, again and again: successes are never counted
    for (let i = 0; i < 6; i++) expect((await signIn('127.0.1.2', target, 'correct horse battery')).status).toBe(200)
  })

  it('failures from every address together lock the account at a higher limit; other accounts go on', async () => {
    later(3_600_000)
    const target = 'admin1@test.local'
    for (const i of [1, 2, 3, 4, 5]) expect((await signIn(`127.0.5.${i}`, target)).status).toBe(401)
    const refused = await signIn('127.0.5.6', target, 'correct horse battery')
    expect(refused.status).toBe(429)
    expect(Number(refused.headers['retry-after'])).toBe(120)
    expect((await signIn('127.0.5.6', 'admin0@test.local', 'correct horse battery')).status).toBe(200)
  })

  it('a link is limited per link and per address, on its page and its API', async () => {
    later(3_600_000)
    const created = await h.call('POST', '/api/orders', { token: h.orgs[0]!.clerk, body: sampleContent() })
    const submitted = await h.call('POST', `/api/orders/${created.body.id}/submit`, {
      token: h.orgs[0]!.clerk,
      body: { steps: [[approverRef(1)]], signer: director() },
    })
    const [approver, signer] = (submitted.body.links as { url: string }[]).map((l) => tokenOf(l.url))
    // each link's own person, signed in (anyone else is refused before the limit matters)
    const approverToken = h.personTokens.get(approverRef(1).userId)
    const signerToken = h.personTokens.get(director().userId)
    for (const address of ['127.0.2.1', '127.0.2.2', '127.0.2.3', '127.0.2.4'])
      expect((await from(port, address, 'GET', `/links/${approver}`, undefined, approverToken)).status).toBe(200)
    const perLink = await from(port, '127.0.2.5', 'POST', `/api/links/${approver}/approve`, {}, approverToken)
    expect(perLink.status).toBe(429)
    expect(perLink.headers['retry-after']).toBe('15') // a minute / 4
    // the other link from the same address goes on
    expect((await from(port, '127.0.2.5', 'GET', `/links/${signer}`, undefined, signerToken)).status).toBe(200)
    // six link requests from one address, whatever the links: the seventh is refused
    for (let i = 0; i < 5; i++) await from(port, '127.0.2.6', 'GET', `/links/unknown-token-${i}`)
    expect((await from(port, '127.0.2.6', 'GET', '/links/unknown-token-5')).status).toBe(404)
    expect((await from(port, '127.0.2.6', 'GET', `/links/${signer}`, undefined, signerToken)).status).toBe(429)
    later(15_000)
    expect((await from(port, '127.0.2.5', 'POST', `/api/links/${approver}/approve`, {}, approverToken)).status).toBe(
      200,
    )
  })

  it('a one-time code request is counted with its link and its address, like a decision', async () => {
    later(3_600_000)
    const created = await h.call('POST', '/api/orders', { token: h.orgs[0]!.clerk, body: sampleContent() })
    const submitted = await h.call('POST', `/api/orders/${created.body.id}/submit`, {
      token: h.orgs[0]!.clerk,
      body: { approvers: [approverRef(1)], signer: director() },
    })
    const [approver] = (submitted.body.links as { url: string }[]).map((l) => tokenOf(l.url))
    const code = (address: string, token = approver) => from(port, address, 'POST', `/api/links/${token}/code`)
    // mail is off here: each request is answered 409 (no codes), and still counted
    // three code letters per link (the link itself allows four requests)
    for (const address of ['127.0.4.1', '127.0.4.2', '127.0.4.3']) expect((await code(address)).status).toBe(409)
    const perLink = await code('127.0.4.5')
    expect(perLink.status).toBe(429)
    expect(perLink.headers['retry-after']).toBe('20')
    // five code requests from one address, whatever the links: the sixth is refused (links allow six)
    for (let i = 0; i < 5; i++) expect((await code('127.0.4.6', `unknown-token-${i}`)).status).toBe(409)
    expect((await code('127.0.4.6', 'unknown-token-5')).status).toBe(429)
    // the address may still open links: only code letters are held back
    expect((await from(port, '127.0.4.6', 'GET', '/links/unknown-token-6')).status).toBe(404)
  })

  it('verification is limited per address', async () => {
    for (let i = 0; i < 2; i++) expect((await from(port, '127.0.3.1', 'GET', '/api/verify')).status).not.toBe(429)
    expect((await from(port, '127.0.3.1', 'POST', '/api/verify')).status).toBe(429)
    expect((await from(port, '127.0.3.2', 'POST', '/api/verify')).status).not.toBe(429)
  })

  it('the /verify page’s upload form shares the API’s bucket: it is no way around the limit', async () => {
    // the page itself (GET) is not counted; each upload is
    for (let i = 0; i < 3; i++) expect((await from(port, '127.0.3.3', 'GET', '/verify')).status).toBe(200)
    expect((await from(port, '127.0.3.3', 'POST', '/verify')).status).not.toBe(429)
    expect((await from(port, '127.0.3.3', 'POST', '/api/verify')).status).not.toBe(429)
    const refused = await from(port, '127.0.3.3', 'POST', '/verify')
    expect(refused.status).toBe(429)
    expect(refused.headers['retry-after']).toBe('30')
  })
})
