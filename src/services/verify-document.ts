import { findRendering, findRenderingBySha256 } from '../db/renderings'
import { OrderError } from '../domain/errors'
import { isUuid } from './access'
import { latestSignedFile } from './signatures'
import { findOrder } from '../db/orders'
import { verifyPdf } from '../documents/signing/on-demand'
import type { ServiceContext } from './context'
import { trustAnchors } from './keys'

/**
 * Anyone may check a PDF: every signature with signer, time, certificate, level, validity and coverage,
 * trusted when it chains to one of our organizations' CAs, and whether the file is one we issued (the hash
 * of a stored file) with its registration number. Nothing is stored.
 */
export const verifyDocument = async (ctx: ServiceContext, bytes: Uint8Array) => {
  const report = await verifyPdf(bytes, { anchors: await trustAnchors(ctx.db) }, ctx.clock.now())
  if (report.kind !== 'pdf') return { ...report, ours: null }
  const stored = await findRenderingBySha256(ctx.db, report.sha256)
  const order = stored ? await findOrder(ctx.db, stored.orderId) : undefined
  // the number and date are the registration's: a file of an earlier stage (cut back to the director's
  // revision) is that stage's, with no number, whatever the order has become since
  const registered = stored?.stage === 'sealed' || stored?.stage === 'registered'
  return {
    ...report,
    ours: order
      ? {
          orderId: order.id,
          title: order.title,
          number: registered ? order.number : null,
          date: registered ? order.date : null,
          stage: stored!.stage,
        }
      : null,
  }
}

/**
 * What the QR code of a registered order opens, for anyone: the order's registration and the verification of
 * the file we keep for it (sealed, or signed so far), with its SHA-256 to compare a copy against.
 */
export const publicVerification = async (ctx: ServiceContext, orderId: string) => {
  const order = isUuid(orderId) ? await findOrder(ctx.db, orderId) : undefined
  // only a registered order is public: a draft's or an unregistered project's title is nobody's business
  if (!order?.number) throw new OrderError('not_found', 'Документ с таким адресом проверки не найден')
  const file =
    (await findRendering(ctx.db, { orderId: order.id, version: order.version, stage: 'sealed', format: 'pdf' })) ??
    (await latestSignedFile(ctx.db, order))
  const report = file
    ? await verifyPdf(file.bytes, { anchors: await trustAnchors(ctx.db) }, ctx.clock.now())
    : undefined
  return {
    title: order.title,
    number: order.number,
    date: order.date,
    sha256: file?.sha256 ?? null,
    signatures: report?.kind === 'pdf' ? report.signatures : [],
    allValid: report?.kind === 'pdf' ? report.allValid : false,
    overall: report?.kind === 'pdf' ? report.overall : 'invalid',
    reasons: report?.kind === 'pdf' ? report.reasons : ['Подписанного файла нет'],
  }
}
