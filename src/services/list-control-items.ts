import { z } from 'zod'
import { CONTROL_ITEM_STATES } from '../../workflows/control-item.machine'
import { findControlItem, isOrderSigner, listControlEvents, listControlItems } from '../db/control-items'
import { listControlFiles } from '../db/control-files'
import { listExtensionRequests } from '../db/extension-requests'
import { listOrderHeads } from '../db/orders'
import { isCalendarDay } from '../domain/dates'
import { OrderError } from '../domain/errors'
import { IsoDate, parseInput, queryNumber } from '../domain/validation'
import { assertSameOrganization, isUuid, organizationScope, requireUser } from './access'
import type { ServiceContext } from './context'
import { allowedControlActions, controlItemView, controlToday } from './control-view'
import { requestView } from './executor/executor-items'

export const ListControlQuery = z
  .object({
    status: z.enum([...CONTROL_ITEM_STATES, 'overdue', 'due_soon'] as const).optional(),
    executor: z.string().uuid().optional(),
    orderId: z.string().uuid().optional(),
    dueBefore: IsoDate.optional(),
    limit: queryNumber(z.number().int().min(1).max(500)).default(100),
    cursor: z.string().max(200).optional(),
  })
  .strict()

type Cursor = { due: string | null; id: string }

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url')
const decodeCursor = (s: string): Cursor => {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'))
    if (isUuid(c.id) && (c.due === null || isCalendarDay(c.due))) return { due: c.due, id: c.id }
  } catch {}
  throw new OrderError('invalid_input', 'Неверный курсор', [{ path: 'cursor', message: 'неверный курсор' }])
}

/** Control items of the user's organization, earliest due first; `overdue` and `due_soon` as of today. */
export const findControlItems = async (ctx: ServiceContext, query: unknown) => {
  const user = requireUser(ctx)
  const q = parseInput(ListControlQuery, query, 'Параметры запроса')
  const day = controlToday(ctx)
  const rows = await listControlItems(ctx.db, {
    organizationId: organizationScope(user),
    status: q.status,
    executorId: q.executor,
    orderId: q.orderId,
    dueBefore: q.dueBefore,
    limit: q.limit + 1,
    after: q.cursor ? decodeCursor(q.cursor) : undefined,
    ...day,
  })
  const page = rows.slice(0, q.limit)
  const last = page.at(-1)
  return {
    items: page.map((r) => controlItemView(r, day)),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ due: last.dueDate, id: last.id }) : null,
  }
}

/** One item with its history: reports, decisions, extensions (old and new due date), removal. */
export const getControlItem = async (ctx: ServiceContext, id: string) => {
  const user = requireUser(ctx)
  const row = isUuid(id) ? await findControlItem(ctx.db, id) : undefined
  if (!row) throw new OrderError('not_found', 'Контрольное поручение не найдено')
  assertSameOrganization(user, row.organizationId)
  const [history, files, requests] = await Promise.all([
    listControlEvents(ctx.db, id),
    listControlFiles(ctx.db, [id]),
    listExtensionRequests(ctx.db, [id]),
  ])
  // each report's files beside it, addressed for download; the executors' requests for more time with their decisions
  return {
    ...controlItemView(row, controlToday(ctx)),
    history: history.map((e) => ({
      ...e,
      files: files
        .filter((f) => f.eventSeq === e.seq)
        .map(({ itemId: _, ...f }) => ({ ...f, url: `/api/control/${id}/files/${f.id}` })),
    })),
    extensionRequests: requests.map(requestView),
  }
}

/** How many open items the controller's board shows at most: the earliest due, so the overdue come first. */
export const BOARD_ITEMS = 500

/**
 * The controller's board: the organization's open items (on control, extended, reported), earliest due
 * first, with the title, number and date of each of their orders read in one query. Settled items
 * (done, removed) are found in the list (`status=done`); after years of orders they would fill the board.
 */
export const controlBoard = async (ctx: ServiceContext) => {
  const user = requireUser(ctx)
  const { items } = await findControlItems(ctx, { status: 'on_control', limit: String(BOARD_ITEMS) })
  const orderIds = [...new Set(items.map((i) => i.orderId))]
  const heads = await listOrderHeads(ctx.db, orderIds)
  // which of these orders the caller signed: asked only of a director, the one role a signature gives rights to
  const signed = new Set(
    user.role !== 'director'
      ? []
      : (
          await Promise.all(orderIds.map(async (id) => ((await isOrderSigner(ctx.db, id, user.id)) ? id : null)))
        ).filter((id) => id !== null),
  )
  return {
    items: items.map((i) => ({
      ...i,
      allowedActions: allowedControlActions(user, i.status, { signedTheOrder: signed.has(i.orderId) }),
    })),
    orders: Object.fromEntries(heads.map((o) => [o.id, o])),
  }
}
