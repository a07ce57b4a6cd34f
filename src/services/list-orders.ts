import { z } from 'zod'
import { ORDER_STATES } from '../../workflows/order.machine'
import { listOrders } from '../db/orders'
import { isIsoDate } from '../domain/dates'
import { OrderError } from '../domain/errors'
import { parseInput } from '../domain/validation'
import { organizationScope, requireUser } from './access'
import type { ServiceContext } from './context'

const isoDate = z.string().refine(isIsoDate, 'дата в виде YYYY-MM-DD')

export const ListOrdersQuery = z.object({
  status: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(ORDER_STATES)))
    .optional(),
  q: z.string().trim().min(1).max(500).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
})

const encodeCursor = (createdAt: Date, id: string) =>
  Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url')

const decodeCursor = (cursor: string) => {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|')
  const createdAt = new Date(at ?? '')
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new OrderError('invalid_input', 'Неверный курсор страницы', [{ path: 'cursor', message: 'неверный курсор' }])
  }
  return { createdAt, id }
}

export const findOrders = async (ctx: ServiceContext, query: unknown) => {
  const user = requireUser(ctx)
  const f = parseInput(ListOrdersQuery, query, 'Параметры списка')
  const rows = await listOrders(ctx.db, {
    organizationId: organizationScope(user),
    status: f.status,
    q: f.q,
    from: f.from,
    to: f.to,
    limit: f.limit + 1,
    after: f.cursor ? decodeCursor(f.cursor) : undefined,
  })
  const page = rows.slice(0, f.limit)
  const last = page.at(-1)
  return {
    items: page.map((o) => ({
      id: o.id,
      kind: o.kind,
      title: o.title,
      status: o.status,
      version: o.version,
      number: o.number,
      date: o.date,
      createdAt: o.createdAt.toISOString(),
      updatedAt: o.updatedAt.toISOString(),
    })),
    nextCursor: rows.length > f.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  }
}
