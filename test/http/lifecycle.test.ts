import { describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../src/db/audit'
import { sampleContent, tokenOf, useHarness } from '../support/harness'
import { approver, approverAccount, director, directorAccount } from '../support/people'
import { testDatabases } from '../support/databases'

describe.each(testDatabases())('order lifecycle over HTTP ($name)', ({ open }) => {
  const h = useHarness(open)

  const create = async (content = sampleContent()) => {
    const res = await h.call('POST', '/api/orders', { token: h.orgs[0]!.clerk, body: content })
    expect(res.status).toBe(201)
    return res.body.id as string
  }

  it('walks a draft through steps of approval, a return, a new version, signature and registration', async () => {
    const clerk = h.orgs[0]!.clerk
    const id = await create()
    expect((await h.call('GET', `/api/orders/${id}`, { token: clerk })).body).toMatchObject({
      status: 'draft',
      version: 1,
      number: null,
    })

    const route = {
      steps: [[approver(1), approver(2)], [approver(3)]],
      signer: director(),
    }
    const submitted = await h.call('POST', `/api/orders/${id}/submit`, { token: clerk, body: route })
    expect(submitted.status).toBe(200)
    expect(submitted.body.status).toBe('approval')
    const links = submitted.body.links as { role: string; name: string; url: string; expiresAt: string }[]
    expect(links.map((l) => [l.role, l.name])).toEqual([
      ['approver', approverAccount(1).name],
      ['approver', approverAccount(2).name],
      ['approver', approverAccount(3).name],
      ['signer', directorAccount(0).name],
    ])
    expect(new Set(links.map((l) => l.url)).size).toBe(4)
    expect(links[0]!.url).toMatch(/^http:\/\/orders\.test\/links\/[A-Za-z0-9_-]{43}$/)

    // the lawyer's step has not started: refused on the action, not only in the mail
    const early = await h.call('POST', `/api/links/${tokenOf(links[2]!.url)}/approve`, { body: {} })
    expect(early.status).toBe(409)
    expect(early.body.error.message).toContain('approval')

    expect(
      (await h.call('POST', `/api/links/${tokenOf(links[0]!.url)}/approve`, { body: { comment: 'Согласовано' } })).body
        .status,
    ).toBe('approval')
    const back = await h.call('POST', `/api/links/${tokenOf(links[1]!.url)}/return`, {
      body: { comment: 'Уточните сроки в п. 2' },
    })
    expect(back.body.status).toBe('draft')
    // every other link of that round is revoked
    expect((await h.call('POST', `/api/links/${tokenOf(links[2]!.url)}/approve`, { body: {} })).status).toBe(410)
    expect((await h.call('POST', `/api/links/${tokenOf(links[3]!.url)}/sign`)).status).toBe(410)

    const edited = await h.call('PUT', `/api/orders/${id}`, {
      token: clerk,
      body: sampleContent({ title: 'Об утверждении плана мероприятий (исправленный)' }),
    })
    expect(edited.body).toMatchObject({ status: 'draft', version: 2 })

    const again = await h.call('POST', `/api/orders/${id}/submit`, {
      token: clerk,
      body: {
        approvers: [approver(1), approver(3)],
        sequential: true,
        signer: director(),
      },
    })
    const [a1, a2, signer] = (again.body.links as { url: string }[]).map((l) => tokenOf(l.url))
    expect((await h.call('POST', `/api/links/${signer}/sign`)).status).toBe(409)
    expect((await h.call('POST', `/api/links/${a2}/approve`, { body: {} })).status).toBe(409)
    expect((await h.call('POST', `/api/links/${a1}/approve`, { body: {} })).body.status).toBe('approval')
    expect((await h.call('POST', `/api/links/${a2}/approve`, { body: {} })).body.status).toBe('signature')
    const page = await h.call('GET', `/links/${signer}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('Подписать')
    expect(page.text).toContain('исправленный')
    expect((await h.call('POST', `/api/links/${signer}/sign`)).body.status).toBe('signed')

    const reg = await h.call('POST', `/api/orders/${id}/register`, { token: clerk, body: {} })
    expect(reg.status).toBe(200)
    expect(reg.body).toEqual({ number: '1-ОД', date: '2026-03-10', sealed: true })

    const order = (await h.call('GET', `/api/orders/${id}`, { token: clerk })).body
    expect(order).toMatchObject({ status: 'registered', number: '1-ОД', date: '2026-03-10', version: 2 })
    expect(order.content.title).toContain('исправленный')
    expect(order.versions.map((v: { version: number }) => v.version)).toEqual([1, 2])
    expect(order.approvals.filter((a: { decision: string }) => a.decision === 'returned')[0].comment).toBe(
      'Уточните сроки в п. 2',
    )
    const actions = order.history.map((e: { action: string }) => e.action)
    expect(actions).toEqual([
      'created',
      'submitted',
      'approved',
      'returned',
      'edited',
      'submitted',
      'approved',
      'approved',
      'signed',
      'registered',
      // the point with an executor and a deadline goes on control in the registration's transaction
      'control_items_created',
    ])
    const registered = order.history.at(-2)
    expect(registered).toMatchObject({
      fromState: 'signed',
      toState: 'registered',
      userAgent: 'vitest',
      actor: { type: 'user', name: 'clerk 0' },
    })
    expect(order.history[3]).toMatchObject({
      actor: { type: 'link', name: approverAccount(2).name },
      data: { comment: 'Уточните сроки в п. 2' },
    })
    expect(await verifyAuditChain(h.database.db, h.orgs[0]!.id)).toBeNull()
  })

  it('sends an order with no approvers straight to signature, and parallel approvers in one step', async () => {
    const clerk = h.orgs[0]!.clerk
    const direct = await create()
    const res = await h.call('POST', `/api/orders/${direct}/submit`, {
      token: clerk,
      body: { approvers: [], sequential: false, signer: director() },
    })
    expect(res.body.status).toBe('signature')
    expect(res.body.links).toHaveLength(1)

    const parallel = await create()
    const links = (
      await h.call('POST', `/api/orders/${parallel}/submit`, {
        token: clerk,
        body: { approvers: [approver(1), approver(2)], sequential: false, signer: director() },
      })
    ).body.links
    expect((await h.call('POST', `/api/links/${tokenOf(links[1].url)}/approve`, { body: {} })).body.status).toBe(
      'approval',
    )
    expect((await h.call('POST', `/api/links/${tokenOf(links[0].url)}/approve`, { body: {} })).body.status).toBe(
      'signature',
    )
  })

  it('gives litera numbers dated like the number they follow, and numbers the next year anew', async () => {
    const signed = async () => {
      const clerk = h.orgs[1]!.clerk
      const id = (await h.call('POST', '/api/orders', { token: clerk, body: sampleContent() })).body.id
      const link = (
        await h.call('POST', `/api/orders/${id}/submit`, {
          token: clerk,
          body: { approvers: [], sequential: false, signer: director(0, 1) },
        })
      ).body.links[0].url
      await h.call('POST', `/api/links/${tokenOf(link)}/sign`)
      return id as string
    }
    const clerk = () => h.orgs[1]!.clerk
    await h.setClock(new Date('2026-09-05T08:00:00Z'))
    const first = await h.call('POST', `/api/orders/${await signed()}/register`, { token: clerk() })
    expect(first.body).toEqual({ number: '1-ОД', date: '2026-09-05', sealed: true })
    await h.setClock(new Date('2026-09-07T08:00:00Z'))
    expect(
      (await h.call('POST', `/api/orders/${await signed()}/register`, { token: clerk(), body: {} })).body.number,
    ).toBe('2-ОД')
    const l1 = await h.call('POST', `/api/orders/${await signed()}/register`, {
      token: clerk(),
      body: { literaOf: '1-ОД' },
    })
    expect(l1.body).toEqual({ number: '1/1-ОД', date: '2026-09-05', sealed: true })
    expect(
      (await h.call('POST', `/api/orders/${await signed()}/register`, { token: clerk(), body: { literaOf: '1' } })).body
        .number,
    ).toBe('1/2-ОД')
    expect(
      (await h.call('POST', `/api/orders/${await signed()}/register`, { token: clerk(), body: { literaOf: '77' } }))
        .status,
    ).toBe(422)
    // a journal of another kind, or of another organization, is refused and takes no number
    const order = await signed()
    for (const journalId of [h.orgs[1]!.rJournal, h.orgs[0]!.journal]) {
      const wrong = await h.call('POST', `/api/orders/${order}/register`, { token: clerk(), body: { journalId } })
      expect(wrong.status).toBe(422)
      expect(wrong.body.error.code).toBe('no_journal')
    }
    expect(
      (
        await h.call('POST', `/api/orders/${order}/register`, {
          token: clerk(),
          body: { journalId: h.orgs[1]!.journal },
        })
      ).body.number,
    ).toBe('3-ОД')
    await h.setClock(new Date('2027-01-11T08:00:00Z'))
    expect((await h.call('POST', `/api/orders/${await signed()}/register`, { token: clerk(), body: {} })).body).toEqual(
      { number: '1-ОД', date: '2027-01-11', sealed: true },
    )
    // after the yearly reset a number means this year's: 1-ОД is 11 January 2027's, whose first litera this is
    // (not 1/3-ОД of 5 September 2026); 2-ОД of 2026 is last year's, and this year has none yet
    expect(
      (await h.call('POST', `/api/orders/${await signed()}/register`, { token: clerk(), body: { literaOf: '1-ОД' } }))
        .body,
    ).toEqual({ number: '1/1-ОД', date: '2027-01-11', sealed: true })
    const lastYears = await h.call('POST', `/api/orders/${await signed()}/register`, {
      token: clerk(),
      body: { literaOf: '2-ОД' },
    })
    expect(lastYears.status).toBe(422)
    expect(lastYears.body.error.details).toEqual([expect.objectContaining({ path: 'literaOf' })])
  })

  it('refuses a registration date before the signature (back-dating) and in the future', async () => {
    await h.setClock(new Date('2027-02-01T08:00:00Z'))
    const clerk = h.orgs[0]!.clerk
    const id = await create()
    const link = (
      await h.call('POST', `/api/orders/${id}/submit`, {
        token: clerk,
        body: { approvers: [], sequential: false, signer: director() },
      })
    ).body.links[0].url
    await h.call('POST', `/api/links/${tokenOf(link)}/sign`)
    const back = await h.call('POST', `/api/orders/${id}/register`, { token: clerk, body: { date: '2027-01-31' } })
    expect(back.status).toBe(422)
    expect(back.body.error.code).toBe('backdated')
    expect(
      (await h.call('POST', `/api/orders/${id}/register`, { token: clerk, body: { date: '2027-02-02' } })).status,
    ).toBe(422)
    expect((await h.call('GET', `/api/orders/${id}`, { token: clerk })).body).toMatchObject({
      status: 'signed',
      number: null,
    })
  })

  it('cancels with a reason, revoking the links', async () => {
    const clerk = h.orgs[0]!.clerk
    const id = await create()
    const links = (
      await h.call('POST', `/api/orders/${id}/submit`, {
        token: clerk,
        body: { approvers: [approver()], sequential: true, signer: director() },
      })
    ).body.links
    const noReason = await h.call('POST', `/api/orders/${id}/cancel`, { token: clerk, body: { reason: ' ' } })
    expect(noReason.status).toBe(422)
    expect(
      (await h.call('POST', `/api/orders/${id}/cancel`, { token: clerk, body: { reason: 'Издан другой приказ' } })).body
        .status,
    ).toBe('cancelled')
    const gone = await h.call('POST', `/api/links/${tokenOf(links[0].url)}/approve`, { body: {} })
    expect(gone.status).toBe(410)
    expect(gone.body.error.message).toContain('отозвана')
  })

  it('lists orders with status and date filters, Russian full-text search and cursor paging', async () => {
    await h.setClock(new Date('2027-03-01T08:00:00Z'))
    const clerk = h.orgs[0]!.clerk
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      h.clock.set(new Date(h.clock.now().getTime() + 1000))
      ids.push(await create(sampleContent({ title: `О проведении олимпиады школьников № ${i}` })))
    }
    // a registered order of its own, so the test does not lean on what other tests left behind
    const registeredId = await create()
    const submitted = await h.call('POST', `/api/orders/${registeredId}/submit`, {
      token: clerk,
      body: { approvers: [], sequential: false, signer: director() },
    })
    expect((await h.call('POST', `/api/links/${tokenOf(submitted.body.links[0].url)}/sign`)).status).toBe(200)
    expect((await h.call('POST', `/api/orders/${registeredId}/register`, { token: clerk, body: {} })).status).toBe(200)
    const page1 = await h.call('GET', '/api/orders?q=олимпиада&limit=2', { token: clerk })
    expect(page1.body.items.map((o: { id: string }) => o.id)).toEqual([ids[4], ids[3]])
    const page2 = await h.call('GET', `/api/orders?q=олимпиада&limit=2&cursor=${page1.body.nextCursor}`, {
      token: clerk,
    })
    const page3 = await h.call('GET', `/api/orders?q=олимпиада&limit=2&cursor=${page2.body.nextCursor}`, {
      token: clerk,
    })
    expect([...page2.body.items, ...page3.body.items].map((o: { id: string }) => o.id)).toEqual([
      ids[2],
      ids[1],
      ids[0],
    ])
    expect(page3.body.nextCursor).toBeNull()
    const drafts = await h.call('GET', '/api/orders?status=draft&from=2027-03-01&to=2027-03-01', { token: clerk })
    expect(drafts.body.items).toHaveLength(5)
    const registered = await h.call('GET', '/api/orders?status=registered,closed', { token: clerk })
    expect(registered.body.items.every((o: { status: string }) => o.status === 'registered')).toBe(true)
    expect(registered.body.items.map((o: { id: string }) => o.id)).toContain(registeredId)
    // a new version is what search finds
    await h.call('PUT', `/api/orders/${ids[0]}`, {
      token: clerk,
      body: sampleContent({ title: 'О проведении конкурса чтецов' }),
    })
    expect(
      (await h.call('GET', '/api/orders?q=чтец', { token: clerk })).body.items.map((o: { id: string }) => o.id),
    ).toEqual([ids[0]])
    expect((await h.call('GET', '/api/orders?q=олимпиада', { token: clerk })).body.items).toHaveLength(4)
    // another organization's clerk sees none of them
    const other = await h.call('GET', '/api/orders?q=олимпиада', { token: h.orgs[1]!.clerk })
    expect(other.body.items).toEqual([])
  })
})
