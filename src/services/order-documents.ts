import type { Db } from '../db/client'
import { findOrderContent, findOrderVersion, type OrderRow } from '../db/orders'
import { findRenderingHash } from '../db/renderings'
import type { DocumentFormat } from '../db/schema'
import { calendarDate } from '../domain/dates'
import { orderFileName } from '../domain/file-names'
import { loadOrder, requireUser } from './access'
import type { ServiceContext } from './context'
import { contentProblems } from './check-draft'
import { printedLetterhead } from './letterhead'
import {
  printedContent,
  type RenderingDeps,
  renderingRevision,
  renderingStageOf,
  storedRendering,
  viewAtStage,
} from './renderings'

export const withContent = async (db: Db, order: OrderRow) => {
  const version = await findOrderVersion(db, order.id, order.version)
  const [content, printed] = await Promise.all([
    printedContent(db, order, version.content),
    printedLetterhead(db, order, version),
  ])
  return { order, content, printed }
}

const contentTypes: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
}

/**
 * The order's current file: its stored rendering (rendered and stored the first time). `bytes` is null when
 * the caller already holds it: one of `known` (hashes from If-None-Match) is its hash, or `*` and it is stored.
 */
export const orderDocument = async (
  deps: RenderingDeps,
  order: OrderRow,
  format: DocumentFormat,
  known: string[] = [],
) => {
  const stage = renderingStageOf(order)
  const about = {
    fileName: orderFileName(order, 'rendering', format),
    contentType: contentTypes[format],
  }
  if (known.length) {
    const sha256 = await findRenderingHash(deps.db, {
      orderId: order.id,
      version: order.version,
      stage,
      format,
      revision: renderingRevision(order),
    })
    if (sha256 && (known.includes(sha256) || known.includes('*'))) return { ...about, sha256, bytes: null }
  }
  return { ...about, ...(await storedRendering(deps, order, { stage, format })) }
}

/** The current rendering of an order, appendices included, as PDF or DOCX, for a user who may see it. */
export const getOrderDocument = async (
  ctx: ServiceContext,
  orderId: string,
  format: DocumentFormat,
  { known = [] }: { known?: string[] } = {},
) => orderDocument(ctx, await loadOrder(ctx.db, requireUser(ctx), orderId), format, known)

/** The order as every rendering shows it at its current stage: the PDF, the DOCX and the link page. */
export const viewOfOrder = ({ order, content, printed }: Awaited<ReturnType<typeof withContent>>) =>
  viewAtStage(order, content, printed, renderingStageOf(order))

/** What the current version lacks to be sent and what the linter finds; deadlines are judged at the registration date, or today. */
export const checkOrderContent = async (ctx: ServiceContext, orderId: string) => {
  const order = await loadOrder(ctx.db, requireUser(ctx), orderId)
  const content = await findOrderContent(ctx.db, order.id, order.version)
  return contentProblems(content, order.date ?? calendarDate(ctx.clock.now()))
}
