import { z } from 'zod'
import { deleteToken, findUserByEmail, findUserByToken, insertToken } from '../db/users'
import { OrderError } from '../domain/errors'
import { LIMITS } from '../domain/limits'
import { normaliseText, safeText } from '../domain/text'
import { parseInput } from '../domain/validation'
import type { Actor, Role, ServiceDeps } from './context'
import { hashPassword, newToken, tokenHash, verifyPassword } from './secrets'

export const SignInInput = z
  .object({
    email: safeText().trim().min(1).max(LIMITS.request.email),
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
 * Bearer token → actor, remembered for a few seconds: every API call needs it, and a user's role
 * and organization do not change under a request's feet. Tokens are only ever added, so the
 * short memory cannot let a removed token in; a sign-out forgets it here too.
 */
export const createAuthenticator = (deps: ServiceDeps, { ttlMs = 30_000, max = 10_000 } = {}) => {
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
  return { authenticate, signOut }
}

export type Authenticator = ReturnType<typeof createAuthenticator>
