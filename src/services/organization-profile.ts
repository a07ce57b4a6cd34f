import { createHash } from 'node:crypto'
import { z } from 'zod'
import { listOrganizationEvents } from '../db/audit'
import { findLogo, insertLogo, lockOrganization, updateOrganization } from '../db/organizations'
import { findOrganization, findUserById, listUsers, type OrganizationRow } from '../db/users'
import { kindNames, OrderKind } from '../domain/content'
import { OrderError } from '../domain/errors'
import { LIMITS } from '../domain/limits'
import { safeText } from '../domain/text'
import { parseInput } from '../domain/validation'
import { signatureName } from '../domain/people'
import { checkLogo } from '../documents/logo'
import { assertSameOrganization, isUuid, authorize, requireUser } from './access'
import { recordEvent } from './audit'
import { inTransaction, type ServiceContext } from './context'

const O = LIMITS.order
const line = () => safeText().trim().min(1).max(O.requisiteLine)

/**
 * The profile an admin changes: each field given replaces the stored one, a field left out stays; `null` clears
 * what may be empty (place, directive words, signer, emblem). The emblem comes as base64 of a PNG or JPEG file.
 */
export const ChangeOrganizationInput = z
  .object({
    name: z.array(line()).min(1).max(O.requisiteLines).optional(),
    parent: z.array(line()).max(O.requisiteLines).optional(),
    place: safeText().trim().min(1).max(O.place).nullable().optional(),
    shortName: safeText().trim().min(1).max(LIMITS.request.name).nullable().optional(),
    kinds: z
      .array(OrderKind)
      .min(1, 'организация издаёт хотя бы один вид документов')
      .refine((k) => new Set(k).size === k.length, 'вид документа указан дважды')
      .optional(),
    directives: z
      .object({
        prikaz: safeText().trim().min(1).max(O.directive).nullable().optional(),
        rasporyazhenie: safeText().trim().min(1).max(O.directive).nullable().optional(),
      })
      .strict()
      .optional(),
    defaultSignerId: z.string().uuid('идентификатор сотрудника (UUID)').nullable().optional(),
    logo: z
      .object({ data: z.base64('содержимое файла в base64').max(Math.ceil((256 * 1024 * 4) / 3) + 4) })
      .strict()
      .nullable()
      .optional(),
  })
  .strict()
  .meta({ id: 'ChangeOrganization' })

/** The organization as its admin sees it: the letterhead, the profile and its signer. */
export const organizationView = (o: OrganizationRow) => ({
  id: o.id,
  name: o.name,
  parent: o.parent,
  place: o.place,
  shortName: o.shortName,
  kinds: o.kinds,
  directives: o.directives,
  defaultSignerId: o.defaultSignerId,
  logo: o.logoSha256,
})

const refuse = (path: string, message: string, what = 'Профиль организации') =>
  new OrderError('invalid_input', `${what}: ${message}`, [{ path, message }])

/** The default signer must be able to sign: an active director of this organization with a position to print. */
const assertSigner = async (tx: Parameters<typeof findUserById>[0], organizationId: string, userId: string) => {
  const person = await findUserById(tx, userId)
  if (!person || person.organizationId !== organizationId)
    throw refuse('defaultSignerId', 'нет такого сотрудника в организации')
  if (person.disabledAt) throw refuse('defaultSignerId', `учётная запись «${person.name}» отключена`)
  if (person.role !== 'director')
    throw refuse('defaultSignerId', `подписывает только руководитель (роль director); «${person.name}»: ${person.role}`)
  if (!person.position?.trim()) throw refuse('defaultSignerId', `у «${person.name}» не указана должность для подписи`)
}

/**
 * Changes an organization's profile (its admin, or the installation's admin). Versions already saved keep the
 * letterhead they pinned (create-order, update-draft), so a registered order prints as it was signed; the next
 * draft takes the new one.
 */
export const changeOrganization = async (ctx: ServiceContext, organizationId: string, input: unknown) => {
  const admin = authorize(ctx, 'organizations.profile')
  const change = parseInput(ChangeOrganizationInput, input, 'Профиль организации')
  if (!isUuid(organizationId)) throw new OrderError('not_found', 'Организация не найдена')
  assertSameOrganization(admin, organizationId)
  const logoBytes = change.logo ? Buffer.from(change.logo.data, 'base64') : undefined
  const logo = logoBytes && checkLogo(logoBytes)
  if (logo && 'problem' in logo) throw refuse('logo', logo.problem, 'Эмблема')
  return inTransaction(ctx, async (tx) => {
    const org = await lockOrganization(tx, organizationId)
    if (!org) throw new OrderError('not_found', 'Организация не найдена')
    if (change.defaultSignerId) await assertSigner(tx, organizationId, change.defaultSignerId)
    const kinds = change.kinds ?? org.kinds
    const directives = { ...org.directives }
    for (const [kind, words] of Object.entries(change.directives ?? {}) as [OrderKind, string | null][]) {
      if (words === null) delete directives[kind]
      else if (!kinds.includes(kind))
        throw refuse(`directives.${kind}`, `организация не издаёт документы вида «${kindNames[kind].nominative}»`)
      else directives[kind] = words
    }
    let logoSha256 = org.logoSha256
    if (logoBytes && logo && !('problem' in logo)) {
      logoSha256 = createHash('sha256').update(logoBytes).digest('hex')
      await insertLogo(tx, { sha256: logoSha256, organizationId, mediaType: logo.mediaType, bytes: logoBytes })
    } else if (change.logo === null) logoSha256 = null
    const changed = await updateOrganization(tx, organizationId, {
      ...(change.name && { name: change.name }),
      ...(change.parent && { parent: change.parent }),
      ...(change.place !== undefined && { place: change.place }),
      ...(change.shortName !== undefined && { shortName: change.shortName }),
      ...(change.defaultSignerId !== undefined && { defaultSignerId: change.defaultSignerId }),
      kinds,
      directives,
      logoSha256,
    })
    const before = organizationView(org)
    const after = organizationView(changed)
    const fields = (Object.keys(after) as (keyof typeof after)[]).filter(
      (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
    )
    if (fields.length)
      await recordEvent(tx, ctx, {
        organizationId,
        action: 'organization_changed',
        data: { fields, before: pick(before, fields), after: pick(after, fields) },
      })
    return after
  })
}

const pick = <T extends object>(o: T, keys: (keyof T)[]) => Object.fromEntries(keys.map((k) => [k, o[k]]))

const PROFILE_EVENTS = ['organization_created', 'organization_changed']

/**
 * The profile as its page shows it: the organization, the people who may be its default signer (active directors
 * with a position), its emblem as a data: URL, and the history of its changes, newest first.
 */
export const getOrganizationProfile = async (ctx: ServiceContext, organizationId: string) => {
  const admin = authorize(ctx, 'organizations.profile')
  if (!isUuid(organizationId)) throw new OrderError('not_found', 'Организация не найдена')
  assertSameOrganization(admin, organizationId)
  const org = await findOrganization(ctx.db, organizationId)
  if (!org) throw new OrderError('not_found', 'Организация не найдена')
  const [people, logo, events] = await Promise.all([
    listUsers(ctx.db, organizationId),
    org.logoSha256 ? findLogo(ctx.db, org.logoSha256) : undefined,
    listOrganizationEvents(ctx.db, organizationId, PROFILE_EVENTS),
  ])
  return {
    organization: organizationView(org),
    signers: people
      .filter((p) => p.role === 'director' && !p.disabledAt && p.position?.trim())
      .map((p) => ({ id: p.id, name: p.name, position: p.position! })),
    logo: logo ? `data:${logo.mediaType};base64,${Buffer.from(logo.bytes).toString('base64')}` : null,
    history: events.map((e) => ({
      at: e.at,
      actor: e.actorName,
      action: e.action,
      fields: (e.data.fields as string[] | undefined) ?? [],
    })),
  }
}

/**
 * What a new order starts with in the editor: the first kind the organization issues and its default signer as
 * the signature block prints them (none for the installation's admin, who drafts in no organization).
 */
export const newOrderDefaults = async (ctx: ServiceContext) => {
  const user = requireUser(ctx)
  const org = user.organizationId ? await findOrganization(ctx.db, user.organizationId) : undefined
  if (!org) return { kind: 'prikaz' as const, signer: null }
  const signer = org.defaultSignerId ? await findUserById(ctx.db, org.defaultSignerId) : undefined
  return {
    kind: org.kinds[0] ?? ('prikaz' as const),
    signer:
      signer && !signer.disabledAt && signer.position
        ? { position: signer.position, name: signatureName(signer.name) }
        : null,
  }
}
