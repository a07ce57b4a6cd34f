import { Inn, Snils } from '../domain/person-identifiers'
import { z } from 'zod'
import { findOrganization, insertOrganization, insertUser, listOrganizations, listUsers } from '../db/users'
import { OrderError } from '../domain/errors'
import { LIMITS } from '../domain/limits'
import { emailAddress, safeText } from '../domain/text'
import { parseInput } from '../domain/validation'
import { assertSameOrganization, organizationScope, requireInstallationAdmin, requireRole } from './access'
import { recordEvent } from './audit'
import { inTransaction, type ServiceContext } from './context'
import { hashPassword } from './secrets'

/** `approver` only gives visas (any active person may approve); only a `director` signs. */
export const roles = ['admin', 'clerk', 'controller', 'director', 'approver'] as const

const O = LIMITS.order

export const CreateUserInput = z
  .object({
    email: emailAddress(),
    name: safeText().trim().min(1).max(LIMITS.request.name),
    position: safeText().trim().max(LIMITS.request.position).optional(),
    role: z.enum(roles),
    password: safeText().min(8, 'не короче 8 символов').max(LIMITS.request.password),
    organizationId: z.string().uuid().optional(),
    // what a qualified certificate names its owner by: a КЭП is accepted from this account only when they match
    snils: Snils.optional(),
    inn: Inn.optional(),
  })
  .strict()
  .meta({ id: 'CreateUser' })

export const CreateOrganizationInput = z
  .object({
    name: z.array(safeText().trim().min(1).max(O.requisiteLine)).min(1).max(O.requisiteLines),
    parent: z.array(safeText().trim().min(1).max(O.requisiteLine)).max(O.requisiteLines).optional(),
    place: safeText().trim().max(O.place).optional(),
    shortName: safeText().trim().max(LIMITS.request.name).optional(),
  })
  .strict()
  .meta({ id: 'CreateOrganization' })

const organizationView = (o: Awaited<ReturnType<typeof insertOrganization>>) => ({
  id: o.id,
  name: o.name,
  parent: o.parent,
  place: o.place,
  shortName: o.shortName,
})

export const createOrganization = async (ctx: ServiceContext, input: unknown) => {
  requireInstallationAdmin(ctx)
  const request = parseInput(CreateOrganizationInput, input, 'Организация')
  return inTransaction(ctx, async (tx) => {
    const org = await insertOrganization(tx, { ...request, createdAt: ctx.clock.now() })
    await recordEvent(tx, ctx, { organizationId: org.id, action: 'organization_created', data: organizationView(org) })
    return organizationView(org)
  })
}

export const findOrganizations = async (ctx: ServiceContext) => {
  const user = requireRole(ctx, 'admin')
  const scope = organizationScope(user)
  return { items: (await listOrganizations(ctx.db)).filter((o) => !scope || o.id === scope).map(organizationView) }
}

export const createUser = async (ctx: ServiceContext, input: unknown) => {
  const admin = requireRole(ctx, 'admin')
  const request = parseInput(CreateUserInput, input, 'Пользователь')
  if (request.organizationId) assertSameOrganization(admin, request.organizationId)
  const passwordHash = await hashPassword(request.password)
  return inTransaction(ctx, async (tx) => {
    const organizationId = request.organizationId ?? organizationScope(admin) ?? (await listOrganizations(tx))[0]?.id
    if (!organizationId)
      throw new OrderError('invalid_input', 'Сначала создайте организацию', [
        { path: 'organizationId', message: 'нет ни одной организации' },
      ])
    if (!(await findOrganization(tx, organizationId))) throw new OrderError('not_found', 'Организация не найдена')
    // a taken e-mail is the unique index's to find (users_email_key): a 409, concurrent requests too
    const user = await insertUser(tx, {
      email: request.email,
      name: request.name,
      position: request.position,
      role: request.role,
      organizationId,
      passwordHash,
      snils: request.snils ?? null,
      inn: request.inn ?? null,
      createdAt: ctx.clock.now(),
    })
    const view = {
      id: user.id,
      email: user.email,
      name: user.name,
      position: user.position,
      role: user.role,
      organizationId,
      snils: user.snils,
      inn: user.inn,
    }
    // the audit log is kept for ever: it says that an identifier was given, not the personal number itself
    const { snils, inn, ...audited } = view
    await recordEvent(tx, ctx, {
      organizationId,
      action: 'user_created',
      data: { ...audited, snilsGiven: !!snils, innGiven: !!inn },
    })
    return view
  })
}

/** The users an admin manages: every one for the installation's admin, else those of the admin's organization. */
export const findUsers = async (ctx: ServiceContext) => {
  const user = requireRole(ctx, 'admin')
  return { items: await listUsers(ctx.db, organizationScope(user)) }
}
