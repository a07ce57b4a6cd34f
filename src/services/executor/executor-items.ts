import { listControlFiles } from '../../db/control-files'
import { listControlItems } from '../../db/control-items'
import { listExtensionRequests } from '../../db/extension-requests'
import { listOrderHeads } from '../../db/orders'
import { listControlHistories } from '../../db/control-history'
import type { ServiceContext } from '../context'
import { controlItemView, controlToday } from '../control-view'
import { executorRole, requireExecutor } from './executor-access'

/** An executor has a few dozen items a year; a school named in every roadmap row of a district, a few hundred. */
export const EXECUTOR_ITEMS = 1_000

// the page's order: what needs doing soonest first, then what awaits the controller, then what is settled
const urgency: Record<string, number> = {
  overdue: 0,
  due_soon: 1,
  not_due: 2,
  no_due_date: 3,
  awaiting_decision: 4,
  settled: 5,
}

/**
 * The executor's items, as responsible and as co-executor: each with its order (number, date, title, the sealed
 * file's address), its state, its history, its report files and extension requests; overdue and due soon first.
 */
export const listExecutorItems = async (ctx: ServiceContext) => {
  const executor = await requireExecutor(ctx)
  const day = controlToday(ctx)
  const rows = await listControlItems(ctx.db, {
    organizationId: executor.organizationId,
    executorId: executor.id,
    limit: EXECUTOR_ITEMS,
    ...day,
  })
  const ids = rows.map((r) => r.id)
  const [heads, files, requests, histories] = await Promise.all([
    listOrderHeads(ctx.db, [...new Set(rows.map((r) => r.orderId))]),
    listControlFiles(ctx.db, ids),
    listExtensionRequests(ctx.db, ids),
    listControlHistories(ctx.db, ids),
  ])
  const orders = new Map(heads.map((o) => [o.id, o]))
  const items = rows.map((row) => {
    const view = controlItemView(row, day)
    const order = orders.get(row.orderId)
    return {
      ...view,
      role: executorRole(row, executor.id),
      order: order && {
        id: order.id,
        title: order.title,
        number: order.number,
        date: order.date,
        registeredPdf: `/api/executor/orders/${order.id}/registered.pdf`,
      },
      files: files.filter((f) => f.itemId === row.id).map(({ itemId: _, ...f }) => f),
      extensionRequests: requests.filter((r) => r.itemId === row.id).map(requestView),
      history: histories.filter((h) => h.itemId === row.id).map(({ itemId: _, ...h }) => h),
    }
  })
  items.sort(
    (a, b) =>
      urgency[a.timing]! - urgency[b.timing]! ||
      (a.due ?? '9999').localeCompare(b.due ?? '9999') ||
      a.id.localeCompare(b.id),
  )
  return { executor: { id: executor.id, name: executor.name }, items }
}

export const requestView = (r: Awaited<ReturnType<typeof listExtensionRequests>>[number]) => ({
  id: r.id,
  due: r.due,
  reason: r.reason,
  status: r.status,
  grantedDue: r.grantedDue,
  comment: r.comment,
  decidedAt: r.decidedAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
})
