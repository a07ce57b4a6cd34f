import type { OrderRow } from '../db/orders'
import { findRendering } from '../db/renderings'
import { currentFileAt, orderFileName, type OrderFile } from '../domain/file-names'
import { loadOrder, requireUser } from './access'
import type { ServiceContext } from './context'
import { orderDocument } from './order-documents'
import { sealedKey } from './seal-order'
import { latestSignedFile } from './signatures'

const PDF = 'application/pdf'

/**
 * The file of an order that counts now, as PDF: the sealed registered file once registered, the signed file
 * once signed, the rendering («ПРОЕКТ») before. Where the file of its state is not there yet — a registration
 * whose seal the sweeper has still to put on, an order signed before signed files were kept — it is the one
 * before it, and `file` says which was given.
 */
export const currentOrderFile = async (
  ctx: ServiceContext,
  orderId: string,
  { known = [] }: { known?: string[] } = {},
) => {
  const order = await loadOrder(ctx.db, requireUser(ctx), orderId)
  return fileOfOrder(ctx, order, known)
}

const stored = (order: OrderRow, file: OrderFile, found: { bytes: Uint8Array; sha256: string }, known: string[]) => ({
  file,
  fileName: orderFileName(order, file, 'pdf'),
  contentType: PDF,
  sha256: found.sha256,
  bytes: known.includes(found.sha256) ? null : found.bytes,
})

const fileOfOrder = async (ctx: ServiceContext, order: OrderRow, known: string[]) => {
  const wanted = currentFileAt(order.status)
  if (wanted === 'registered') {
    const sealed = await findRendering(ctx.db, sealedKey(order))
    if (sealed) return stored(order, 'registered', sealed, known)
  }
  if (wanted !== 'rendering') {
    const signed = await latestSignedFile(ctx.db, order)
    if (signed) return stored(order, 'signed', signed, known)
  }
  return { file: 'rendering' as const, ...(await orderDocument(ctx, order, 'pdf', known)) }
}
