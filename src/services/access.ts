import { findOrder, lockOrder, type OrderRow } from '../db/orders'
import { findOrganization } from '../db/users'
import type { Db } from '../db/client'
import { OrderError } from '../domain/errors'
import type { Actor, Role, ServiceContext } from './context'

export type UserActor = Extract<Actor, { type: 'user' }>

export const requireUser = (ctx: ServiceContext): UserActor => {
  if (ctx.actor.type !== 'user') throw new OrderError('unauthenticated', 'Требуется вход в систему')
  return ctx.actor
}

/** An admin may act in every role (an organization's admin only within it, see below); everyone else only in their own. */
export const requireRole = (ctx: ServiceContext, ...roles: Role[]): UserActor => {
  const user = requireUser(ctx)
  if (user.role !== 'admin' && !roles.includes(user.role)) {
    throw new OrderError('forbidden', `Действие доступно ролям: ${roles.join(', ')}; ваша роль: ${user.role}`)
  }
  return user
}

/**
 * Organizations are sealed: the installation's admin (an admin bound to no organization) is the only
 * user who spans them. An organization's own admin, like every other user, sees and changes only
 * the data of their organization.
 */
export const isInstallationAdmin = (user: UserActor) => user.role === 'admin' && !user.organizationId

export const requireInstallationAdmin = (ctx: ServiceContext): UserActor => {
  const user = requireRole(ctx, 'admin')
  if (!isInstallationAdmin(user))
    throw new OrderError('forbidden', 'Это доступно только администратору всей системы (без организации)')
  return user
}

/** The organization whose data the user may see; undefined only for the installation's admin (sees all). */
export const organizationScope = (user: UserActor): string | undefined => {
  if (isInstallationAdmin(user)) return undefined
  if (!user.organizationId) throw new OrderError('forbidden', 'Пользователь не относится ни к одной организации')
  return user.organizationId
}

export const assertSameOrganization = (user: UserActor, organizationId: string) => {
  const scope = organizationScope(user)
  if (scope !== undefined && scope !== organizationId)
    throw new OrderError('forbidden', 'Это данные другой организации')
}

/**
 * The organization a request is about: the one it names, or the caller's own. Only the installation's
 * admin may name another organization; anyone else naming one is refused (organizations are sealed). A named
 * organization that does not exist is 404: its settings would otherwise be answered as the defaults, and a
 * change would fail on the foreign key.
 */
export const ownOrganization = async (ctx: ServiceContext, wanted?: string) => {
  const user = requireUser(ctx)
  const organizationId = wanted ?? user.organizationId
  if (!organizationId)
    throw new OrderError('invalid_input', 'Укажите организацию', [{ path: 'organizationId', message: 'обязательно' }])
  assertSameOrganization(user, organizationId)
  if (wanted !== undefined && !(isUuid(wanted) && (await findOrganization(ctx.db, wanted))))
    throw new OrderError('not_found', 'Организация не найдена')
  return organizationId
}

export const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s)

export const loadOrder = async (
  tx: Db,
  user: UserActor,
  id: string,
  { lock = false }: { lock?: boolean } = {},
): Promise<OrderRow> => {
  const order = !isUuid(id) ? undefined : lock ? await lockOrder(tx, id) : await findOrder(tx, id)
  if (!order) throw new OrderError('not_found', 'Приказ не найден')
  assertSameOrganization(user, order.organizationId)
  return order
}
