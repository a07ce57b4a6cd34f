import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../src/db/audit'
import { queryRows } from '../../src/db/raw'
import { PASSWORD, sampleContent, tokenOf, useHarness } from '../support/harness'
import { director } from '../support/people'
import { testDatabases } from '../support/databases'

describe.each(testDatabases(20))('registering one order ($name)', ({ open }) => {
  const h = useHarness(open)

  const signedOrder = async (token: string) => {
    const id = (await h.call('POST', '/api/orders', { token, body: sampleContent() })).body.id as string
    const submit = await h.call('POST', `/api/orders/${id}/submit`, {
      token,
      body: { approvers: [], sequential: false, signer: director(0, token === h.orgs[1]!.clerk ? 1 : 0) },
    })
    expect((await h.call('POST', `/api/links/${tokenOf(submit.body.links[0].url)}/sign`)).status).toBe(200)
    return id
  }

  const counter = async (journalId: string) =>
    (
      await queryRows<{ last: number }>(
        h.database.db,
        sql`select last from journal_counters where journal_id = ${journalId}`,
      )
    ).map((r) => Number(r.last))

  it.each([
    // the old statement replaced the first occurrence of the placeholder's JSON in the event's text by the number
    ['what once stood for the number', '№№ number №№', 'placeholder'],
    ['what JSON escapes', '"Кавычки" \\ 😀 \u00a0 \t Иванова', 'escapes'],
  ])('registers for a user whose name holds %s, and the audit chain holds', async (_, name, login) => {
    const email = `${login}@test.local`
    const created = await h.call('POST', '/api/users', {
      token: h.orgs[0]!.admin,
      body: { email, name, role: 'clerk', password: PASSWORD },
    })
    expect(created.status).toBe(201)
    const token = (await h.call('POST', '/api/auth/token', { body: { email, password: PASSWORD } })).body
      .token as string
    const id = await signedOrder(token)
    const res = await h.call('POST', `/api/orders/${id}/register`, { token, body: {} })
    expect(res.status).toBe(200)
    const history = (await h.call('GET', `/api/orders/${id}/history`, { token })).body.events
    // the registration, then (in its transaction) the order's points put on execution control
    expect(history.map((e: { action: string }) => e.action).slice(-2)).toEqual(['registered', 'control_items_created'])
    expect(history.at(-2)).toMatchObject({
      action: 'registered',
      actor: { name },
      data: { number: res.body.number, date: res.body.date, literaOf: null },
    })
    expect(await verifyAuditChain(h.database.db, h.orgs[0]!.id)).toBeNull()
  })

  it('gives one of many parallel registrations of one order the number; the others get 409 and take none', async () => {
    const org = h.orgs[1]!
    const id = await signedOrder(org.clerk)
    const results = await Promise.all(
      Array.from({ length: 8 }, () => h.call('POST', `/api/orders/${id}/register`, { token: org.clerk, body: {} })),
    )
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409])
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'lifecycle_forbids')).toBe(true)
    expect(results.find((r) => r.status === 200)!.body.number).toBe('1-ОД')
    // the losers did not advance the counter: the next order gets the next number
    expect(await counter(org.journal)).toEqual([1])
    const next = await signedOrder(org.clerk)
    expect((await h.call('POST', `/api/orders/${next}/register`, { token: org.clerk, body: {} })).body.number).toBe(
      '2-ОД',
    )
    expect(await verifyAuditChain(h.database.db, org.id)).toBeNull()
  })

  // the registration day is Moscow's: after midnight there (21:00 UTC) it is the next day, while UTC is not yet
  it('registers at 00:30 Moscow (21:30 UTC) an order signed after midnight there: dated the Moscow day, not refused', async () => {
    const register = (id: string, body: Record<string, string> = {}) =>
      h.call('POST', `/api/orders/${id}/register`, { token: h.orgs[0]!.clerk, body })
    // signed at 00:10 Moscow on 11 March, still 10 March in UTC
    await h.setClock(new Date('2026-03-10T21:10:00Z'))
    const afterMidnight = await signedOrder(h.orgs[0]!.clerk)
    // signed at 23:50 Moscow on 10 March
    await h.setClock(new Date('2026-03-10T20:50:00Z'))
    const beforeMidnight = await signedOrder(h.orgs[0]!.clerk)
    await h.setClock(new Date('2026-03-10T21:30:00Z'))
    const today = await register(afterMidnight)
    expect(today.status, JSON.stringify(today.body)).toBe(200)
    expect(today.body.date).toBe('2026-03-11')
    // the Moscow day is today, not the future; the day before is the day it was signed, not backdated
    expect((await register(beforeMidnight, { date: '2026-03-12' })).body.error.code).toBe('invalid_input')
    const dayBefore = await register(beforeMidnight, { date: '2026-03-10' })
    expect(dayBefore.status, JSON.stringify(dayBefore.body)).toBe(200)
    expect(dayBefore.body.date).toBe('2026-03-10')
  })

  it("registers on New Year's night in Moscow under the new year's number", async () => {
    const org = h.orgs[1]!
    await h.setClock(new Date('2026-12-31T21:10:00Z'))
    const id = await signedOrder(org.clerk)
    await h.setClock(new Date('2026-12-31T21:30:00Z'))
    const res = await h.call('POST', `/api/orders/${id}/register`, { token: h.orgs[1]!.clerk, body: {} })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    // dated 1 January 2027 in Moscow: the yearly journal's 2027 counter, which starts at 1
    expect(res.body).toMatchObject({ date: '2027-01-01', number: '1-ОД' })
  })
})
