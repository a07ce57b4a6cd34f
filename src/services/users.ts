import { Inn, Snils } from '../domain/person-identifiers'
import { z } from 'zod'
import { insertOrganization, insertUser, listOrganizations, listUsers } from '../db/users'
import { OrderError } from '../domain/errors'
import { LIMITS } from '../domain/limits'
import { emailAddress, safeLine, safeText } from '../domain/text'
import { parseInput } from '../domain/validation'
import { authorize, organizationScope, ownOrganization } from './access'
import { recordEvent } from './audit'
import { inTransaction, type ServiceContext } from './context'
import { hashPassword } from './secrets'
import { organizationView } from './organization-profile'

/** `approver` only gives visas (any active person may approve); only a `director` signs. */
export const roles = ['admin', 'clerk', 'controller', 'director', 'approver'] as const

const O = LIMITS.order

export const CreateUserInput = z
  .object({
    email: emailAddress(),
    name: safeLine().trim().min(1).max(LIMITS.request.name),
    position: safeLine().trim().max(LIMITS.request.position).optional(),
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
    name: z.array(safeLine().trim().min(1).max(O.requisiteLine)).min(1).max(O.requisiteLines),
    parent: z.array(safeLine().trim().min(1).max(O.requisiteLine)).max(O.requisiteLines).optional(),
    place: safeLine().trim().max(O.place).optional(),
    shortName: safeLine().trim().max(LIMITS.request.name).optional(),
  })
  .strict()
  .meta({ id: 'CreateOrganization' })

export const createOrganization = async (ctx: ServiceContext, input: unknown) => {
  authorize(ctx, 'organizations.create')
  const request = parseInput(CreateOrganizationInput, input, 'Организация')
  return inTransaction(ctx, async (tx) => {
    const org = await insertOrganization(tx, { ...request, createdAt: ctx.clock.now() })
    await recordEvent(tx, ctx, { organizationId: org.id, action: 'organization_created', data: organizationView(org) })
    return organizationView(org)
  })
}

export const findOrganizations = async (ctx: ServiceContext) => {
  const user = authorize(ctx, 'organizations.read')
  const scope = organizationScope(user)
  return { items: (await listOrganizations(ctx.db)).filter((o) => !scope || o.id === scope).map(organizationView) }
}

export const createUser = async (ctx: ServiceContext, input: unknown) => {
  const admin = authorize(ctx, 'users.manage')
  const request = parseInput(CreateUserInput, input, 'Пользователь')
  // the one it names (checked by ownOrganization: the caller's own, or any that exists for the installation's
  // admin), else the admin's own, else (the installation's admin naming none) the first organization
  const named = request.organizationId === undefined ? undefined : await ownOrganization(ctx, request.organizationId)
  const passwordHash = await hashPassword(request.password)
  return inTransaction(ctx, async (tx) => {
    const organizationId = named ?? organizationScope(admin) ?? (await listOrganizations(tx))[0]?.id
    if (!organizationId)
      throw new OrderError('invalid_input', 'Сначала создайте организацию', [
        { path: 'organizationId', message: 'нет ни одной организации' },
      ])
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
  const user = authorize(ctx, 'users.manage')
  return { items: await listUsers(ctx.db, organizationScope(user)) }
}
