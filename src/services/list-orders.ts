import { z } from 'zod'
import { ORDER_STATES } from '../../workflows/order.machine'
import { findLastReturns } from '../db/links'
import { listOrders } from '../db/orders'
import { LIMITS } from '../domain/limits'
import { foldNumber, readSearch, signerWords } from '../domain/order-search'
import { safeLine } from '../domain/text'
import { IsoDate, parseInput, queryNumber } from '../domain/validation'
import { isUuid, organizationScope, requireUser } from './access'
import type { ServiceContext } from './context'

// year 0000 passes the calendar check but not PostgreSQL's

const encodeCursor = (createdAt: Date, id: string) =>
  Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url')

/**
 * The position a cursor names, or undefined for anything this service did not write: it must decode
 * to an instant and a uuid that encode back to exactly the same cursor.
 */
const decodeCursor = (cursor: string) => {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined
  const [at = '', id = '', ...rest] = Buffer.from(cursor, 'base64url').toString().split('|')
  const createdAt = new Date(at)
  if (rest.length || !isUuid(id) || Number.isNaN(createdAt.getTime())) return undefined
  const year = createdAt.getUTCFullYear()
  if (year < 2000 || year > 9999 || encodeCursor(createdAt, id) !== cursor) return undefined
  return { createdAt, id }
}

export const ListOrdersQuery = z
  .object({
    status: safeLine()
      .transform((s) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.enum(ORDER_STATES)))
      .optional(),
    q: safeLine().trim().min(1).max(LIMITS.request.query).optional(),
    number: safeLine()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[№\s\p{L}\d/-]+$/u, 'номер: цифры, буквы, «/» и «-», как в журнале')
      .optional(),
    signer: safeLine().trim().min(1).max(LIMITS.request.name).optional(),
    date: IsoDate.optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    limit: queryNumber(z.number().int().min(1).max(200)).default(50),
    cursor: safeLine()
      .max(200)
      .refine((c) => decodeCursor(c) !== undefined, 'неверный курсор страницы: возьмите nextCursor из ответа')
      .optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'конец периода раньше начала' })

const returnOf = (
  r: { name: string; position: string; role: string; comment: string | null; decidedAt: Date | null } | undefined,
) =>
  r
    ? {
        by: r.name,
        position: r.position,
        role: r.role,
        comment: r.comment ?? '',
        at: r.decidedAt?.toISOString() ?? null,
      }
    : null

export const findOrders = async (ctx: ServiceContext, query: unknown) => {
  const user = requireUser(ctx)
  const f = parseInput(ListOrdersQuery, query, 'Параметры списка')
  // the one box reads a number or a date as such; words go to the full-text search
  const intent: Partial<Record<'words' | 'number' | 'date', string>> = f.q ? readSearch(f.q) : {}
  const rows = await listOrders(ctx.db, {
    organizationId: organizationScope(user),
    status: f.status,
    q: intent.words,
    number: f.number ? foldNumber(f.number) : intent.number,
    date: f.date ?? intent.date,
    signer: f.signer ? signerWords(f.signer) : undefined,
    from: f.from,
    to: f.to,
    limit: f.limit + 1,
    after: f.cursor ? decodeCursor(f.cursor) : undefined,
  })
  const page = rows.slice(0, f.limit)
  const last = page.at(-1)
  // a draft that was sent and came back: who returned it, when and why (the clerk's list marks it)
  const returns = await findLastReturns(
    ctx.db,
    page.filter((o) => o.status === 'draft').map((o) => o.id),
  )
  return {
    items: page.map((o) => ({
      id: o.id,
      kind: o.kind,
      title: o.title,
      status: o.status,
      // an order of the archive, registered on paper: no signature claimed («внесён из архива»)
      imported: o.imported,
      version: o.version,
      number: o.number,
      date: o.date,
      createdAt: o.createdAt.toISOString(),
      updatedAt: o.updatedAt.toISOString(),
      returned: returnOf(returns.get(o.id)),
    })),
    nextCursor: rows.length > f.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  }
}
