import { ORGANIZATION_TIME_ZONE } from '../domain/dates'
import type { Db } from '../db/client'
import { type ApprovalRow, listApprovals } from '../db/links'
import { findOrderVersion, type OrderRow, updateOrder } from '../db/orders'
import { findLatestRevision, findRendering, type RenderingKey } from '../db/renderings'
import { OrderError } from '../domain/errors'
import { orderFileName } from '../domain/file-names'
import { withRouteSigner } from '../domain/people'
import { tinos, readFont } from '../documents/fonts'
import { buildOrderView } from '../documents/order-view'
import { APPROVAL_LINE_HEIGHT, FIELD } from '../documents/pdf-layout'
import { approvalLineBox, qualifiedSignatureMark, signatureMark, visaLine } from '../documents/signing/marks'
import { describeCertificate, loadPdf, reservedBoxes, signPdf } from '../documents/signing/on-demand'
import { loadOrder, requireUser } from './access'
import type { ServiceContext, ServiceDeps } from './context'
import { organizationTimeStamper, personSigner } from './keys'
import { printedLetterhead } from './letterhead'
import { restoreOrderSnapshot } from './lifecycle'
import { type StoredFile, sha256Hex, storeRendering } from './renderings'

/** Signing marks show the time where the service is run: the municipal authorities it serves keep Moscow time. */
export const MARK_TIME_ZONE = ORGANIZATION_TIME_ZONE

/** The marks' fonts, read with the first signature (not at start); the same bytes every time, which the
 * signing code keeps its parsed fonts by. */
let markFontFiles: { regular: Uint8Array; bold: Uint8Array } | undefined
export const fonts = () => (markFontFiles ??= { regular: readFont(tinos.normal), bold: readFont(tinos.bold) })

/**
 * Signed files are renderings at stage `signed` of the version, numbered per approval round: revision
 * round·1000 is the file as rendered for signing, round·1000 + k the file after the k-th signature.
 */
const ROUND = 1000
export const signedKey = (order: Pick<OrderRow, 'id' | 'version'>, revision: number): RenderingKey => ({
  orderId: order.id,
  version: order.version,
  stage: 'signed',
  format: 'pdf',
  revision,
})

export const roundOf = (order: Pick<OrderRow, 'snapshot'>) =>
  (restoreOrderSnapshot(order).context as { round: number }).round

type Deps = Pick<ServiceDeps, 'renderer' | 'keys' | 'clock' | 'publicUrl'>

/**
 * At submission: the file the visas and the signature go on (no ПРОЕКТ mark, blank number and date, an
 * approval sheet with a line per approver), stored, and its SHA-256 pinned on the order.
 */
export const prepareSigningFile = async (
  tx: Db,
  deps: Deps,
  order: OrderRow,
  round: number,
  approvers: number,
  signer?: { name: string; position: string },
): Promise<StoredFile> => {
  const key = signedKey(order, round * ROUND)
  let file = await findRendering(tx, key)
  if (!file) {
    const version = await findOrderVersion(tx, order.id, order.version)
    // the signer block names the person who signs, as their account says (a route typed by name before accounts
    // were required keeps the draft's)
    const content = withRouteSigner(version.content, signer)
    const printed = await printedLetterhead(tx, order, version)
    const view = buildOrderView(content, { draft: false, ...printed, approvalLines: approvers })
    const { bytes } = await deps.renderer.render({ format: 'pdf', view, createdAt: version.createdAt.toISOString() })
    file = await storeRendering(tx, key, bytes)
  }
  await updateOrder(tx, order.id, { documentSha256: file.sha256, signatureLevel: null })
  return file
}

/**
 * An order submitted by a version before signed files (migration 0006) has nothing pinned, and none of its
 * decisions signed a file: its first decision now makes the file submission makes today (the version is the one
 * submitted: a submitted order is not edited) and pins it. An order with a pin whose file is gone is still
 * refused by `pinnedFile`.
 */
const pinSubmittedBefore = async (tx: Db, deps: Deps, order: OrderRow, round: number) => {
  const people = (await listApprovals(tx, order.id)).filter((a) => a.round === round)
  const approvers = people.filter((a) => a.role === 'approver')
  const signer = people.find((a) => a.role === 'signer' && a.userId)
  if (await findLatestRevision(tx, signedKey(order, 0), round * ROUND, round * ROUND + ROUND - 1))
    return pinnedFile(tx, order, round)
  return { ...(await prepareSigningFile(tx, deps, order, round, approvers.length, signer)), revision: round * ROUND }
}

/** The stored file the next signature goes on, refused (409) unless its bytes are the ones pinned. */
export const pinnedFile = async (tx: Db, order: OrderRow, round: number) => {
  const latest = await findLatestRevision(tx, signedKey(order, 0), round * ROUND, round * ROUND + ROUND - 1)
  if (!latest || !order.documentSha256)
    throw new OrderError('conflict', 'Файл для подписания не сохранён: отправьте приказ на согласование заново')
  if (latest.sha256 !== order.documentSha256 || sha256Hex(latest.bytes) !== order.documentSha256)
    throw new OrderError(
      'conflict',
      'Сохранённый файл приказа отличается от согласуемого: подпись не поставлена. Обратитесь к делопроизводителю',
      { expected: order.documentSha256 },
    )
  return latest
}

export type QualifiedFacts = {
  serialNumber: string
  owner: string
  issuer: string
  notBefore: Date
  notAfter: Date
  signingTime: Date
}

/**
 * A visa or the director's signature as an incremental PAdES B-T signature over the pinned file, stored as
 * the next revision; the pin moves to the new file. Runs in the decision's transaction: a failure signs nothing.
 */
export const signByDecision = async (
  tx: Db,
  deps: Deps,
  order: OrderRow,
  approval: ApprovalRow,
  decision: 'approve' | 'sign',
  /** the signer's qualified certificate, when they signed the pinned file with their КЭП: the mark names it */
  qualified?: QualifiedFacts,
) => {
  const now = deps.clock.now()
  const round = roundOf(order)
  // the file, the signer's key and the time-stamp key read at once: their queries go down the transaction's
  // connection one after another without waiting for each answer
  const [file, signer, timeStamper] = await Promise.all([
    order.documentSha256 ? pinnedFile(tx, order, round) : pinSubmittedBefore(tx, deps, order, round),
    personSigner(tx, deps, order.organizationId, approval, now),
    organizationTimeStamper(tx, deps, order.organizationId, now),
  ])
  const pdf = await loadPdf(file.bytes) // parsed once: read for its reserved boxes, then signed
  const boxes = await reservedBoxes(pdf)
  const cert = await describeCertificate(signer.certificateChain[0]!)
  const lastPage = boxes.pages - 1
  const markBox = boxes.signatureMark ?? { page: lastPage, x: 300, y: 60, width: 180, height: 68 }
  const appearance =
    decision === 'sign' && qualified
      ? qualifiedSignatureMark(
          { ...qualified, signedAt: qualified.signingTime, timeZone: MARK_TIME_ZONE },
          markBox,
          boxes.signatureMark?.page ?? lastPage,
        )
      : decision === 'sign'
        ? signatureMark(
            {
              serialNumber: cert.serialNumber,
              owner: cert.commonName,
              notBefore: cert.notBefore,
              notAfter: cert.notAfter,
              signedAt: now,
              timeZone: MARK_TIME_ZONE,
            },
            boxes.signatureMark ?? { page: lastPage, x: 300, y: 60, width: 180, height: 68 },
            boxes.signatureMark?.page ?? lastPage,
          )
        : boxes.approvalSheet
          ? visaLine(
              {
                position: approval.position,
                name: approval.name,
                decision: 'Согласовано',
                signedAt: now,
                timeZone: MARK_TIME_ZONE,
              },
              approvalLineBox(boxes.approvalSheet, file.revision - round * ROUND, APPROVAL_LINE_HEIGHT),
              boxes.approvalSheet.page,
            )
          : undefined
  const bytes = await signPdf(pdf, {
    signer,
    timeStamper,
    // the field the rendering reserved for it: the k-th visa fills the k-th line of the approval sheet
    fieldName: decision === 'sign' ? FIELD.signer : FIELD.visa(file.revision - round * ROUND + 1),
    fieldLabel: `${decision === 'sign' ? 'Подпись' : 'Виза'}: ${approval.name}`,
    signingTime: now,
    reason: decision === 'sign' ? 'Подписано' : 'Согласовано',
    fonts: fonts(),
    appearance,
  })
  const stored = await storeRendering(tx, signedKey(order, file.revision + 1), bytes, file)
  await updateOrder(tx, order.id, { documentSha256: stored.sha256, signatureLevel: 'B-T' })
  return { sha256: stored.sha256, revision: file.revision + 1 }
}

/** The signed file of the order's current round (the latest revision), or undefined before any signature. */
export const latestSignedFile = async (db: Db, order: OrderRow) => {
  const round = roundOf(order)
  const latest = await findLatestRevision(db, signedKey(order, 0), round * ROUND + 1, round * ROUND + ROUND - 1)
  return latest
}

/** The signed PDF of an order (visas and signature so far), for a user who may see the order; 404 before any. */
export const getSignedDocument = async (ctx: ServiceContext, orderId: string) => {
  const order = await loadOrder(ctx.db, requireUser(ctx), orderId)
  const file = await latestSignedFile(ctx.db, order)
  if (!file) throw new OrderError('not_found', 'Подписанного файла ещё нет: никто не подписал эту версию')
  return {
    bytes: file.bytes,
    sha256: file.sha256,
    fileName: orderFileName(order, 'signed', 'pdf'),
    contentType: 'application/pdf',
  }
}
