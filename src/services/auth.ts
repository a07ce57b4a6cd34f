import { z } from 'zod'
import { findUserByEmail, findUserByToken, insertToken } from '../db/users'
import { OrderError } from '../domain/errors'
import { parseInput } from '../domain/validation'
import type { Actor, Role, ServiceDeps } from './context'
import { hashPassword, newToken, tokenHash, verifyPassword } from './secrets'

export const SignInInput = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200) }).meta({ id: 'SignIn' })

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

export const authenticate = async (deps: ServiceDeps, token: string): Promise<Actor | undefined> => {
  const user = await findUserByToken(deps.db, tokenHash(token), deps.clock.now())
  return user && { type: 'user', id: user.id, name: user.name, role: user.role as Role, organizationId: user.organizationId }
}
