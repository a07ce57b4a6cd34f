import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { sampleContent, tokenOf } from '../support/harness'
import { freshPostgresDatabase, postgresUrl } from '../support/databases'
import { addJournal, addPersonOver, client, type RunningServer, startServer } from '../support/server'

const ADMIN = { ADMIN_EMAIL: 'admin@school.test', ADMIN_PASSWORD: 'admin-password-1' }
const CLERK = { email: 'clerk@school.test', password: 'clerk-password-1' }
const servers: RunningServer[] = []
const cleanups: (() => Promise<void> | void)[] = []
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop('SIGKILL')))
  for (const c of cleanups) await c()
})

const start = async (env: Record<string, string>) => {
  const s = await startServer({ ...ADMIN, ...env })
  servers.push(s)
  return s
}

/**
 * From the first admin: an organization, a clerk, a journal and the people routes name (four approvers, a
 * director), all over HTTP. Each person is signed in on `base`; `as(person, base)` signs them in elsewhere.
 */
const setUpOrganization = async (base: string) => {
  const admin = client(base)
  await admin.signIn(ADMIN.ADMIN_EMAIL, ADMIN.ADMIN_PASSWORD)
  const org = (await admin.call('POST', '/api/organizations', { name: ['МБОУ «СШ № 5»'], place: 'Смоленск' })).body
  expect(
    (
      await admin.call('POST', '/api/users', {
        ...CLERK,
        name: 'Делопроизводитель',
        role: 'clerk',
        organizationId: org.id,
      })
    ).status,
  ).toBe(201)
  await addJournal(admin, org.id)
  const clerk = client(base)
  await clerk.signIn(CLERK.email, CLERK.password)
  const approvers = []
  for (const n of [1, 2, 3, 4])
    approvers.push(
      await addPersonOver(base, admin, org.id, {
        email: `a${n}@school.test`,
        name: `Согласующий ${n}`,
        role: 'approver',
      }),
    )
  const director = await addPersonOver(base, admin, org.id, {
    email: 'director@school.test',
    name: 'Петров Сергей Николаевич',
    role: 'director',
  })
  return Object.assign(clerk, { approvers, director })
}
type Person = Awaited<ReturnType<typeof addPersonOver>>
const as = async (person: Person & { email?: string }, base: string, email: string) => {
  const c = client(base)
  await c.signIn(email, person.password)
  return c
}

const signedOrder = async (c: ReturnType<typeof client>, director: Person) => {
  const id = (await c.call('POST', '/api/orders', sampleContent())).body.id
  const link = (
    await c.call('POST', `/api/orders/${id}/submit`, { approvers: [], sequential: false, signer: director.ref })
  ).body.links[0].url
  expect((await director.client.call('POST', `/api/links/${tokenOf(link)}/sign`)).status).toBe(200)
  return id as string
}

describe.skipIf(!postgresUrl)('two service processes on one PostgreSQL', () => {
  it('never share a registration number', async () => {
    const { url, drop } = await freshPostgresDatabase(postgresUrl!)
    cleanups.push(drop)
    const [a, b] = await Promise.all([start({ DATABASE_URL: url }), start({ DATABASE_URL: url })])
    const clerkA = await setUpOrganization(a.url)
    const clerkB = client(b.url)
    await clerkB.signIn(CLERK.email, CLERK.password)
    const ids = await Promise.all(Array.from({ length: 40 }, () => signedOrder(clerkA, clerkA.director)))
    const results = await Promise.all(
      ids.map((id, i) => (i % 2 ? clerkA : clerkB).call('POST', `/api/orders/${id}/register`, {})),
    )
    expect(results.map((r) => r.status)).toEqual(ids.map(() => 200))
    const seqs = results.map((r) => Number(String(r.body.number).replace('-г', ''))).sort((x, y) => x - y)
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
    // two process starts, 40 orders each rendered and signed (PAdES) and 40 sealed registrations
  }, 240_000)
})

const killCases = [
  {
    name: 'pglite',
    env: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'orders-'))
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
      return { DATA_DIR: dir }
    },
  },
  ...(postgresUrl
    ? [
        {
          name: 'postgres',
          env: async () => {
            const { url, drop } = await freshPostgresDatabase(postgresUrl!)
            cleanups.push(drop)
            return { DATABASE_URL: url }
          },
        },
      ]
    : []),
]

describe.each(killCases)('a service killed with SIGKILL mid-lifecycle ($name)', ({ env }) => {
  it('resumes every order in its stored state after a restart', async () => {
    const vars = await env()
    const first = await start(vars)
    const clerk = await setUpOrganization(first.url)
    const draft = (await clerk.call('POST', '/api/orders', sampleContent())).body.id
    const inApproval = (await clerk.call('POST', '/api/orders', sampleContent())).body.id
    const [a1, a2, a3] = clerk.approvers as [Person, Person, Person]
    const route = { steps: [[a1.ref, a2.ref], [a3.ref]], signer: clerk.director.ref }
    const links = (await clerk.call('POST', `/api/orders/${inApproval}/submit`, route)).body.links.map(
      (l: { url: string }) => tokenOf(l.url),
    )
    expect((await a1.client.call('POST', `/api/links/${links[0]}/approve`, {})).body.status).toBe('approval')
    const signed = await signedOrder(clerk, clerk.director)
    const registered = await signedOrder(clerk, clerk.director)
    expect((await clerk.call('POST', `/api/orders/${registered}/register`, {})).body.number).toBe('1-г')

    await first.stop('SIGKILL')
    const second = await start(vars)
    const again = client(second.url)
    await again.signIn(CLERK.email, CLERK.password)
    const status = async (id: string) => (await again.call('GET', `/api/orders/${id}`)).body.status
    expect([await status(draft), await status(inApproval), await status(signed), await status(registered)]).toEqual([
      'draft',
      'approval',
      'signed',
      'registered',
    ])

    // the restored machine remembers who has approved and whose turn it is
    const [p1, p2, p3, d] = await Promise.all([
      as(a1, second.url, 'a1@school.test'),
      as(a2, second.url, 'a2@school.test'),
      as(a3, second.url, 'a3@school.test'),
      as(clerk.director, second.url, 'director@school.test'),
    ])
    expect((await p1.call('POST', `/api/links/${links[0]}/approve`, {})).status).toBe(410)
    expect((await p3.call('POST', `/api/links/${links[2]}/approve`, {})).status).toBe(409)
    expect((await p2.call('POST', `/api/links/${links[1]}/approve`, {})).body.status).toBe('approval')
    expect((await p3.call('POST', `/api/links/${links[2]}/approve`, {})).body.status).toBe('signature')
    expect((await d.call('POST', `/api/links/${links[3]}/sign`)).body.status).toBe('signed')
    expect((await again.call('POST', `/api/orders/${signed}/register`, {})).body.number).toBe('2-г')
    expect((await again.call('POST', `/api/orders/${inApproval}/register`, {})).body.number).toBe('3-г')
    expect((await again.call('PUT', `/api/orders/${draft}`, sampleContent())).body.version).toBe(2)
    // two process starts (7–12 s each on a loaded 2-core machine), signatures and sealed registrations
  }, 180_000)
})

describe('a newcomer on an empty database', () => {
  it('signs in with the printed demo credentials and walks an order from draft to a registered number', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orders-demo-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const server = await startServer({ DATA_DIR: dir })
    servers.push(server)
    const printed = (role: string) => {
      const line = server
        .output()
        .split('\n')
        .find((l) => l.trim().startsWith(role))!
      const [, email, password] = line.trim().split(/\s+/)
      return { email: email!, password: password! }
    }
    const clerk = client(server.url)
    await clerk.signIn(printed('clerk').email, printed('clerk').password)
    const id = (await clerk.call('POST', '/api/orders', sampleContent())).body.id
    // the demo's people: the clerk picks them from the organization (GET /api/people), each decides signed in
    const people = (await clerk.call('GET', '/api/people')).body.items as { id: string; email: string }[]
    const deputy = people.find((p) => p.email === printed('approver').email)!
    const chief = people.find((p) => p.email === printed('director').email)!
    const links = (
      await clerk.call('POST', `/api/orders/${id}/submit`, {
        approvers: [{ userId: deputy.id }],
        sequential: true,
        signer: { userId: chief.id },
      })
    ).body.links
    const deputyClient = client(server.url)
    await deputyClient.signIn(printed('approver').email, printed('approver').password)
    const directorClient = client(server.url)
    await directorClient.signIn(printed('director').email, printed('director').password)
    // the clerk holding the links decides nothing
    expect((await clerk.call('POST', `/api/links/${tokenOf(links[0].url)}/approve`, {})).status).toBe(403)
    expect((await deputyClient.call('POST', `/api/links/${tokenOf(links[0].url)}/approve`, {})).body.status).toBe(
      'signature',
    )
    expect((await directorClient.call('POST', `/api/links/${tokenOf(links[1].url)}/sign`)).body.status).toBe('signed')
    const reg = await clerk.call('POST', `/api/orders/${id}/register`, {})
    expect(reg.body.number).toBe('1-ОД')
    // the other demo users are there too, each in their role
    const admin = client(server.url)
    await admin.signIn(printed('admin').email, printed('admin').password)
    expect((await admin.call('GET', '/api/journals')).body.items.map((j: { pattern: string }) => j.pattern)).toEqual([
      '{n}-ОД',
      '{n}-р',
    ])
    const director = client(server.url)
    await director.signIn(printed('director').email, printed('director').password)
    expect((await director.call('POST', '/api/orders', sampleContent())).status).toBe(403)
  })
})
