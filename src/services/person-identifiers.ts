import { z } from 'zod'
import { setUserIdentifiers, type UserRow } from '../db/users'
import type { Db } from '../db/client'
import { Inn, Snils } from '../domain/person-identifiers'
import { recordEvent } from './audit'
import type { ServiceContext } from './context'

/** The fields of PATCH /api/users/:id that identify a person in a qualified certificate (null removes one). */
export const PersonIdentifiersInput = z.object({ snils: Snils.nullable().optional(), inn: Inn.nullable().optional() })

export type PersonIdentifiers = z.infer<typeof PersonIdentifiersInput>

/**
 * An admin sets or removes a person's СНИЛС and ИНН. The audit event says which changed, not the numbers
 * (personal data in a log kept for ever). Runs in the caller's transaction, after its access checks.
 */
export const changePersonIdentifiers = async (
  tx: Db,
  ctx: ServiceContext,
  user: Pick<UserRow, 'id' | 'organizationId' | 'email'>,
  identifiers: PersonIdentifiers,
) => {
  const changed = Object.fromEntries(Object.entries(identifiers).filter(([, v]) => v !== undefined))
  if (!Object.keys(changed).length) return undefined
  const row = await setUserIdentifiers(tx, user.id, changed)
  await recordEvent(tx, ctx, {
    organizationId: user.organizationId!,
    action: 'user_identifiers_changed',
    data: { userId: user.id, email: user.email, changed: Object.keys(changed) },
  })
  return row
}
