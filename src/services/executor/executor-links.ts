import { findExecutor } from '../../db/executors'
import { findExecutorLink, replaceExecutorLink, revokeExecutorLinks } from '../../db/executor-links'
import { OrderError } from '../../domain/errors'
import { assertSameOrganization, authorize, isUuid } from '../access'
import { recordEvent } from '../audit'
import { type Actor, inTransaction, type ServiceContext, type ServiceDeps } from '../context'
import { newToken, tokenHash } from '../secrets'

/** The personal page's address: the token is in the path and never stored or logged (only its hash). */
export const executorPageUrl = (publicUrl: string, token: string) => `${publicUrl}/x/${token}`

const loadForLink = async (ctx: ServiceContext, id: string) => {
  const user = authorize(ctx, 'executors.link')
  const executor = isUuid(id) ? await findExecutor(ctx.db, id) : undefined
  if (!executor) throw new OrderError('not_found', 'Исполнитель не найден')
  assertSameOrganization(user, executor.organizationId)
  return { user, executor }
}

/** Issues the executor's personal link; the one before is revoked in the same transaction. */
export const issueExecutorLink = async (ctx: ServiceContext, id: string) => {
  const { user, executor } = await loadForLink(ctx, id)
  const token = newToken()
  await inTransaction(ctx, async (tx) => {
    const at = ctx.clock.now()
    await replaceExecutorLink(tx, { executorId: executor.id, tokenHash: tokenHash(token), issuedBy: user.id, at })
    await recordEvent(tx, ctx, {
      organizationId: executor.organizationId,
      action: 'executor_link_issued',
      data: { executorId: executor.id, name: executor.name },
    })
  })
  return { url: executorPageUrl(ctx.publicUrl, token) }
}

export const revokeExecutorLink = async (ctx: ServiceContext, id: string) => {
  const { executor } = await loadForLink(ctx, id)
  return inTransaction(ctx, async (tx) => {
    const revoked = await revokeExecutorLinks(tx, executor.id, ctx.clock.now())
    await recordEvent(tx, ctx, {
      organizationId: executor.organizationId,
      action: 'executor_link_revoked',
      data: { executorId: executor.id, name: executor.name, links: revoked.length },
    })
    return { id: executor.id, revoked: revoked.length }
  })
}

/**
 * A personal link's token → the executor acting by it. An unknown token is 401; a revoked one 410 («отозвана»:
 * the executor asks the controller for a new one).
 */
export const authenticateExecutor = async (
  deps: ServiceDeps,
  token: string,
): Promise<Extract<Actor, { type: 'executor' }>> => {
  const found = token.length <= 100 ? await findExecutorLink(deps.db, tokenHash(token)) : undefined
  if (!found) throw new OrderError('unauthenticated', 'Ссылка исполнителя недействительна: проверьте адрес из письма')
  if (found.revokedAt)
    throw new OrderError('link_gone', 'Ссылка исполнителя отозвана: попросите контролёра выдать новую')
  const e = found.executor
  return { type: 'executor', id: e.id, name: e.name, organizationId: e.organizationId }
}
