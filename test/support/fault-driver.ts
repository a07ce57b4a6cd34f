/**
 * A small driver for fault tests: a few clients walk orders from draft to registration against whichever
 * service processes are alive, retrying what a killed process left unanswered, and say which requests are in
 * flight on which process so a test can kill one in the middle of a registration or a signature.
 */

export type Kind = 'create' | 'submit' | 'approve' | 'sign' | 'register' | 'read'

import { requestJson } from './server'

type Answer = { status: number; body: any }

/** The processes a driver may call: their base URLs, changed by the test as it kills and restarts them. */
export class Cluster {
  bases: string[] = []
  private next = 0
  /** requests sent and not yet answered, per base URL and kind */
  readonly inFlight = new Map<string, Map<Kind, number>>()

  pick(): string {
    if (!this.bases.length) throw new Error('no live process')
    this.next = (this.next + 1) % this.bases.length
    return this.bases[this.next]!
  }

  count(base: string, kind: Kind) {
    return this.inFlight.get(base)?.get(kind) ?? 0
  }

  private add(base: string, kind: Kind, d: number) {
    const m = this.inFlight.get(base) ?? new Map<Kind, number>()
    m.set(kind, (m.get(kind) ?? 0) + d)
    this.inFlight.set(base, m)
  }

  /** One request to a live process; undefined when the connection broke (the process died under it). */
  async call(token: string | undefined, kind: Kind, method: string, path: string, body?: unknown) {
    const base = this.pick()
    this.add(base, kind, 1)
    try {
      const { status, body: answer } = await requestJson(base + path, method, {
        body,
        token,
        signal: AbortSignal.timeout(120_000),
      })
      return { status, body: answer } as Answer
    } catch {
      return undefined
    } finally {
      this.add(base, kind, -1)
    }
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** What the clients were told: orders created (201) and numbers answered (200), by order id. */
export type Acknowledged = { created: Set<string>; registered: Map<string, string>; errors: string[] }

/**
 * `clients` loops, each walking one order at a time: create, submit (one approver and the signer), approve,
 * sign, register. A request whose connection broke is sent again (to a live process); an answer that says the
 * step is already done (409/410 after a lost answer) is checked against the order's status. Any other
 * unexpected answer is recorded in `errors`. Stops starting new orders when `stop()` is called and resolves
 * when every started order is registered.
 */
export const driveOrders = (
  cluster: Cluster,
  token: string,
  clients: number,
  content: (i: number) => unknown,
  route: { approvers: { userId: string }[]; signer: { userId: string } },
  /** bearer tokens of the approver and the signer: a link decides only for its person */
  deciders: { approve: string; sign: string },
) => {
  const ack: Acknowledged = { created: new Set(), registered: new Map(), errors: [] }
  let stopping = false
  let n = 0

  /** Sends until some process answers. */
  const send = async (kind: Kind, method: string, path: string, body?: unknown, t: string | undefined = token) => {
    for (let attempt = 0; attempt < 400; attempt++) {
      const res = await cluster.call(t, kind, method, path, body)
      if (res && res.status !== 503) return res
      await pause(100)
    }
    throw new Error(`${method} ${path}: no live process answered`)
  }
  const status = async (id: string) => (await send('read', 'GET', `/api/orders/${id}`)).body.status as string
  const unexpected = (what: string, res: Answer) => {
    ack.errors.push(`${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`)
  }

  const walk = async (i: number) => {
    // a create whose answer was lost leaves a draft nobody knows of: a new one is made
    let id: string | undefined
    while (!id) {
      const res = await cluster.call(token, 'create', 'POST', '/api/orders', content(i))
      if (res?.status === 201) id = res.body.id as string
      else if (res && res.status !== 503) return unexpected('create', res)
      else await pause(100)
    }
    ack.created.add(id)
    const reissue = async () => {
      const again = await send('submit', 'POST', `/api/orders/${id}/links/reissue`)
      if (again.status !== 200) {
        unexpected('reissue', again)
        return undefined
      }
      return again.body.links.map((l: { url: string }) => l.url.split('/links/')[1]) as string[]
    }
    // the link of each decision: both from the submission's answer; a reissue gives only the awaited one
    const link: { approve?: string; sign?: string } = {}
    for (let submitted = false; !submitted; ) {
      const res = await cluster.call(token, 'submit', 'POST', `/api/orders/${id}/submit`, route)
      if (res?.status === 200) {
        ;[link.approve, link.sign] = res.body.links.map((l: { url: string }) => l.url.split('/links/')[1])
        submitted = true
      } else if (res && res.status !== 409 && res.status !== 503) return unexpected('submit', res)
      else if (res?.status === 409 || (await status(id)) !== 'draft') submitted = true // its answer was lost
    }
    for (const [decision, expected] of [
      ['approve', 'approval'],
      ['sign', 'signature'],
    ] as const) {
      while ((await status(id)) === expected) {
        if (!link[decision]) {
          const again = await reissue()
          if (!again) return
          link[decision] = again[0]
          continue
        }
        const res = await send(decision, 'POST', `/api/links/${link[decision]}/${decision}`, {}, deciders[decision])
        if (res.status === 200) break
        // used by a request whose answer was lost (the status says so), or gone: a fresh one next turn
        if (res.status === 410 || res.status === 409 || res.status === 404) link[decision] = undefined
        else return unexpected(decision, res)
      }
    }
    for (;;) {
      const res = await send('register', 'POST', `/api/orders/${id}/register`, {})
      if (res.status === 200) {
        ack.registered.set(id, res.body.number)
        return
      }
      if (res.status === 409 && (await status(id)) === 'registered') return
      return unexpected('register', res)
    }
  }

  const loop = async () => {
    while (!stopping) {
      try {
        await walk(n++)
      } catch (e) {
        ack.errors.push(String(e))
      }
    }
  }
  const done = Promise.all(Array.from({ length: clients }, loop))
  return {
    ack,
    stop: async () => {
      stopping = true
      await done
    },
  }
}
