import { afterAll, beforeAll } from 'vitest'
import type { Database } from '../../src/db/client'
import { createRenderPool, type RenderPoolOptions } from '../../src/documents/render-pool'
import { createApp } from '../../src/http/app'
import type { ServiceContext, ServiceDeps } from '../../src/services/context'
import { createJournal } from '../../src/services/journals'
import { createOrganization, createUser } from '../../src/services/users'
import { issueToken } from '../../src/services/auth'
import { findUserByEmail, insertUser } from '../../src/db/users'
import { hashPassword } from '../../src/services/secrets'
import type { OrderContent } from '../../src/domain/content'
import { keyProtector } from '../../src/documents/signing/key-protection'
import { approverAccount, directorAccount, linkPersonId, makePerson, type PersonTokens } from './people'

/** One SIGNING_KEY for the test suites (deriving it costs a scrypt). */
export const testKeys = keyProtector('test signing key')

export type Harness = Awaited<ReturnType<typeof startHarness>>

export type HarnessOptions = { render?: RenderPoolOptions }

export const PASSWORD = 'correct horse battery'

/** A settable clock, so tests can move past a link's expiry or a registration day. */
export const testClock = (start = new Date('2026-03-10T09:00:00Z')) => {
  let now = start
  return {
    now: () => now,
    set: (d: Date) => {
      now = d
    },
    advanceDays: (n: number) => {
      now = new Date(now.getTime() + n * 86_400_000)
    },
  }
}

const systemAdmin = (deps: ServiceDeps): ServiceContext => ({
  ...deps,
  actor: {
    type: 'user',
    id: '00000000-0000-0000-0000-000000000000',
    name: 'setup',
    role: 'admin',
    organizationId: null,
  },
  meta: {},
})

/**
 * An app over a real database with two organizations, each with a clerk, a controller, an admin, journals and
 * the people routes name (test/support/people.ts: approvers 0–9, directors 0–2, each with a bearer token).
 */
export const startHarness = async (database: Database, { render = {} }: HarnessOptions = {}) => {
  const clock = testClock()
  // threads start on the first rendering; close() ends them
  const renderer = createRenderPool({ threads: 2, ...render })
  const deps: ServiceDeps = {
    db: database.db,
    clock,
    linkTtlDays: 7,
    publicUrl: 'http://orders.test',
    renderer,
    keys: testKeys,
  }
  const app = createApp(deps, { log: () => {} })
  const setup = systemAdmin(deps)
  const personTokens: PersonTokens = new Map()
  const orgs = [] as ({ id: string; journal: string; rJournal: string } & Record<
    'clerk' | 'controller' | 'admin',
    string
  >)[]
  for (const [i, name] of ['УПРАВЛЕНИЕ ОБРАЗОВАНИЯ', 'СРЕДНЯЯ ШКОЛА № 5'].entries()) {
    const org = await createOrganization(setup, { name: [name], place: 'Смоленск' })
    const tokens: Record<string, string> = {}
    for (const role of ['clerk', 'controller', 'admin'] as const) {
      const email = `${role}${i}@test.local`
      await createUser(setup, { email, name: `${role} ${i}`, role, password: PASSWORD, organizationId: org.id })
      tokens[role] = (await issueToken(deps, { email, password: PASSWORD })).token
    }
    const journal = await createJournal(setup, {
      name: 'Приказы',
      kind: 'prikaz',
      pattern: '{n}-ОД',
      reset: 'yearly',
      organizationId: org.id,
    })
    const rJournal = await createJournal(setup, {
      name: 'Распоряжения',
      kind: 'rasporyazhenie',
      pattern: '{n}-р',
      reset: 'never',
      organizationId: org.id,
    })
    const peopleHash = await hashPassword(PASSWORD)
    for (let n = 0; n < 10; n++)
      await makePerson(deps.db, personTokens, { ...approverAccount(n, i), organizationId: org.id }, peopleHash)
    for (let n = 0; n < 3; n++)
      await makePerson(deps.db, personTokens, { ...directorAccount(n, i), organizationId: org.id }, peopleHash)
    orgs.push({
      id: org.id,
      clerk: tokens.clerk!,
      controller: tokens.controller!,
      admin: tokens.admin!,
      journal: journal.id,
      rJournal: rJournal.id,
    })
  }
  /**
   * A request to the app. A link's page or decision (`/links/<token>…`, `/api/links/<token>/…`) goes signed in as
   * the link's person, as that person's browser would, unless the call says who it is (`token`, an
   * `authorization` or `cookie` header) or `anonymous: true` (a link used without its person).
   */
  const call = async (
    method: string,
    path: string,
    {
      token,
      body,
      headers = {},
      anonymous = false,
    }: { token?: string; body?: unknown; headers?: Record<string, string>; anonymous?: boolean } = {},
  ) => {
    const link = /^\/(?:api\/)?links\/([A-Za-z0-9_-]{20,100})(?:\/|$)/.exec(path)?.[1]
    if (link && !token && !anonymous && !headers.authorization && !headers.cookie) {
      const personId = await linkPersonId(deps.db, link)
      token = personId ? personTokens.get(personId) : undefined
    }
    const res = await app.request(path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        'user-agent': 'vitest',
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    const text = await res.text()
    let json: any
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    return { status: res.status, body: json, text, headers: res.headers }
  }
  /** Moves the clock and signs everyone in again, since tokens expire after 30 days. */
  const setClock = async (at: Date) => {
    clock.set(at)
    for (const [i, org] of orgs.entries()) {
      for (const role of ['clerk', 'controller', 'admin'] as const) {
        org[role] = (await issueToken(deps, { email: `${role}${i}@test.local`, password: PASSWORD })).token
      }
    }
  }
  /** The installation's admin, who belongs to no organization (made once), signed in: its token. */
  const installationAdmin = async () => {
    if (!(await findUserByEmail(deps.db, INSTALLATION_ADMIN)))
      await insertUser(deps.db, {
        email: INSTALLATION_ADMIN,
        name: 'Администратор установки',
        role: 'admin',
        organizationId: null,
        passwordHash: await hashPassword(PASSWORD),
        createdAt: clock.now(),
      })
    return (await issueToken(deps, { email: INSTALLATION_ADMIN, password: PASSWORD })).token
  }
  /** A person of their own for a test (a name, an e-mail the test's letters go to): their ref for a route. */
  const addPerson = async (person: {
    name: string
    position?: string
    email: string
    role?: 'approver' | 'director' | 'clerk'
    org?: number
  }) =>
    makePerson(
      deps.db,
      personTokens,
      { ...person, role: person.role ?? 'approver', organizationId: orgs[person.org ?? 0]!.id },
      await hashPassword(PASSWORD),
    )
  return { app, deps, clock, setClock, orgs, call, database, installationAdmin, personTokens, addPerson }
}

const INSTALLATION_ADMIN = 'root@test.local'

export const sampleContent = (over: Partial<OrderContent> = {}): OrderContent => ({
  kind: 'prikaz',
  title: 'Об утверждении плана мероприятий («дорожной карты») на 2024/2025 учебный год',
  preamble: 'Руководствуясь ст. 28 Федерального закона от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»,',
  points: [
    { text: 'Утвердить план мероприятий (Приложение).' },
    {
      text: 'Заместителям директора обеспечить выполнение плана.',
      executors: ['Лаврушкина Е.А.'],
      deadline: 'до 30.06.2030',
    },
  ],
  control: 'Контроль за исполнением настоящего приказа оставляю за собой.',
  signer: { position: 'Директор', name: 'Е.В. Смирнова' },
  appendices: [{ title: 'План мероприятий', text: 'Мероприятия по плану.' }],
  ...over,
})

/** The token of a signing link's URL (`…/links/<token>`): the one definition the suites share. */
export const tokenOf = (url: string) => url.split('/links/')[1]!

/** A harness for one describe block: opened before its tests, closed (and its database dropped) after. */
export const useHarness = (open: () => Promise<Database>, options: HarnessOptions = {}): Harness => {
  const h = {} as Harness
  let close: (() => Promise<void>) | undefined
  beforeAll(async () => {
    const db = await open()
    close = db.close
    Object.assign(h, await startHarness(db, options))
  })
  afterAll(async () => {
    await h.deps?.renderer.close()
    await close?.()
  })
  return h
}
