import { sql } from 'drizzle-orm'
import type { Db } from '../../src/db/client'
import { queryRows } from '../../src/db/raw'
import { insertToken, insertUser } from '../../src/db/users'
import type { Role } from '../../src/services/context'
import { newToken, tokenHash } from '../../src/services/secrets'

/**
 * The people routes name in the tests: accounts of each harness organization, by id (a route names nobody by
 * text). Every harness organization `org` (0, 1) has approvers 0–9 (role approver) and directors 0–2 (role
 * director) with fixed ids, so a test writes `approver(1)` or `director()` where it wrote a name before.
 */
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0')
export const approverId = (n = 0, org = 0) => `00000000-0000-4000-8a00-${hex(org, 4)}${hex(n, 8)}`
export const directorId = (n = 0, org = 0) => `00000000-0000-4000-8d00-${hex(org, 4)}${hex(n, 8)}`

/** An approver of the route, as `submit` takes them. */
export const approver = (n = 0, org = 0) => ({ userId: approverId(n, org) })
/** The signer of the route (role director), as `submit` takes them. */
export const director = (n = 0, org = 0) => ({ userId: directorId(n, org) })

const NAMES = [
  'Романова Ирина Евгеньевна',
  'Лаврушкина Елена Андреевна',
  'Кузнецов Павел Игоревич',
  'Орлова Марина Сергеевна',
  'Зайцев Олег Петрович',
  'Белова Анна Викторовна',
  'Соколов Дмитрий Ильич',
  'Морозова Татьяна Юрьевна',
  'Волков Николай Степанович',
  'Павлова Ольга Михайловна',
]

/** The account behind `approver(n, org)`: full name, position and e-mail, as certificates and letters carry them. */
export const approverAccount = (n = 0, org = 0) => ({
  id: approverId(n, org),
  name: NAMES[n % 10]!,
  position: `Заместитель ${n}`,
  email: org ? `p${n}-${org}@test.local` : `p${n}@test.local`,
  role: 'approver' as Role,
  organizationId: '',
})
/** The account behind `director(n, org)`. */
export const directorAccount = (n = 0, org = 0) => ({
  id: directorId(n, org),
  name: ['Смирнова Елена Викторовна', 'Петров Сергей Николаевич', 'Рубцов Андрей Андреевич'][n % 3]!,
  position: 'Директор',
  email: org ? `dir${n}-${org}@test.local` : `dir${n}@test.local`,
  role: 'director' as Role,
  organizationId: '',
})

/** Bearer tokens of the people the tests made, by user id: a link's person acts signed in (harness `call`). */
export type PersonTokens = Map<string, string>

/**
 * Makes an account (with a bearer token of its own, kept in `tokens`) without the password round: the tests
 * make dozens. Returns its ref for a route.
 */
export const makePerson = async (
  db: Db,
  tokens: PersonTokens,
  person: { id?: string; name: string; position?: string; email: string; role: Role; organizationId: string },
  passwordHash: string,
) => {
  const user = await insertUser(db, { ...person, passwordHash, createdAt: new Date('2026-01-01T00:00:00Z') })
  const token = newToken()
  await insertToken(db, {
    tokenHash: tokenHash(token),
    userId: user.id,
    expiresAt: new Date('2100-01-01T00:00:00Z'),
    createdAt: new Date('2026-01-01T00:00:00Z'),
  })
  tokens.set(user.id, token)
  return { userId: user.id, token }
}

/** The person a link was issued to (null for a route typed by name before accounts), read from the database. */
export const linkPersonId = async (db: Db, linkToken: string) =>
  (
    await queryRows<{ user_id: string | null }>(
      db,
      sql`select a.user_id from signing_links l join approvals a on a.id = l.approval_id
          where l.token_hash = ${tokenHash(linkToken)}`,
    )
  )[0]?.user_id ?? undefined

type Person = { name: string; position?: string; email: string }
type WithAddPerson = {
  addPerson: (p: Person & { role?: 'approver' | 'director' | 'clerk' }) => Promise<{ userId: string; token: string }>
}

/**
 * A test's own route of named people (approvers, then the director who signs), made into accounts of the
 * harness's first organization on first use and named by id from then on: `(await route()).approvers`.
 */
export const routeOf = (h: WithAddPerson, approvers: Person[], signer: Person) => {
  let made: Promise<{ approvers: { userId: string }[]; signer: { userId: string } }> | undefined
  return () =>
    (made ??= (async () => ({
      approvers: await Promise.all(approvers.map(async (p) => ({ userId: (await h.addPerson(p)).userId }))),
      signer: { userId: (await h.addPerson({ ...signer, role: 'director' })).userId },
    }))())
}

type TypedRoute = { steps?: Person[][]; approvers?: Person[]; sequential?: boolean; signer: Person }

/**
 * For tests written with people by name: `(await accounts(route))` is the same route naming their accounts (made
 * on first sight of each e-mail in the harness's first organization; the signer as a director).
 */
export const accountsFor = (h: WithAddPerson) => {
  const made = new Map<string, Promise<{ userId: string; token: string }>>()
  const account = (p: Person, role: 'approver' | 'director') => {
    const key = p.email.toLowerCase()
    if (!made.has(key)) made.set(key, h.addPerson({ ...p, role }))
    return made.get(key)!.then(({ userId }) => ({ userId }))
  }
  return async ({ steps, approvers, sequential, signer }: TypedRoute) => ({
    ...(steps ? { steps: await Promise.all(steps.map((s) => Promise.all(s.map((p) => account(p, 'approver'))))) } : {}),
    ...(approvers ? { approvers: await Promise.all(approvers.map((p) => account(p, 'approver'))) } : {}),
    ...(sequential !== undefined ? { sequential } : {}),
    signer: await account(signer, 'director'),
  })
}
