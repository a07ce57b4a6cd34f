import { findOrder, lockOrder, type OrderRow } from '../db/orders'
import type { Db } from '../db/client'
import { OrderError } from '../domain/errors'
import type { Actor, Role, ServiceContext } from './context'

export type UserActor = Extract<Actor, { type: 'user' }>

export const requireUser = (ctx: ServiceContext): UserActor => {
  if (ctx.actor.type !== 'user') throw new OrderError('unauthenticated', 'Требуется вход в систему')
  return ctx.actor
}

/** The installation's admin may act in every role; everyone else only in their own. */
export const requireRole = (ctx: ServiceContext, ...roles: Role[]): UserActor => {
  const user = requireUser(ctx)
  if (user.role !== 'admin' && !roles.includes(user.role)) {
    throw new OrderError('forbidden', `Действие доступно ролям: ${roles.join(', ')}; ваша роль: ${user.role}`)
  }
  return user
}

/** The organization whose data the user may see; undefined for an admin without one (sees all). */
export const organizationScope = (user: UserActor): string | undefined =>
  user.role === 'admin' && !user.organizationId ? undefined : (user.organizationId ?? undefined)

export const assertSameOrganization = (user: UserActor, organizationId: string) => {
  if (user.role === 'admin') return
  if (user.organizationId !== organizationId) throw new OrderError('forbidden', 'Это данные другой организации')
}

export const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s)

export const loadOrder = async (
  tx: Db,
  user: UserActor,
  id: string,
  { lock = false }: { lock?: boolean } = {},
): Promise<OrderRow> => {
  const order = !isUuid(id) ? undefined : lock ? await lockOrder(tx, id) : await findOrder(tx, id)
  if (!order) throw new OrderError('not_found', `Приказ ${id} не найден`)
  assertSameOrganization(user, order.organizationId)
  return order
}
