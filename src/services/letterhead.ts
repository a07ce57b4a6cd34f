import type { Db } from '../db/client'
import type { OrderRow } from '../db/orders'
import { findLogo } from '../db/organizations'
import { findOrganization } from '../db/users'
import { kindNames, type OrderKind } from '../domain/content'
import { OrderError } from '../domain/errors'
import { type Letterhead, letterheadOf } from '../domain/letterhead'
import type { RenderFacts } from '../documents/order-view'

/**
 * The profile as a new version of the given kind pins it (create-order, update-draft): the version prints it from
 * then on, whatever the profile becomes. A kind the organization does not issue is refused.
 */
export const currentLetterhead = async (db: Db, organizationId: string, kind: OrderKind): Promise<Letterhead> => {
  const org = await findOrganization(db, organizationId)
  if (!org) throw new OrderError('not_found', 'Организация не найдена')
  if (!org.kinds.includes(kind))
    throw new OrderError('invalid_input', `Организация не издаёт документы вида «${kindNames[kind].nominative}»`, [
      {
        path: 'kind',
        message: `виды документов организации: ${org.kinds.map((k) => kindNames[k].nominative).join(', ')}`,
      },
    ])
  return letterheadOf(org, kind)
}

type PrintedFacts = Pick<RenderFacts, 'organization' | 'directive' | 'logo'>

/** What a version prints from its organization: the letterhead pinned with it (the profile now for one saved without). */
export const printedLetterhead = async (
  db: Db,
  order: Pick<OrderRow, 'organizationId' | 'kind'>,
  version: { letterhead: Letterhead | null },
): Promise<PrintedFacts> => {
  const pinned = version.letterhead ?? letterheadOf((await findOrganization(db, order.organizationId))!, order.kind)
  const logo = pinned.logo ? await findLogo(db, pinned.logo) : undefined
  return {
    organization: { parent: pinned.parent, name: pinned.name, place: pinned.place },
    directive: pinned.directive,
    logo: logo ? `data:${logo.mediaType};base64,${Buffer.from(logo.bytes).toString('base64')}` : null,
  }
}
