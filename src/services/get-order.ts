import { z } from 'zod'
import { listOrderAudit, listOrderAuditPage } from '../db/audit'
import { listApprovals } from '../db/links'
import { findOrderContent, listOrderVersions } from '../db/orders'
import { LIMITS } from '../domain/limits'
import { safeLine } from '../domain/text'
import { parseInput, queryNumber } from '../domain/validation'
import { loadOrder, requireUser } from './access'
import type { ServiceContext } from './context'
import { allowedActions } from './lifecycle'

/** Everything a user sees of one order: content, status, number and date, approvals, history. */
export const getOrder = async (ctx: ServiceContext, orderId: string) => {
  const user = requireUser(ctx)
  const order = await loadOrder(ctx.db, user, orderId)
  const [content, approvals, versions, history] = await Promise.all([
    findOrderContent(ctx.db, order.id, order.version),
    listApprovals(ctx.db, order.id),
    listOrderVersions(ctx.db, order.id),
    listOrderAudit(ctx.db, order.id),
  ])
  return {
    id: order.id,
    organizationId: order.organizationId,
    kind: order.kind,
    status: order.status,
    // an order of the archive, registered on paper: no signature claimed («внесён из архива»)
    imported: order.imported,
    version: order.version,
    number: order.number,
    date: order.date,
    signedAt: order.signedAt?.toISOString() ?? null,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
    allowedActions: allowedActions(order),
    content,
    approvals: approvals.map((a) => ({
      id: a.id,
      round: a.round,
      step: a.step,
      role: a.role,
      name: a.name,
      position: a.position,
      email: a.email,
      decision: a.decision,
      comment: a.comment,
      decidedAt: a.decidedAt?.toISOString() ?? null,
    })),
    versions: versions.map((v) => ({
      version: v.version,
      createdAt: v.createdAt.toISOString(),
      createdBy: v.createdBy,
    })),
    history: history.map(toHistoryEvent),
  }
}

export const toHistoryEvent = (e: Awaited<ReturnType<typeof listOrderAudit>>[number]) => ({
  seq: e.seq,
  action: e.action,
  at: new Date(e.at).toISOString(),
  actor: { type: e.actorType, id: e.actorId, name: e.actorName },
  fromState: e.fromState,
  toState: e.toState,
  data: e.data,
  ip: e.ip,
  userAgent: e.userAgent,
  hash: e.hash,
})

export const HistoryQuery = z
  .object({
    limit: queryNumber(z.number().int().min(1).max(LIMITS.request.historyPage)).default(100),
    // the seq of the last event of the page before, as `nextCursor` gave it
    cursor: safeLine()
      .regex(/^[1-9][0-9]{0,14}$/, 'неверный курсор страницы: возьмите nextCursor из ответа')
      .optional(),
  })
  .strict()

/** An order's audit events, oldest first, a page at a time: `nextCursor` names where the next page starts. */
export const getOrderHistory = async (ctx: ServiceContext, orderId: string, query: unknown = {}) => {
  const user = requireUser(ctx)
  const q = parseInput(HistoryQuery, query, 'Параметры истории')
  const order = await loadOrder(ctx.db, user, orderId)
  const rows = await listOrderAuditPage(ctx.db, order.id, {
    afterSeq: q.cursor === undefined ? undefined : Number(q.cursor),
    limit: q.limit + 1,
  })
  const page = rows.slice(0, q.limit)
  return {
    events: page.map(toHistoryEvent),
    nextCursor: rows.length > q.limit ? String(page.at(-1)!.seq) : null,
  }
}
