import { z } from 'zod'
import type { Db } from '../db/client'
import { findOrganization, findUsersByIds, listUsers, type UserRow } from '../db/users'
import { OrderError, type ErrorDetail } from '../domain/errors'
import { ownOrganization, requireUser, isUuid } from './access'
import type { ServiceContext } from './context'

const BY_ACCOUNT =
  'укажите сотрудника как { "userId": "…" } из списка сотрудников организации: имя, должность и почта берутся из его учётной записи'

/**
 * An approver or the signer of a route: an account of the organization, by its id. A name, a position or an
 * e-mail in its place is refused (422): a route names people who can prove who they are, not text.
 */
export const PersonRef = z
  .looseObject({ userId: z.unknown().optional() })
  .check((ctx) => {
    const extra = Object.keys(ctx.value).filter((k) => k !== 'userId')
    const { userId } = ctx.value
    const message = extra.length
      ? `${BY_ACCOUNT} (лишнее: ${extra.join(', ')})`
      : userId === undefined
        ? `обязательно: ${BY_ACCOUNT}`
        : typeof userId !== 'string' || !isUuid(userId)
          ? 'userId: идентификатор учётной записи (UUID)'
          : undefined
    if (message) ctx.issues.push({ code: 'custom', input: ctx.value, path: extra.length ? [] : ['userId'], message })
  })
  .transform(({ userId }) => ({ userId: userId as string }))
  .meta({ id: 'PersonRef' })

export type RoutePerson = { userId: string; name: string; position: string; email: string }

/** Who may be named on a route: active people of the organization; `signs` for those who may sign (director). */
export const listPeople = async (ctx: ServiceContext, organizationId?: string) => {
  requireUser(ctx)
  const org = await ownOrganization(ctx, organizationId)
  const [users, profile] = await Promise.all([listUsers(ctx.db, org), findOrganization(ctx.db, org)])
  const people = users.filter((u) => !u.disabledAt)
  return {
    items: people.map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      position: u.position,
      role: u.role,
      signs: u.role === 'director',
      defaultSigner: u.id === profile?.defaultSignerId,
    })),
  }
}

const problem = (path: string, message: string): ErrorDetail => ({ path, message })

/**
 * The accounts a route names, checked: each one a person of the organization and active, the signer a director
 * with a position to print; nobody twice. Any problem refuses the whole route (422) before anything is written.
 */
export const routePeople = async (
  tx: Db,
  organizationId: string,
  steps: { userId: string }[][],
  signer: { userId: string },
  { form = 'steps' }: { form?: 'steps' | 'approvers' } = {},
): Promise<{ steps: RoutePerson[][]; signer: RoutePerson }> => {
  // where each person was in the request: approvers one per step (sequential) or all in one (parallel)
  const at = (s: number, i: number) => (form === 'steps' ? `steps.${s}.${i}.userId` : `approvers.${s + i}.userId`)
  const named = [
    ...steps.flatMap((people, s) => people.map((p, i) => ({ ...p, path: at(s, i) }))),
    { ...signer, path: 'signer.userId' },
  ]
  const found = new Map<string, UserRow>(
    (await findUsersByIds(tx, [...new Set(named.map((p) => p.userId))])).map((u) => [u.id, u]),
  )
  const problems: ErrorDetail[] = []
  const seen = new Set<string>()
  for (const p of named) {
    const user = found.get(p.userId)
    if (!user || user.organizationId !== organizationId)
      problems.push(problem(p.path, 'нет такого сотрудника в организации приказа'))
    else if (user.disabledAt) problems.push(problem(p.path, `учётная запись «${user.name}» отключена`))
    else if (seen.has(p.userId)) problems.push(problem(p.path, `«${user.name}» уже есть в маршруте`))
    seen.add(p.userId)
  }
  const director = found.get(signer.userId)
  if (director && director.organizationId === organizationId && !director.disabledAt) {
    if (director.role !== 'director')
      problems.push(
        problem(
          'signer.userId',
          `подписывает только руководитель (роль director); «${director.name}»: ${director.role}`,
        ),
      )
    else if (!director.position?.trim())
      problems.push(problem('signer.userId', `в учётной записи «${director.name}» не указана должность для подписи`))
  }
  if (problems.length)
    throw new OrderError('invalid_input', 'Маршрут согласования: сотрудники указаны неверно', problems)
  const person = ({ userId }: { userId: string }): RoutePerson => {
    const u = found.get(userId)!
    return { userId, name: u.name, position: u.position?.trim() ?? '', email: u.email }
  }
  return { steps: steps.map((people) => people.map(person)), signer: person(signer) }
}
