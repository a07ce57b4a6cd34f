import { z } from 'zod'
import { deleteOtherTokens, deleteUserToken, findUserById, listUserTokens, setPasswordHash } from '../db/users'
import { OrderError } from '../domain/errors'
import { LIMITS } from '../domain/limits'
import { safeText } from '../domain/text'
import { parseInput } from '../domain/validation'
import { isUuid, requireUser } from './access'
import { recordEvent } from './audit'
import { inTransaction, type ServiceContext } from './context'
import { hashPassword, tokenHash, verifyPassword } from './secrets'

export const ChangePasswordInput = z
  .object({
    current: safeText().min(1).max(LIMITS.request.password),
    next: safeText().min(8, 'не короче 8 символов').max(LIMITS.request.password),
  })
  .strict()
  .meta({ id: 'ChangePassword' })

/**
 * A person changes their own password, the current one required. Every other session and token of theirs ends
 * (whoever knew the old password is signed out everywhere); the one the change was made in goes on.
 */
export const changeOwnPassword = async (ctx: ServiceContext, currentToken: string, input: unknown) => {
  const me = requireUser(ctx)
  const { current, next } = parseInput(ChangePasswordInput, input, 'Смена пароля')
  const account = await findUserById(ctx.db, me.id)
  if (!account || !(await verifyPassword(current, account.passwordHash)))
    throw new OrderError('invalid_input', 'Текущий пароль указан неверно', [
      { path: 'current', message: 'неверный пароль' },
    ])
  if (current === next)
    throw new OrderError('invalid_input', 'Новый пароль совпадает с текущим', [{ path: 'next', message: 'тот же' }])
  const passwordHash = await hashPassword(next)
  return inTransaction(ctx, async (tx) => {
    await setPasswordHash(tx, me.id, passwordHash)
    const ended = await deleteOtherTokens(tx, me.id, tokenHash(currentToken))
    if (account.organizationId)
      await recordEvent(tx, ctx, {
        organizationId: account.organizationId,
        action: 'password_changed',
        data: { userId: me.id, sessionsEnded: ended.length },
      })
    return { sessionsEnded: ended.length }
  })
}

/** The caller's own sessions and tokens still valid; `current` marks the one the request came with. */
export const listOwnSessions = async (ctx: ServiceContext, currentToken: string) => {
  const me = requireUser(ctx)
  const current = tokenHash(currentToken)
  const rows = await listUserTokens(ctx.db, me.id, ctx.clock.now())
  return {
    items: rows.map((t) => ({
      id: t.id,
      createdAt: t.createdAt.toISOString(),
      expiresAt: t.expiresAt.toISOString(),
      current: t.tokenHash === current,
    })),
  }
}

/** Ends one of the caller's own sessions; another person's session id is unknown to them (404). */
export const endOwnSession = async (ctx: ServiceContext, id: string) => {
  const me = requireUser(ctx)
  return inTransaction(ctx, async (tx) => {
    if (!isUuid(id) || !(await deleteUserToken(tx, me.id, id))) throw new OrderError('not_found', 'Сеанс не найден')
    const account = await findUserById(tx, me.id)
    if (account?.organizationId)
      await recordEvent(tx, ctx, {
        organizationId: account.organizationId,
        action: 'session_ended',
        data: { userId: me.id, sessionId: id },
      })
    return { id, ended: true }
  })
}
