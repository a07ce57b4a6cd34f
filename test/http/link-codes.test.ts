import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditEvents, linkCodes, renderings } from '../../src/db/schema'
import { createApp } from '../../src/http/app'
import { smtpMailer } from '../../src/jobs/mailer'
import { deliveriesSettled } from '../../src/services/deliver-mail'
import { testDatabases } from '../support/databases'
import { sampleContent, tokenOf, useHarness } from '../support/harness'
import { accountsFor } from '../support/people'
import { bodyOf, startSmtp } from '../support/smtp'

/** A code as itself, not six digits inside a hash or an id that happen to match it (one run in a thousand). */
const standingAlone = (code: string) => new RegExp(`(?<![0-9a-z])${code}(?![0-9a-z])`, 'i')

const approvers = [
  { name: 'Иванова Ирина Петровна', position: 'Заместитель начальника', email: 'ivanova@test.local' },
  { name: 'Петров Пётр Сергеевич', position: 'Юрисконсульт', email: 'petrov@test.local' },
]
const director = { name: 'Смирнова Елена Викторовна', position: 'Начальник управления', email: 'dir@test.local' }

describe.each(testDatabases())('one-time codes before a decision when mail is on ($name)', ({ open }) => {
  const h = useHarness(open)
  let mail: Awaited<ReturnType<typeof startSmtp>>
  const logged: string[] = []
  let app: ReturnType<typeof createApp>
  let mailer: ReturnType<typeof smtpMailer>
  beforeAll(async () => {
    mail = await startSmtp()
    mailer = smtpMailer(mail.url)
    app = createApp({ ...h.deps, mailer }, { log: (line) => logged.push(String(line)) })
  })
  afterAll(async () => mail?.close())

  const post = async (path: string, body?: unknown) => {
    const res = await app.request(path, {
      method: 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const answered = { status: res.status, body: await res.json() }
    await deliveriesSettled(mailer) // the request's letters leave in the background
    return answered
  }
  const accounts = accountsFor(h)
  const submit = async (sequential = true) => {
    const token = h.orgs[0]!.clerk
    const id = (await h.call('POST', '/api/orders', { token, body: sampleContent() })).body.id as string
    const res = await h.call('POST', `/api/orders/${id}/submit`, {
      token,
      body: await accounts({ approvers, sequential, signer: director }),
    })
    expect(res.status).toBe(200)
    return { id, tokens: (res.body.links as { url: string }[]).map((l) => tokenOf(l.url)) }
  }
  /** asks for a code and reads it from the letter the SMTP server received */
  const codeFor = async (token: string, to: string) => {
    const before = mail.letters.length
    const res = await post(`/api/links/${token}/code`)
    expect(res.status).toBe(200)
    expect(res.body.sentTo).toMatch(/^.•+.@test\.local$/)
    expect(JSON.stringify(res.body)).not.toMatch(/\d{6}/)
    expect(mail.letters).toHaveLength(before + 1)
    const letter = mail.letters.at(-1)!
    expect(letter.to).toEqual([to])
    return bodyOf(letter.raw).match(/(\d{6})/)![1]!
  }
  const other = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0')
  const signedRevisions = async (id: string) =>
    (
      await h.deps.db
        .select()
        .from(renderings)
        .where(and(eq(renderings.orderId, id), eq(renderings.stage, 'signed')))
    ).length

  it('a decision needs the mailed code; the code works once, for its own link, and never shows in logs or audit', async () => {
    const o = await submit()
    const noCode = await post(`/api/links/${o.tokens[0]}/approve`, {})
    expect(noCode.status).toBe(422)
    expect(noCode.body.error.details[0].path).toBe('code')
    expect((await post(`/api/links/${o.tokens[0]}/approve`, { code: '12ab56' })).status).toBe(422)
    const code = await codeFor(o.tokens[0]!, 'ivanova@test.local')
    // the stored row holds a hash, not the code
    const [row] = await h.deps.db.select().from(linkCodes)
    expect(JSON.stringify(row)).not.toMatch(standingAlone(code))
    const wrong = await post(`/api/links/${o.tokens[0]}/approve`, { code: other(code) })
    expect(wrong.status).toBe(403)
    expect(wrong.body.error.message).toContain('Осталось попыток: 4')
    expect(await signedRevisions(o.id)).toBe(1)
    expect((await post(`/api/links/${o.tokens[0]}/approve`, { code })).status).toBe(200)
    expect(await signedRevisions(o.id)).toBe(2)
    // used: the link is spent, and the same code on the next person's link signs nothing (the step over, the
    // next person's link is a fresh one, mailed to him: the one answered at submission is revoked)
    expect((await post(`/api/links/${o.tokens[0]}/approve`, { code })).status).toBe(410)
    const mailedTo = (to: string) =>
      tokenOf(bodyOf(mail.letters.findLast((l) => l.to[0] === to)!.raw).match(/(\S+\/links\/\S+)/)![1]!)
    const petrov = mailedTo('petrov@test.local')
    expect((await post(`/api/links/${o.tokens[1]}/approve`, { code })).status).toBe(410)
    const elsewhere = await post(`/api/links/${petrov}/approve`, { code })
    expect(elsewhere.status).toBe(403)
    expect(elsewhere.body.error.message).toContain('не запрошен')
    // a code of the next person's own, then the director's after the last visa
    expect(
      (await post(`/api/links/${petrov}/approve`, { code: await codeFor(petrov, 'petrov@test.local') })).status,
    ).toBe(200)
    const dir = mailedTo('dir@test.local')
    expect((await post(`/api/links/${dir}/sign`, {})).status).toBe(422)
    const signed = await post(`/api/links/${dir}/sign`, { code: await codeFor(dir, 'dir@test.local') })
    expect(signed.status).toBe(200)
    expect(signed.body.status).toBe('signed')
    const codes = mail.letters.flatMap((l) => bodyOf(l.raw).match(/решения по приказу: (\d{6})/)?.[1] ?? [])
    expect(codes.length).toBeGreaterThanOrEqual(3)
    const audit = JSON.stringify(await h.deps.db.select().from(auditEvents).where(eq(auditEvents.orderId, o.id)))
    for (const c of codes) {
      expect(audit).not.toMatch(standingAlone(c))
      expect(logged.join('\n')).not.toMatch(standingAlone(c))
    }
  })

  it('no code goes to anyone before their turn: not to the second step’s approver, not to the director', async () => {
    const o = await submit()
    const before = mail.letters.length
    for (const early of [o.tokens[1]!, o.tokens[2]!]) {
      const res = await post(`/api/links/${early}/code`)
      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('lifecycle_forbids')
    }
    expect(mail.letters).toHaveLength(before)
    // the first step's approver, whose turn it is, gets hers
    await codeFor(o.tokens[0]!, 'ivanova@test.local')
  })

  it('a code expires after 10 minutes; an expired code is not counted as a wrong try', async () => {
    const o = await submit()
    const code = await codeFor(o.tokens[0]!, 'ivanova@test.local')
    const start = h.clock.now()
    // ten minutes to the millisecond: the code has lived its 10 minutes and is refused
    h.clock.set(new Date(start.getTime() + 10 * 60_000))
    try {
      const atExpiry = await post(`/api/links/${o.tokens[0]}/approve`, { code })
      expect(atExpiry.status).toBe(403)
      expect(atExpiry.body.error.message).toContain('истёк')
      h.clock.set(new Date(start.getTime() + 10 * 60_000 + 1000))
      const late = await post(`/api/links/${o.tokens[0]}/approve`, { code })
      expect(late.status).toBe(403)
      expect(late.body.error.message).toContain('истёк')
      const fresh = await codeFor(o.tokens[0]!, 'ivanova@test.local')
      h.clock.set(new Date(h.clock.now().getTime() + 9 * 60_000))
      expect((await post(`/api/links/${o.tokens[0]}/approve`, { code: fresh })).status).toBe(200)
    } finally {
      h.clock.set(start)
    }
  })

  it('five wrong codes lock the link (423): the right code, a new code and the page are refused after', async () => {
    const o = await submit()
    const code = await codeFor(o.tokens[0]!, 'ivanova@test.local')
    for (let i = 1; i <= 4; i++) {
      const res = await post(`/api/links/${o.tokens[0]}/approve`, { code: other(code) })
      expect(res.status).toBe(403)
      expect(res.body.error.message).toContain(`Осталось попыток: ${5 - i}`)
    }
    const fifth = await post(`/api/links/${o.tokens[0]}/approve`, { code: other(code) })
    expect(fifth.status).toBe(423)
    expect((await post(`/api/links/${o.tokens[0]}/approve`, { code })).status).toBe(423)
    expect((await post(`/api/links/${o.tokens[0]}/code`)).status).toBe(423)
    expect((await post(`/api/links/${o.tokens[0]}/return`, { comment: 'нет' })).status).toBe(423)
    expect((await app.request(`/links/${o.tokens[0]}`)).status).toBe(423)
    expect(await signedRevisions(o.id)).toBe(1)
    const order = (await h.call('GET', `/api/orders/${o.id}`, { token: h.orgs[0]!.clerk })).body
    expect(order.status).toBe('approval')
  })

  it('a return for revision needs no code from the person signed in: it signs nothing; nobody signed in needs one', async () => {
    const o = await submit()
    // not signed in, the code is what proves the person: without it the return is refused
    expect((await post(`/api/links/${o.tokens[0]}/return`, { comment: 'Уточните сроки в пункте 2' })).status).toBe(401)
    const asPerson = await app.request(`/api/links/${o.tokens[0]}/return`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${h.personTokens.get((await accounts({ approvers, signer: director })).approvers![0]!.userId)}`,
      },
      body: JSON.stringify({ comment: 'Уточните сроки в пункте 2' }),
    })
    expect(asPerson.status).toBe(200)
    await deliveriesSettled(mailer) // its letter to the clerk leaves in the background
    const order = (await h.call('GET', `/api/orders/${o.id}`, { token: h.orgs[0]!.clerk })).body
    expect(order.status).not.toBe('approval')
    expect(await signedRevisions(o.id)).toBe(1) // the file as rendered for signing, no visa on it
  })

  it('code letters are throttled per link: one a minute, whatever the presses', async () => {
    const o = await submit()
    await codeFor(o.tokens[0]!, 'ivanova@test.local')
    const letters = mail.letters.length
    for (let i = 0; i < 5; i++) {
      const again = await post(`/api/links/${o.tokens[0]}/code`)
      expect(again.status).toBe(429)
      expect(again.body.error.code).toBe('rate_limited')
    }
    expect(mail.letters.length).toBe(letters)
    const start = h.clock.now()
    try {
      h.clock.set(new Date(start.getTime() + 59_000))
      expect((await post(`/api/links/${o.tokens[0]}/code`)).status).toBe(429)
      h.clock.set(new Date(start.getTime() + 60_000))
      await codeFor(o.tokens[0]!, 'ivanova@test.local')
    } finally {
      h.clock.set(start)
    }
  })

  it('a code is bound to the file it was issued for: after a parallel visa moves the pin it signs nothing', async () => {
    const o = await submit(false)
    const first = await codeFor(o.tokens[0]!, 'ivanova@test.local')
    const second = await codeFor(o.tokens[1]!, 'petrov@test.local')
    expect((await post(`/api/links/${o.tokens[1]}/approve`, { code: second })).status).toBe(200)
    const stale = await post(`/api/links/${o.tokens[0]}/approve`, { code: first })
    expect(stale.status).toBe(403)
    expect(stale.body.error.message).toContain('другой редакции')
    expect(await signedRevisions(o.id)).toBe(2)
    // a minute later (one code letter a minute per link), a new code for the new file
    const start = h.clock.now()
    h.clock.set(new Date(start.getTime() + 60_000))
    try {
      expect(
        (await post(`/api/links/${o.tokens[0]}/approve`, { code: await codeFor(o.tokens[0]!, 'ivanova@test.local') }))
          .status,
      ).toBe(200)
    } finally {
      h.clock.set(start)
    }
  })

  it('the page offers «Получить код» and a code field with mail on, and says the link alone signs without', async () => {
    const o = await submit()
    const withMail = await (await app.request(`/links/${o.tokens[0]}`)).text()
    expect(withMail).toContain('id="code"')
    expect(withMail).toContain('Получить код')
    expect(withMail).not.toContain('Простая электронная подпись')
    // without mail, the person signed in decides by the link with no code; nobody else sees the page
    expect((await h.call('GET', `/links/${o.tokens[0]}`, { anonymous: true })).status).toBe(401)
    const without = (await h.call('GET', `/links/${o.tokens[0]}`)).text
    expect(without).not.toContain('id="code"')
    expect(without).toContain('под которой вы вошли')
    expect((await h.call('POST', `/api/links/${o.tokens[0]}/code`)).status).toBe(409)
    expect((await h.call('POST', `/api/links/${o.tokens[0]}/approve`, { body: {} })).status).toBe(200)
  })
})
