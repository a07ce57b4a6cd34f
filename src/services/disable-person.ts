import { z } from 'zod'
import { deleteUserTokens, findUserById, setUserDisabled, type UserRow } from '../db/users'
import { revokeHolderCredentials } from '../db/signing-credentials'
import { OrderError } from '../domain/errors'
import { parseInput } from '../domain/validation'
import { assertSameOrganization, isUuid, requireRole } from './access'
import { recordEvent } from './audit'
import { inTransaction, type ServiceContext } from './context'
import { changePersonIdentifiers, PersonIdentifiersInput } from './person-identifiers'

export const ChangeUserInput = z
  .object({ disabled: z.boolean().optional(), ...PersonIdentifiersInput.shape })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'укажите, что изменить: disabled, snils или inn')
  .meta({ id: 'ChangeUser' })

/** RFC 5280 CRLReason for a person who no longer acts for the organization. */
export const DISABLED_REASON = 'cessationOfOperation'

/**
 * Disables or enables a person (an admin of their organization, or the installation's admin). Disabling ends every
 * session and token of theirs (this instance forgets them at once, the others within TOKEN_MEMORY_MS, since every
 * lookup checks the database), stops their decisions (decide-by-link.ts checks the account) and revokes their
 * signing certificates. Enabling lets them sign in again; a revoked certificate stays revoked, a new one is issued
 * at their next signature.
 */
export const changeUser = async (ctx: ServiceContext, userId: string, input: unknown) => {
  const admin = requireRole(ctx, 'admin')
  const { disabled, ...identifiers } = parseInput(ChangeUserInput, input, 'Пользователь')
  return inTransaction(ctx, async (tx) => {
    const user = isUuid(userId) ? await findUserById(tx, userId) : undefined
    if (!user) throw new OrderError('not_found', `Пользователь ${userId} не найден`)
    if (!user.organizationId)
      throw new OrderError('forbidden', 'Администратора всей системы отключить нельзя: он не относится к организации')
    assertSameOrganization(admin, user.organizationId)
    if (disabled && user.id === admin.id)
      throw new OrderError('invalid_input', 'Нельзя отключить собственную учётную запись', [
        { path: 'disabled', message: 'это вы' },
      ])
    const identified = (await changePersonIdentifiers(tx, ctx, user, identifiers)) ?? user
    const now = ctx.clock.now()
    if (disabled === undefined) return view(identified, 0, [])
    const changed = (await setUserDisabled(tx, user.id, disabled ? (user.disabledAt ?? now) : null))!
    const [ended, revoked] = disabled
      ? await Promise.all([
          deleteUserTokens(tx, user.id),
          revokeHolderCredentials(tx, user.organizationId, user.email, now, DISABLED_REASON),
        ])
      : [[], []]
    await recordEvent(tx, ctx, {
      organizationId: user.organizationId,
      action: disabled ? 'user_disabled' : 'user_enabled',
      data: {
        userId: user.id,
        email: user.email,
        sessionsEnded: ended.length,
        certificatesRevoked: revoked,
      },
    })
    return view(changed, ended.length, revoked)
  })
}

const view = (user: UserRow, sessionsEnded: number, certificatesRevoked: unknown[]) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  position: user.position,
  role: user.role,
  organizationId: user.organizationId,
  disabled: !!user.disabledAt,
  disabledAt: user.disabledAt?.toISOString() ?? null,
  snils: user.snils,
  inn: user.inn,
  sessionsEnded,
  certificatesRevoked,
})
