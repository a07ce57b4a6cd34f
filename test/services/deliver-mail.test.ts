import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mailOutbox } from '../../src/db/schema'
import { createApp } from '../../src/http/app'
import { smtpMailer } from '../../src/jobs/mailer'
import { claimOutbox } from '../../src/db/outbox'
import { deliverOutbox, deliveriesSettled } from '../../src/services/deliver-mail'
import { inTransaction } from '../../src/services/context'
import { queueLetters } from '../../src/services/mail-outbox'
import { testDatabases } from '../support/databases'
import { sampleContent, tokenOf, useHarness } from '../support/harness'
import { bodyOf, type Letter, startSmtp } from '../support/smtp'
import { accountsFor } from '../support/people'

const anna = { name: 'Иванова Анна Петровна', position: 'Заместитель начальника', email: 'anna@test.local' }
const boris = { name: 'Петров Борис Сергеевич', position: 'Юрисконсульт', email: 'boris@test.local' }
const vera = { name: 'Сидорова Вера Ильинична', position: 'Главный бухгалтер', email: 'vera@test.local' }
const director = { name: 'Смирнова Елена Викторовна', position: 'Начальник управления', email: 'dir@test.local' }
const CLERK = 'clerk0@test.local'

describe.each(testDatabases())('letters with links and decisions through the outbox ($name)', ({ open }) => {
  const h = useHarness(open)
  let mail: Awaited<ReturnType<typeof startSmtp>>
  let app: ReturnType<typeof createApp>
  let mailer: ReturnType<typeof smtpMailer>
  beforeAll(async () => {
    mail = await startSmtp()
    mailer = smtpMailer(mail.url)
    app = createApp({ ...h.deps, mailer }, { log: () => {} })
  })
  afterAll(async () => mail?.close())

  /** the answer as soon as it comes, whatever the letters of the request are doing */
  const answer = async (path: string, body?: unknown, token?: string) => {
    const res = await app.request(path, {
      method: 'POST',
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: res.status, body: await res.json() }
  }
  /** the answer, once the letters the request queued went out (they leave in the background) */
  const call = async (path: string, body?: unknown, token?: string) => {
    const res = await answer(path, body, token)
    await deliveriesSettled(mailer)
    return res
  }
  const accounts = accountsFor(h)
  const submit = async (route: Parameters<typeof accounts>[0]) => {
    const token = h.orgs[0]!.clerk
    const id = (await call('/api/orders', sampleContent(), token)).body.id as string
    const res = await call(`/api/orders/${id}/submit`, await accounts(route), token)
    expect(res.status).toBe(200)
    return { id, links: res.body.links as { email: string; url: string }[] }
  }
  const since = (n: number) => mail.letters.slice(n)
  /** letters handing over a link (a one-time code's letter has none) */
  const linkLetters = (letters: Letter[]) => letters.filter((l) => /\/links\/[\w-]+/.test(bodyOf(l.raw)))
  const tokenIn = (l: Letter) => bodyOf(l.raw).match(/\/links\/([\w-]+)/)![1]!
  const clerkLetters = (letters: Letter[]) => letters.filter((l) => l.to.includes(CLERK))
  const codeFor = async (token: string) => {
    const before = mail.letters.length
    expect((await call(`/api/links/${token}/code`)).status).toBe(200)
    return bodyOf(mail.letters.at(before)!.raw).match(/(\d{6})/)![1]!
  }
  const approve = async (token: string) => call(`/api/links/${token}/approve`, { code: await codeFor(token) })
  const outboxOf = (id: string) => h.deps.db.select().from(mailOutbox).where(eq(mailOutbox.orderId, id))

  it('each step gets its links when its turn comes, the signer after the last visa; the clerk hears of each decision', async () => {
    let n = mail.letters.length
    const o = await submit({ steps: [[anna, boris], [vera]], signer: director })
    // only step 1 is mailed, with the very links the clerk was answered
    const first = linkLetters(since(n))
    expect(first.map((l) => l.to[0]).sort()).toEqual([anna.email, boris.email])
    expect(since(n)).toHaveLength(2)
    for (const l of first) expect(o.links.find((x) => x.email === l.to[0])!.url).toContain(tokenIn(l))
    const annaToken = tokenIn(first.find((l) => l.to[0] === anna.email)!)
    const borisToken = tokenIn(first.find((l) => l.to[0] === boris.email)!)

    n = mail.letters.length
    expect((await approve(annaToken)).status).toBe(200)
    // the step is not over: nobody new is mailed, the clerk learns of the visa
    expect(linkLetters(since(n))).toHaveLength(0)
    expect(clerkLetters(since(n))).toHaveLength(1)
    expect(bodyOf(clerkLetters(since(n))[0]!.raw)).toContain(`${anna.name} согласовал`)

    n = mail.letters.length
    expect((await approve(borisToken)).status).toBe(200)
    const second = linkLetters(since(n))
    expect(second.map((l) => l.to[0])).toEqual([vera.email])
    expect(clerkLetters(since(n))).toHaveLength(1)
    // a fresh link: the one answered at submission (never mailed) is revoked
    const veraToken = tokenIn(second[0]!)
    const submitted = tokenOf(o.links.find((l) => l.email === vera.email)!.url)
    expect(veraToken).not.toBe(submitted)
    expect((await call(`/api/links/${submitted}/approve`, {})).status).toBe(410)

    n = mail.letters.length
    expect((await approve(veraToken)).status).toBe(200)
    const third = linkLetters(since(n))
    expect(third.map((l) => l.to[0])).toEqual([director.email])
    const signerToken = tokenIn(third[0]!)
    expect((await call(`/api/links/${signerToken}/sign`, { code: await codeFor(signerToken) })).status).toBe(200)
    const signed = clerkLetters(since(n))
    expect(signed).toHaveLength(2)
    expect(bodyOf(signed[1]!.raw)).toContain(`${director.name} подписал`)

    // every letter was sent once, and none rests in clear: no token in any row (the four codes' letters too)
    const rows = await outboxOf(o.id)
    expect(rows).toHaveLength(2 + 1 + 1 + 1 + 1 + 1 + 1 + 4)
    expect(rows.every((r) => r.sentAt && r.attempts === 1)).toBe(true)
    const stored = JSON.stringify(rows.map((r) => [Buffer.from(r.sealed).toString('latin1'), r.lastError]))
    for (const t of [annaToken, borisToken, veraToken, signerToken]) {
      expect(stored).not.toContain(t)
      expect(Buffer.from(rows.map((r) => Buffer.from(r.sealed).toString('hex')).join())).not.toContain(
        Buffer.from(t).toString('hex'),
      )
    }
    expect(stored).not.toContain(anna.email)
  })

  it('a return reaches the clerk with its comment and mails nobody else', async () => {
    const o = await submit({ approvers: [anna], signer: director })
    const token = tokenOf(o.links[0]!.url)
    const n = mail.letters.length
    // anna signed in (a return with mail on needs her session, or a code, which would be a letter of its own)
    const anna_ = (await accounts({ approvers: [anna], signer: director })).approvers![0]!.userId
    const returned = await call(
      `/api/links/${token}/return`,
      { comment: 'Уточните срок исполнения' },
      h.personTokens.get(anna_),
    )
    expect(returned.status).toBe(200)
    expect(since(n)).toHaveLength(1)
    expect(since(n)[0]!.to).toEqual([CLERK])
    expect(bodyOf(since(n)[0]!.raw)).toContain('вернул на доработку')
    expect(bodyOf(since(n)[0]!.raw)).toContain('Уточните срок исполнения')
  })

  it('without approvers the signer is mailed at submission', async () => {
    const n = mail.letters.length
    await submit({ approvers: [], signer: director })
    expect(linkLetters(since(n)).map((l) => l.to[0])).toEqual([director.email])
  })

  it('re-issued links are mailed to the people the order waits on, and only to them', async () => {
    const o = await submit({ steps: [[anna], [boris]], signer: director })
    const n = mail.letters.length
    const res = await call(`/api/orders/${o.id}/links/reissue`, undefined, h.orgs[0]!.clerk)
    expect(res.status).toBe(200)
    const letters = linkLetters(since(n))
    expect(letters.map((l) => l.to[0])).toEqual([anna.email])
    expect(res.body.links[0].url).toContain(tokenIn(letters[0]!))
    expect((await call(`/api/links/${tokenOf(o.links[0]!.url)}/approve`, {})).status).toBe(410)
  })

  it('an SMTP outage leaves the letters unsent; a later run delivers each exactly once', async () => {
    const port = mail.port
    await mail.close()
    const o = await submit({ approvers: [anna, boris], signer: director })
    let rows = await outboxOf(o.id)
    expect(rows).toHaveLength(2)
    expect(rows.every((r) => !r.sentAt && !r.sendingAt && r.lastError)).toBe(true)
    expect(await deliverOutbox(h.deps, mailer)).toMatchObject({ sent: 0 })
    mail = await startSmtp(port)
    const [a, b] = await Promise.all([deliverOutbox(h.deps, mailer), deliverOutbox(h.deps, mailer)])
    expect(a.sent + b.sent).toBe(2)
    expect((await deliverOutbox(h.deps, mailer)).sent).toBe(0)
    // nor later, when the claims of sent letters are long stale
    const start = h.clock.now()
    h.clock.set(new Date(start.getTime() + 60 * 60_000))
    try {
      expect((await deliverOutbox(h.deps, mailer)).sent).toBe(0)
    } finally {
      h.clock.set(start)
    }
    expect(mail.letters.map((l) => l.to[0]).sort()).toEqual([anna.email, boris.email])
    rows = await outboxOf(o.id)
    expect(rows.every((r) => r.sentAt)).toBe(true)
  })

  it('a code request and a decision answer while the SMTP server still holds their letters', async () => {
    const o = await submit({ approvers: [anna], signer: director })
    const token = tokenOf(o.links[0]!.url)
    const n = mail.letters.length
    /** what comes first: the request's answer, or its letter reaching the server (held there unaccepted) */
    const race = async (path: string, body?: unknown) => {
      const { held, release } = mail.hold()
      const answered = answer(path, body)
      let first: string
      let accepted: number
      try {
        first = await Promise.race([answered.then(() => 'answer'), held.then(() => 'letter')])
        accepted = mail.letters.length
      } finally {
        release() // a request that waits for its letter answers only now
      }
      const res = await answered
      await deliveriesSettled(mailer)
      return { first, res, accepted }
    }
    const asked = await race(`/api/links/${token}/code`)
    expect(asked.first).toBe('answer')
    expect(asked.res.status).toBe(200)
    expect(asked.accepted).toBe(n)
    // the letter went once released
    expect(since(n).map((l) => l.to[0])).toEqual([anna.email])
    const code = bodyOf(since(n)[0]!.raw).match(/(\d{6})/)![1]!
    const decided = await race(`/api/links/${token}/approve`, { code })
    expect(decided.first).toBe('answer')
    expect(decided.res.status).toBe(200)
    expect(decided.accepted).toBe(n + 1)
    // the signer's link and the clerk's notice followed
    expect(
      since(n + 1)
        .map((l) => l.to[0])
        .sort(),
    ).toEqual([CLERK, director.email].sort())
  })

  it('a letter is queued in the transaction of its event: a rolled-back event leaves no letter', async () => {
    const o = await submit({ approvers: [anna], signer: director })
    const before = (await outboxOf(o.id)).length
    const ctx = { ...h.deps, mailer, actor: { type: 'system' as const, name: 'test' }, meta: {} }
    await expect(
      inTransaction(ctx, async (tx) => {
        await queueLetters(tx, ctx, o.id, [{ to: CLERK, subject: 'x', text: 'y' }])
        throw new Error('the event fails after its letter was queued')
      }),
    ).rejects.toThrow('the event fails')
    expect(await outboxOf(o.id)).toHaveLength(before)
  })

  it('a letter claimed by a sender that died is sent by a later run once the claim is stale', async () => {
    await mail.close()
    const o = await submit({ approvers: [vera], signer: director })
    mail = await startSmtp(mail.port)
    // a sender claims it and dies before sending
    expect((await claimOutbox(h.deps.db, h.clock.now(), new Date(0))).map((r) => r.orderId)).toEqual([o.id])
    expect((await deliverOutbox(h.deps, mailer)).sent).toBe(0)
    const start = h.clock.now()
    h.clock.set(new Date(start.getTime() + 6 * 60_000))
    try {
      expect((await deliverOutbox(h.deps, mailer)).sent).toBe(1)
    } finally {
      h.clock.set(start)
    }
    expect(mail.letters.map((l) => l.to[0])).toEqual([vera.email])
    // the row's id is the letter's Message-ID: a letter sent again after a crash is the same message
    const [row] = await outboxOf(o.id)
    expect(mail.letters[0]!.raw).toMatch(new RegExp(`^Message-ID: <outbox\\.${row!.id}@localhost>`, 'im'))
  })
})

describe.each(testDatabases())('without SMTP_URL nothing is queued ($name)', ({ open }) => {
  const h = useHarness(open)
  it('the links are answered to the clerk, the outbox stays empty', async () => {
    const token = h.orgs[0]!.clerk
    const id = (await h.call('POST', '/api/orders', { token, body: sampleContent() })).body.id as string
    const res = await h.call('POST', `/api/orders/${id}/submit`, {
      token,
      body: await accountsFor(h)({ approvers: [anna], signer: director }),
    })
    expect(res.body.links).toHaveLength(2)
    expect((await h.call('POST', `/api/links/${tokenOf(res.body.links[0].url)}/approve`, { body: {} })).status).toBe(
      200,
    )
    expect(await h.deps.db.select().from(mailOutbox)).toHaveLength(0)
  })
})
