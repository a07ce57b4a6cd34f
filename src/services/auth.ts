import { z } from 'zod'
import { deleteToken, findUserByEmail, findUserByToken, insertToken } from '../db/users'
import { OrderError } from '../domain/errors'
import { LIMITS } from '../domain/limits'
import { normaliseText, safeLine, safeText } from '../domain/text'
import { parseInput } from '../domain/validation'
import type { Actor, Role, ServiceDeps } from './context'
import { hashPassword, newToken, tokenHash, verifyPassword } from './secrets'

export const SignInInput = z
  .object({
    email: safeLine().trim().min(1).max(LIMITS.request.email),
    password: safeText().min(1).max(LIMITS.request.password),
  })
  .meta({ id: 'SignIn' })

/**
 * The account an e-mail names, as sign-in finds it: text normalised as every input is (invisible characters
 * dropped), spaces around it trimmed, case ignored. The sign-in rate limits key on it, so «con\u200btroller@…»
 * is the same account and gets no guesses of its own.
 */
export const canonicalAccount = (email: string): string => normaliseText(email).trim().toLowerCase()

const TOKEN_TTL_MS = 30 * 86_400_000
// a fixed hash to compare against when the email is unknown, so both answers take as long
const decoy = hashPassword('decoy-password')

export const issueToken = async (deps: ServiceDeps, input: unknown, { ttlMs = TOKEN_TTL_MS } = {}) => {
  const { email, password } = parseInput(SignInInput, input, 'Вход')
  const user = await findUserByEmail(deps.db, email)
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoy))
  if (!user || !ok) throw new OrderError('unauthenticated', 'Неверный адрес почты или пароль')
  if (user.disabledAt) throw new OrderError('forbidden', 'Учётная запись отключена администратором организации')
  const token = newToken()
  const now = deps.clock.now()
  const expiresAt = new Date(now.getTime() + ttlMs)
  await insertToken(deps.db, { tokenHash: tokenHash(token), userId: user.id, expiresAt, createdAt: now })
  return { token, expiresAt: expiresAt.toISOString(), user: { id: user.id, name: user.name, role: user.role } }
}

const resolveToken = async (deps: ServiceDeps, hash: string): Promise<Actor | undefined> => {
  const user = await findUserByToken(deps.db, hash, deps.clock.now())
  return (
    user && { type: 'user', id: user.id, name: user.name, role: user.role as Role, organizationId: user.organizationId }
  )
}

/**
 * Bearer token → actor, remembered for half a second: every API call needs it. A token ends by sign-out
 * (forgotten here at once) or because its person was disabled, possibly by another instance sharing the
 * database: so nothing is remembered longer than TOKEN_MEMORY_MS, and a disabled person is refused by every
 * instance within that (the query checks `disabled_at`; `test/e2e/disable-person.test.ts` measures it on two
 * processes). Half, not a whole second: the promise is «within a second» including the request that finds out,
 * and a whole second of memory made the first refusal land at 1,000.2 ms on a busy machine.
 */
export const TOKEN_MEMORY_MS = 500

export const createAuthenticator = (deps: ServiceDeps, { ttlMs = TOKEN_MEMORY_MS, max = 10_000 } = {}) => {
  const seen = new Map<string, { actor: Actor; until: number }>()
  const authenticate = async (token: string): Promise<Actor | undefined> => {
    const hash = tokenHash(token)
    const now = deps.clock.now().getTime()
    const hit = seen.get(hash)
    if (hit && hit.until > now) return hit.actor
    const actor = await resolveToken(deps, hash)
    if (seen.size >= max) seen.clear()
    if (actor) seen.set(hash, { actor, until: now + ttlMs })
    else seen.delete(hash)
    return actor
  }
  /** Signing out ends the token at once, in this process's memory as in the database. */
  const signOut = async (token: string) => {
    const hash = tokenHash(token)
    seen.delete(hash)
    await deleteToken(deps.db, hash)
  }
  /** A person disabled through this process is forgotten here at once (other processes within TOKEN_MEMORY_MS). */
  const forgetUser = (userId: string) => {
    for (const [hash, hit] of seen) if (hit.actor.type === 'user' && hit.actor.id === userId) seen.delete(hash)
  }
  return { authenticate, signOut, forgetUser }
}

export type Authenticator = ReturnType<typeof createAuthenticator>
