import { z } from 'zod'
import { lockActiveAdmins, deleteUserTokens, findUserById, updateUser, type UserRow } from '../db/users'
import { revokeHolderCredentials } from '../db/signing-credentials'
import { OrderError } from '../domain/errors'
import { LIMITS } from '../domain/limits'
import { emailAddress, safeText } from '../domain/text'
import { parseInput } from '../domain/validation'
import { assertSameOrganization, authorize, isUuid } from './access'
import { recordEvent } from './audit'
import { inTransaction, type ServiceContext } from './context'
import { changePersonIdentifiers, PersonIdentifiersInput } from './person-identifiers'
import { roles } from './users'

/** What an admin changes of a person: each field given replaces the stored one (a null position clears it). */
export const ChangeUserInput = z
  .object({
    name: safeText().trim().min(1).max(LIMITS.request.name).optional(),
    position: safeText().trim().max(LIMITS.request.position).nullable().optional(),
    role: z.enum(roles).optional(),
    email: emailAddress().optional(),
    disabled: z.boolean().optional(),
    ...PersonIdentifiersInput.shape,
  })
  .strict()
  .refine(
    (c) => Object.keys(c).length > 0,
    'укажите, что изменить: name, position, role, email, disabled, snils или inn',
  )
  .meta({ id: 'ChangeUser' })

/** RFC 5280 CRLReason for a person who no longer acts for the organization. */
export const DISABLED_REASON = 'cessationOfOperation'
/** …and for a certificate whose name or e-mail the account no longer carries: the next signature gets a new one. */
export const RENAMED_REASON = 'superseded'

const refuse = (path: string, message: string) =>
  new OrderError('invalid_input', `Пользователь: ${message}`, [{ path, message }])

const personView = (u: UserRow) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  position: u.position,
  role: u.role,
  organizationId: u.organizationId,
  disabled: !!u.disabledAt,
  disabledAt: u.disabledAt?.toISOString() ?? null,
})

const FIELDS = ['name', 'position', 'role', 'email', 'disabled'] as const

/**
 * Changes a person (an admin of their organization, or the installation's admin): name, position, role, e-mail,
 * and disabled. Disabling ends every session and token of theirs (this instance forgets them at once, the others
 * within TOKEN_MEMORY_MS, since every lookup checks the database), stops their decisions (decide-by-link.ts checks
 * the account) and revokes their signing certificates; a new name or e-mail revokes them too (a certificate names
 * its holder), so the next signature is made with a certificate of the account as it is. The organization keeps an
 * active admin: the last one is neither disabled nor given another role. A taken e-mail is 409.
 */
export const changeUser = async (ctx: ServiceContext, userId: string, input: unknown) => {
  const admin = authorize(ctx, 'users.manage')
  const { snils, inn, ...change } = parseInput(ChangeUserInput, input, 'Пользователь')
  return inTransaction(ctx, async (tx) => {
    const user = isUuid(userId) ? await findUserById(tx, userId) : undefined
    if (!user) throw new OrderError('not_found', 'Пользователь не найден')
    if (!user.organizationId)
      throw new OrderError('forbidden', 'Администратора всей системы изменить нельзя: он не относится к организации')
    assertSameOrganization(admin, user.organizationId)
    // СНИЛС and ИНН (person-identifiers.ts): their own event, which never records the numbers
    const identified = (await changePersonIdentifiers(tx, ctx, user, { snils, inn })) ?? user
    if (Object.values(change).every((v) => v === undefined))
      return {
        ...personView(identified),
        snils: identified.snils,
        inn: identified.inn,
        sessionsEnded: 0,
        certificatesRevoked: [],
      }
    const now = ctx.clock.now()
    const disabling = change.disabled === true && !user.disabledAt
    if (change.disabled && user.id === admin.id) throw refuse('disabled', 'нельзя отключить собственную учётную запись')
    const losesAdmin =
      user.role === 'admin' && !user.disabledAt && (disabling || (change.role && change.role !== 'admin'))
    if (losesAdmin && !(await lockActiveAdmins(tx, user.organizationId)).some((id) => id !== user.id))
      throw refuse(
        change.role && change.role !== 'admin' ? 'role' : 'disabled',
        'это последний действующий администратор организации: сначала назначьте другого',
      )
    // serialised per person: the row is locked by the update before anything else is written
    const changed = (await updateUser(tx, user.id, {
      ...(change.name !== undefined && { name: change.name }),
      ...(change.position !== undefined && { position: change.position || null }),
      ...(change.role !== undefined && { role: change.role }),
      ...(change.email !== undefined && { email: change.email }),
      ...(change.disabled !== undefined && { disabledAt: change.disabled ? (user.disabledAt ?? now) : null }),
    }))!
    const renamed = changed.name !== user.name || changed.email.toLowerCase() !== user.email.toLowerCase()
    const [ended, revoked] = await Promise.all([
      disabling ? deleteUserTokens(tx, user.id) : [],
      disabling || renamed
        ? revokeHolderCredentials(
            tx,
            user.organizationId,
            user.email,
            now,
            disabling ? DISABLED_REASON : RENAMED_REASON,
          )
        : [],
    ])
    const before = personView(user)
    const after = personView(changed)
    const fields = FIELDS.filter((k) => before[k] !== after[k])
    if (fields.length)
      await recordEvent(tx, ctx, {
        organizationId: user.organizationId,
        action: disabling
          ? 'user_disabled'
          : change.disabled === false && user.disabledAt
            ? 'user_enabled'
            : 'user_changed',
        data: {
          userId: user.id,
          email: changed.email,
          fields,
          before: Object.fromEntries(fields.map((k) => [k, before[k]])),
          after: Object.fromEntries(fields.map((k) => [k, after[k]])),
          sessionsEnded: ended.length,
          certificatesRevoked: revoked,
        },
      })
    return {
      ...after,
      snils: changed.snils,
      inn: changed.inn,
      sessionsEnded: ended.length,
      certificatesRevoked: revoked,
    }
  })
}
