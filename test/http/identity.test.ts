import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { queryRows } from '../../src/db/raw'
import { revokedCertificates } from '../../src/db/signing-credentials'
import { describeCertificate } from '../../src/documents/signing/certificates'
import { testDatabases } from '../support/databases'
import { PASSWORD, sampleContent, tokenOf, useHarness } from '../support/harness'
import { approver, approverAccount, approverId, director, directorAccount, directorId } from '../support/people'
import { hasTool, run } from '../support/tools'

const tmp = mkdtempSync(join(tmpdir(), 'orders-identity-'))

/**
 * Only the named person decides: a route names accounts of the organization by id (the signer a director), the
 * certificate is issued to that account, a link acts only for its person, and a disabled person acts no more.
 */
describe.each(testDatabases())('approvers and the signer are accounts ($name)', ({ open }) => {
  const h = useHarness(open)
  const clerk = () => h.orgs[0]!.clerk
  const draft = async () =>
    (await h.call('POST', '/api/orders', { token: clerk(), body: sampleContent() })).body.id as string
  const submit = (id: string, body: unknown) => h.call('POST', `/api/orders/${id}/submit`, { token: clerk(), body })
  const rows = <T extends Record<string, unknown>>(q: ReturnType<typeof sql>) => queryRows<T>(h.database.db, q)
  /** what a refused submission must not have changed */
  const untouched = async (id: string) => {
    expect((await h.call('GET', `/api/orders/${id}`, { token: clerk() })).body.status).toBe('draft')
    expect(await rows(sql`select id from approvals where order_id = ${id}`)).toEqual([])
    expect(await rows(sql`select id from signing_links where order_id = ${id}`)).toEqual([])
  }
  const clerkId = async () =>
    (await rows<{ id: string }>(sql`select id from users where email = 'clerk0@test.local'`))[0]!.id

  it('refuses a clerk naming herself as signer, by name and e-mail or by her userId, and any name in place of an id', async () => {
    const id = await draft()
    // herself (or anyone) typed by name and e-mail, as the old route took them: 422, in Russian
    const typed = await submit(id, {
      approvers: [],
      signer: { name: 'clerk 0', position: 'Директор', email: 'clerk0@test.local' },
    })
    expect(typed.status).toBe(422)
    expect(typed.body.error.details.map((d: { message: string }) => d.message).join(' ')).toContain('userId')
    expect(typed.body.error.details.some((d: { path: string }) => d.path.startsWith('signer'))).toBe(true)
    // an e-mail beside a real id is refused too: the account's own e-mail is the only one used
    const withEmail = await submit(id, { approvers: [{ ...approver(), email: 'me@test.local' }], signer: director() })
    expect(withEmail.status).toBe(422)
    expect(JSON.stringify(withEmail.body)).toContain('лишнее: email')
    // her own account as the signer: a clerk does not sign (only a director)
    const herself = await submit(id, { approvers: [], signer: { userId: await clerkId() } })
    expect(herself.status).toBe(422)
    expect(herself.body.error.details).toEqual([
      expect.objectContaining({ path: 'signer.userId', message: expect.stringContaining('director') }),
    ])
    // an approver (no director role) as the signer: refused alike
    expect((await submit(id, { approvers: [], signer: approver(3) })).status).toBe(422)
    // a director of the other organization, and an unknown id
    const foreign = await submit(id, { approvers: [director(0, 1)], signer: director() })
    expect(foreign.status).toBe(422)
    expect(foreign.body.error.details[0]).toMatchObject({ path: 'approvers.0.userId' })
    expect(foreign.body.error.details[0].message).toContain('нет такого сотрудника')
    expect(
      (await submit(id, { approvers: [], signer: { userId: '00000000-0000-4000-8000-000000000000' } })).status,
    ).toBe(422)
    // one person twice
    expect((await submit(id, { approvers: [approver(), approver()], signer: director() })).status).toBe(422)
    await untouched(id)
  })

  it('gives the certificate the account’s name and e-mail, and prints the signer block of the person who signs', async () => {
    const id = await draft() // the draft names «Е.В. Смирнова» as its signer; the route names director 1, Петров
    const res = await submit(id, { approvers: [approver(5)], signer: director(1) })
    expect(res.status).toBe(200)
    const links = res.body.links as { name: string; email: string; url: string }[]
    expect(links.map((l) => [l.name, l.email])).toEqual([
      [approverAccount(5).name, approverAccount(5).email],
      [directorAccount(1).name, directorAccount(1).email],
    ])
    expect((await h.call('POST', `/api/links/${tokenOf(links[0]!.url)}/approve`, { body: {} })).status).toBe(200)
    expect((await h.call('POST', `/api/links/${tokenOf(links[1]!.url)}/sign`)).status).toBe(200)
    // the certificates issued for the two decisions: CN and e-mail from the accounts
    for (const account of [approverAccount(5), directorAccount(1)]) {
      const [row] = await rows<{ certificate: Uint8Array }>(
        sql`select certificate from signing_credentials where kind = 'person' and holder = ${account.email}`,
      )
      const cert = describeCertificate(new Uint8Array(row!.certificate))
      expect(cert).toMatchObject({ commonName: account.name, email: account.email, title: account.position })
    }
    const pdf = await h.app.request(`/api/orders/${id}/signed.pdf`, { headers: { authorization: `Bearer ${clerk()}` } })
    const file = join(tmp, `${id}.pdf`)
    writeFileSync(file, new Uint8Array(await pdf.arrayBuffer()))
    const report = await (
      await h.app.request('/api/verify', {
        method: 'POST',
        body: new Uint8Array(
          await (
            await h.app.request(`/api/orders/${id}/signed.pdf`, { headers: { authorization: `Bearer ${clerk()}` } })
          ).arrayBuffer(),
        ),
      })
    ).json()
    expect(report.signatures.map((s: { signer?: { commonName: string } }) => s.signer?.commonName)).toEqual([
      approverAccount(5).name,
      directorAccount(1).name,
    ])
    if (hasTool('pdftotext')) {
      const text = run('pdftotext', ['-layout', file, '-']).replace(/\s+/g, ' ')
      expect(text).toContain('С.Н. Петров') // «Петров Сергей Николаевич» as a signature prints it
      expect(text).not.toContain('Е.В. Смирнова')
    }
  })

  it('acts on a link only for its person: nobody signed in 401, another person 403, and nothing changes', async () => {
    const id = await draft()
    const res = await submit(id, { approvers: [approver(6)], signer: director(2) })
    const [visa, sign] = (res.body.links as { url: string }[]).map((l) => tokenOf(l.url))
    const state = async () =>
      rows(sql`select a.decision, l.used_at, o.document_sha256, o.snapshot ->> 'value' as status
        from approvals a join signing_links l on l.approval_id = a.id join orders o on o.id = a.order_id
        where a.order_id = ${id} order by a.step`)
    const before = await state()
    const clerkToken = clerk()
    const otherApprover = h.personTokens.get(approverId(7))!
    const refused: [string, { token?: string; anonymous?: boolean; headers?: Record<string, string> }, number][] = [
      ['no session', { anonymous: true }, 401],
      ["the clerk's session", { token: clerkToken }, 403],
      ['another approver', { token: otherApprover }, 403],
      ['the signer (on the visa link)', { token: h.personTokens.get(directorId(2)) }, 403],
    ]
    for (const [who, as, status] of refused) {
      const approve = await h.call('POST', `/api/links/${visa}/approve`, { ...as, body: {} })
      expect([who, approve.status]).toEqual([who, status])
      expect(approve.body.error.message).toContain(approverAccount(6).name)
      const back = await h.call('POST', `/api/links/${visa}/return`, { ...as, body: { comment: 'Нет' } })
      expect([who, back.status]).toEqual([who, status])
      // the page and its PDF show nothing of the order; the page offers the sign-in that comes back to the link
      const page = await h.call('GET', `/links/${visa}`, { ...as, headers: { accept: 'text/html' } })
      expect([who, page.status]).toEqual([who, status])
      expect(page.text).not.toContain(sampleContent().title)
      expect(page.text).toContain(`/signin?next=${encodeURIComponent(`/links/${visa}`)}`)
      expect((await h.call('GET', `/links/${visa}/document.pdf`, as)).status).toBe(status)
    }
    expect((await h.call('POST', `/api/links/${sign}/sign`, { anonymous: true })).status).toBe(401)
    expect((await h.call('POST', `/api/links/${sign}/sign`, { token: clerkToken })).status).toBe(403)
    expect(await state()).toEqual(before)
    // the person, signed in, decides
    expect((await h.call('POST', `/api/links/${visa}/approve`, { body: {} })).body.status).toBe('signature')
    expect((await h.call('POST', `/api/links/${sign}/sign`)).body.status).toBe('signed')
  })

  it('a session cookie of the person works on the page (with its CSRF token for the decision)', async () => {
    const id = await draft()
    const res = await submit(id, { approvers: [], signer: director(2) })
    const sign = tokenOf(res.body.links[0].url)
    const signIn = await h.app.request('/api/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: directorAccount(2).email, password: PASSWORD }),
    })
    const session = `orders_session=${(await signIn.json()).token}`
    const page = await h.call('GET', `/links/${sign}`, { headers: { cookie: session } })
    expect(page.status).toBe(200)
    expect(page.text).toContain(sampleContent().title)
    const csrf = /data-csrf="([^"]+)"/.exec(page.text)![1]!
    // without the token a cookie decision is refused, with it the director signs
    expect((await h.call('POST', `/api/links/${sign}/sign`, { headers: { cookie: session } })).status).toBe(403)
    const signed = await h.call('POST', `/api/links/${sign}/sign`, {
      headers: { cookie: session, 'x-csrf-token': csrf },
    })
    expect(signed.body.status).toBe('signed')
  })

  it('PATCH disabled: ends the sessions and tokens, stops decisions, revokes the certificate; enabling lets in again', async () => {
    const person = await h.addPerson({
      name: 'Отключаемая Мария Ивановна',
      position: 'Заместитель',
      email: 'leaving@test.local',
      role: 'approver',
    })
    // a visa, so that she holds a certificate
    const first = await draft()
    const route = await submit(first, { approvers: [{ userId: person.userId }], signer: director() })
    expect((await h.call('POST', `/api/links/${tokenOf(route.body.links[0].url)}/approve`, { body: {} })).status).toBe(
      200,
    )
    const second = await draft()
    const pending = await submit(second, { approvers: [{ userId: person.userId }], signer: director() })
    const visa = tokenOf(pending.body.links[0].url)
    const signIn = await h.call('POST', '/api/auth/token', {
      body: { email: 'leaving@test.local', password: PASSWORD },
    })
    expect((await h.call('GET', '/api/orders', { token: signIn.body.token })).status).toBe(200)

    const patch = (token: string | undefined, body: unknown, user = person.userId) =>
      h.call('PATCH', `/api/users/${user}`, { token, body })
    expect((await patch(clerk(), { disabled: true })).status).toBe(403)
    expect((await patch(h.orgs[1]!.admin, { disabled: true })).status).toBe(403)
    expect((await patch(h.orgs[0]!.admin, { disabled: 'yes' })).status).toBe(422)
    expect((await h.call('GET', '/api/orders', { token: signIn.body.token })).status).toBe(200) // nothing changed
    const disabled = await patch(h.orgs[0]!.admin, { disabled: true })
    expect(disabled.status).toBe(200)
    expect(disabled.body).toMatchObject({ disabled: true, sessionsEnded: 2 })
    expect(disabled.body.certificatesRevoked).toHaveLength(1)
    // her tokens are gone (in this process at once), she cannot sign in, her link decides nothing
    expect((await h.call('GET', '/api/orders', { token: signIn.body.token })).status).toBe(401)
    expect((await h.call('GET', '/api/orders', { token: person.token })).status).toBe(401)
    const again = await h.call('POST', '/api/auth/token', { body: { email: 'leaving@test.local', password: PASSWORD } })
    expect(again.status).toBe(403)
    expect(again.body.error.message).toContain('отключена')
    const refused = await h.call('POST', `/api/links/${visa}/approve`, { anonymous: true, body: {} })
    expect(refused.status).toBe(403)
    expect(refused.body.error.message).toContain('отключена')
    expect((await h.call('GET', `/api/orders/${second}`, { token: clerk() })).body.status).toBe('approval')
    // nobody can name her on a new route
    expect((await submit(await draft(), { approvers: [{ userId: person.userId }], signer: director() })).status).toBe(
      422,
    )
    // her certificate is revoked in the database, with a time and a reason, for the CRL
    const revoked = await revokedCertificates(h.database.db, h.orgs[0]!.id)
    expect(revoked).toContainEqual({
      serial: disabled.body.certificatesRevoked[0],
      revokedAt: h.clock.now(),
      reason: 'cessationOfOperation',
    })
    // enabled again: she signs in, and her next visa gets a new certificate (the revoked one stays revoked)
    expect((await patch(h.orgs[0]!.admin, { disabled: false })).body.disabled).toBe(false)
    const back = await h.call('POST', '/api/auth/token', { body: { email: 'leaving@test.local', password: PASSWORD } })
    expect(back.status).toBe(200)
    expect((await h.call('POST', `/api/links/${visa}/approve`, { token: back.body.token, body: {} })).status).toBe(200)
    const certs = await rows<{ serial_number: string; revoked_at: Date | null }>(
      sql`select serial_number, revoked_at from signing_credentials where holder = 'leaving@test.local' order by created_at`,
    )
    expect(certs).toHaveLength(2)
    expect(certs[0]!.revoked_at).not.toBeNull()
    expect(certs[1]!.revoked_at).toBeNull()
    // an admin cannot disable herself
    const me = (await rows<{ id: string }>(sql`select id from users where email = 'admin0@test.local'`))[0]!.id
    expect((await patch(h.orgs[0]!.admin, { disabled: true }, me)).status).toBe(422)
  })

  it('lists the active people a route may name, the directors marked as signers', async () => {
    const people = await h.call('GET', '/api/people', { token: clerk() })
    expect(people.status).toBe(200)
    const ids = people.body.items.map((p: { id: string }) => p.id)
    expect(ids).toContain(approverId(0))
    expect(ids).not.toContain(approverId(0, 1))
    expect(people.body.items.find((p: { id: string }) => p.id === directorId()).signs).toBe(true)
    expect(people.body.items.find((p: { id: string }) => p.id === approverId()).signs).toBe(false)
  })
})
