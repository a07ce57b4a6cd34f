import { findOrder, lockOrder, type OrderRow } from '../db/orders'
import { findOrganization } from '../db/users'
import type { Db } from '../db/client'
import { OrderError } from '../domain/errors'
import { isUuid } from '../domain/validation'
import { type Action, type Facts, isInstallationAdmin, reaches, requireMay } from '../domain/policy'
import type { Actor, ServiceContext } from './context'

export { isInstallationAdmin }

export type UserActor = Extract<Actor, { type: 'user' }>

export const requireUser = (ctx: ServiceContext): UserActor => {
  if (ctx.actor.type !== 'user') throw new OrderError('unauthenticated', 'Требуется вход в систему')
  return ctx.actor
}

/** The policy's decision for this caller (domain/policy.ts), or its refusal: 401 unsigned, 403 refused. */
export const authorize = (ctx: ServiceContext, action: Action, facts?: Facts): UserActor => {
  const user = requireUser(ctx)
  requireMay(user, action, facts)
  return user
}

/** The organization whose data the user may see; undefined only for the installation's admin (sees all). */
export const organizationScope = (user: UserActor): string | undefined => {
  if (isInstallationAdmin(user)) return undefined
  if (!user.organizationId) throw new OrderError('forbidden', 'Пользователь не относится ни к одной организации')
  return user.organizationId
}

export const assertSameOrganization = (user: UserActor, organizationId: string) => {
  if (!reaches(user, organizationId)) throw new OrderError('forbidden', 'Это данные другой организации')
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

export { isUuid }

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
