import { findRenderingBySha256 } from '../db/renderings'
import { findOrder } from '../db/orders'
import { verifyPdf } from '../documents/signing/verify'
import type { ServiceContext } from './context'
import { trustAnchors } from './keys'

/**
 * Anyone may check a PDF: every signature with signer, time, certificate, level, validity and coverage,
 * trusted when it chains to one of our organizations' CAs, and whether the file is one we issued (the hash
 * of a stored file) with its registration number. Nothing is stored.
 */
export const verifyDocument = async (ctx: ServiceContext, bytes: Uint8Array) => {
  const report = await verifyPdf(bytes, await trustAnchors(ctx.db))
  if (report.kind !== 'pdf') return { ...report, ours: null }
  const stored = await findRenderingBySha256(ctx.db, report.sha256)
  const order = stored ? await findOrder(ctx.db, stored.orderId) : undefined
  return {
    ...report,
    ours: order
      ? { orderId: order.id, title: order.title, number: order.number, date: order.date, stage: stored!.stage }
      : null,
  }
}
