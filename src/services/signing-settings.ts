import { z } from 'zod'
import type { Db } from '../db/client'
import { findOrganization, setSignVisas } from '../db/users'
import { OrderError } from '../domain/errors'
import { parseInput } from '../domain/validation'
import { authorize, ownOrganization } from './access'
import { recordEvent } from './audit'
import { inTransaction, type ServiceContext } from './context'

export const SigningSettingsInput = z
  .object({
    organizationId: z.string().uuid().optional(),
    /** each approver's visa a PAdES signature on the file (true, the default) or a recorded approval only */
    signVisas: z.boolean(),
  })
  .strict()
  .meta({ id: 'SigningSettings' })

/** Whether an approval of this organization puts a visa signature on the file (read at each approval). */
export const visasSigned = async (db: Db, organizationId: string) =>
  (await findOrganization(db, organizationId))?.signVisas ?? true

const settingsOrganization = async (ctx: ServiceContext, wanted?: string) => {
  authorize(ctx, 'signing.manage')
  return ownOrganization(ctx, wanted)
}

export const getSigningSettings = async (ctx: ServiceContext, organizationId?: string) => {
  const id = await settingsOrganization(ctx, organizationId)
  return { organizationId: id, signVisas: await visasSigned(ctx.db, id) }
}

/** The admin turns visa signatures on or off for the organization; orders in approval follow from their next visa. */
export const changeSigningSettings = async (ctx: ServiceContext, input: unknown) => {
  const { organizationId: wanted, signVisas } = parseInput(SigningSettingsInput, input, 'Настройки подписи')
  const organizationId = await settingsOrganization(ctx, wanted)
  return inTransaction(ctx, async (tx) => {
    if (!(await setSignVisas(tx, organizationId, signVisas)))
      throw new OrderError('not_found', 'Организация не найдена')
    await recordEvent(tx, ctx, { organizationId, action: 'signing_settings_changed', data: { signVisas } })
    return { organizationId, signVisas }
  })
}
