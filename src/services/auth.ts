import { z } from 'zod'
import { findUserByEmail, findUserByToken, insertToken } from '../db/users'
import { OrderError } from '../domain/errors'
import { LIMITS } from '../domain/limits'
import { safeText } from '../domain/text'
import { parseInput } from '../domain/validation'
import type { Actor, Role, ServiceDeps } from './context'
import { hashPassword, newToken, tokenHash, verifyPassword } from './secrets'

export const SignInInput = z
  .object({
    email: safeText().trim().min(1).max(LIMITS.request.email),
    password: safeText().min(1).max(LIMITS.request.password),
  })
  .meta({ id: 'SignIn' })

const TOKEN_TTL_MS = 30 * 86_400_000
// a fixed hash to compare against when the email is unknown, so both answers take as long
const decoy = hashPassword('decoy-password')

export const issueToken = async (deps: ServiceDeps, input: unknown) => {
  const { email, password } = parseInput(SignInInput, input, 'Вход')
  const user = await findUserByEmail(deps.db, email)
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoy))
  if (!user || !ok) throw new OrderError('unauthenticated', 'Неверный адрес почты или пароль')
  const token = newToken()
  const now = deps.clock.now()
  const expiresAt = new Date(now.getTime() + TOKEN_TTL_MS)
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
 * short memory cannot let a removed token in.
 */
export const createAuthenticator = (deps: ServiceDeps, { ttlMs = 30_000, max = 10_000 } = {}) => {
  const seen = new Map<string, { actor: Actor; until: number }>()
  return async (token: string): Promise<Actor | undefined> => {
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
}
