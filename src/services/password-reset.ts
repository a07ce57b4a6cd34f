import { z } from 'zod'
import type { Db } from '../db/client'
import {
  deleteUnusedResets,
  findPasswordReset,
  insertPasswordReset,
  lockPasswordReset,
  markResetUsed,
} from '../db/password-resets'
import { deleteUserTokens, findUserById, setPasswordHash } from '../db/users'
import { OrderError } from '../domain/errors'
import { LIMITS } from '../domain/limits'
import { safeText } from '../domain/text'
import { parseInput } from '../domain/validation'
import { assertSameOrganization, isUuid, authorize } from './access'
import { recordEvent } from './audit'
import { inTransaction, type ServiceContext } from './context'
import { queueLetters } from './mail-outbox'
import { hashPassword, newToken, tokenHash } from './secrets'

/** A set-password link lives a day: long enough to reach the person, short enough that a lost one dies soon. */
export const PASSWORD_RESET_TTL_MS = 86_400_000

export const SetPasswordInput = z
  .object({ password: safeText().min(8, 'не короче 8 символов').max(LIMITS.request.password) })
  .strict()

/**
 * An admin issues a person a one-time set-password link (their organization's admin, or the installation's). Any
 * earlier unused link of theirs ends. With mail set up the link goes to the person's address and is not answered;
 * without, it is answered once, for the admin to hand on (`{url}`). Only its hash is stored.
 */
export const issuePasswordReset = async (ctx: ServiceContext, userId: string) => {
  const admin = authorize(ctx, 'users.manage')
  return inTransaction(ctx, async (tx) => {
    const user = isUuid(userId) ? await findUserById(tx, userId) : undefined
    if (!user) throw new OrderError('not_found', 'Пользователь не найден')
    if (!user.organizationId)
      throw new OrderError('forbidden', 'Пароль администратора всей системы задаётся при его запуске (ADMIN_PASSWORD)')
    assertSameOrganization(admin, user.organizationId)
    if (user.disabledAt)
      throw new OrderError('invalid_input', 'Учётная запись отключена: сначала включите её', [
        { path: 'id', message: 'учётная запись отключена' },
      ])
    const token = newToken()
    const now = ctx.clock.now()
    const expiresAt = new Date(now.getTime() + PASSWORD_RESET_TTL_MS)
    await deleteUnusedResets(tx, user.id)
    await insertPasswordReset(tx, { tokenHash: tokenHash(token), userId: user.id, expiresAt, createdAt: now })
    const url = `${ctx.publicUrl}/password/${token}`
    const mailed = !!ctx.mailer
    await queueLetters(tx, ctx, null, [
      {
        to: user.email,
        subject: 'Установка пароля',
        text: [
          `${user.name}, администратор предлагает вам задать пароль для входа в систему приказов.`,
          '',
          `Откройте ссылку: ${url}`,
          `Ссылка действует один раз, до ${expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
        ].join('\n'),
      },
    ])
    await recordEvent(tx, ctx, {
      organizationId: user.organizationId,
      action: 'password_reset_issued',
      data: { userId: user.id, email: user.email, mailed, expiresAt: expiresAt.toISOString() },
    })
    return mailed ? { mailed, expiresAt: expiresAt.toISOString() } : { mailed, url, expiresAt: expiresAt.toISOString() }
  })
}

const gone = () =>
  new OrderError(
    'link_gone',
    'Ссылка для установки пароля недействительна: она истекла, уже использована или заменена новой',
  )

const usable = async (
  db: Db,
  ctx: Pick<ServiceContext, 'clock'>,
  row: Awaited<ReturnType<typeof findPasswordReset>>,
) => {
  if (!row || row.usedAt || row.expiresAt <= ctx.clock.now()) throw gone()
  const user = await findUserById(db, row.userId)
  if (!user || user.disabledAt) throw gone()
  return user
}

/** Whom a set-password link is for, if it still works (the page greets them by name). */
export const openPasswordReset = async (ctx: ServiceContext, token: string) => {
  const hash = tokenHash(token)
  const user = await usable(ctx.db, ctx, await findPasswordReset(ctx.db, hash))
  return { name: user.name, email: user.email }
}

/** Sets the password by the link, once: the link is used up and every session of the person ends. */
export const setPasswordByReset = async (ctx: ServiceContext, token: string, input: unknown) => {
  const { password } = parseInput(SetPasswordInput, input, 'Пароль')
  const passwordHash = await hashPassword(password)
  return inTransaction(ctx, async (tx) => {
    const hash = tokenHash(token)
    const user = await usable(tx, ctx, await lockPasswordReset(tx, hash))
    const now = ctx.clock.now()
    await markResetUsed(tx, hash, now)
    await setPasswordHash(tx, user.id, passwordHash)
    const ended = await deleteUserTokens(tx, user.id)
    await recordEvent(tx, ctx, {
      organizationId: user.organizationId!,
      action: 'password_reset_used',
      data: { userId: user.id, sessionsEnded: ended.length },
    })
    return { userId: user.id, email: user.email }
  })
}
