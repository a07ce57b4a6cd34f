import { findOrderVersion, lockOrder, type OrderRow, updateOrder } from '../db/orders'
import { findRendering, findUnsealedOrders, type RenderingKey } from '../db/renderings'
import { russianDate } from '../domain/dates'
import { OrderError } from '../domain/errors'
import { addDocumentTimeStamp, loadPdf, reservedBoxes, signPdf } from '../documents/signing/on-demand'
import type { OrderView } from '../documents/order-view'
import { FIELD, SEAL_BOX } from '../documents/pdf-layout'
import type { Appearance } from '../documents/signing/pades'
import { loadOrder, requireUser } from './access'
import { inTransaction, type ServiceContext, type ServiceDeps } from './context'
import { archiveValidationData, organizationTimeStamper, sealSigner, validationData } from './keys'
import { orderFileName } from '../domain/file-names'
import { fonts, pinnedFile, roundOf } from './signatures'
import { printedLetterhead } from './letterhead'
import { storeRendering, viewAtStage } from './renderings'

type SealDeps = Pick<ServiceDeps, 'db' | 'renderer' | 'keys' | 'clock' | 'publicUrl'>

export const sealedKey = (order: { id: string; version: number }): RenderingKey => ({
  orderId: order.id,
  version: order.version,
  stage: 'sealed',
  format: 'pdf',
})

/**
 * Where a file rendered before the seal's field was reserved gets its registration: page 1, bottom right,
 * over the text's last lines when the page is full (a file rendered since has the field SEAL_BOX, in the margin).
 */
const REGISTRATION_BOX_BEFORE_FIELDS = { x: 595.28 - 28.35 - 190, y: 20, width: 190, height: 50 }

/**
 * Seals a registered order: the registration's fields filled (the date and number of page 1 and of every
 * appendix's mark), the seal's field drawn (number, date, QR code of its verification address) at the bottom
 * right of page 1, the CA's chain and CRL added as a DSS (B-LT for every signature before), and the
 * whole signed with the organization's registration certificate, as one more incremental revision: the
 * director's signature stays valid. A last revision completes the DSS and time-stamps the whole file (B-LTA). Idempotent: the sealed file is stored once, under its key, and returned
 * as it is on every later call; the sweeper calls it for whatever a crash left registered but unsealed. An
 * order that is not registered is refused (409), one that does not exist 404.
 */
export const sealOrder = async (deps: SealDeps, orderId: string) =>
  inTransaction(deps, async (tx) => {
    const order = await lockOrder(tx, orderId)
    if (!order) throw new OrderError('not_found', 'Приказ не найден')
    // only a registered order has the number and date a seal writes
    if (!order.number || !order.date)
      throw new OrderError('lifecycle_forbids', 'Приказ не зарегистрирован: печать ставится после регистрации')
    const existing = await findRendering(tx, sealedKey(order))
    if (existing) return existing
    const now = deps.clock.now()
    // what the seal needs read at once: the queries go down the transaction's connection without waiting
    const [signed, signer, timeStamper, validation, version] = await Promise.all([
      pinnedFile(tx, order, roundOf(order)),
      sealSigner(tx, deps, order.organizationId, now),
      organizationTimeStamper(tx, deps, order.organizationId, now),
      validationData(tx, deps, order.organizationId, now),
      findOrderVersion(tx, order.id, order.version),
    ])
    const pdf = await loadPdf(signed.bytes) // parsed once: read for the requisites' boxes, then sealed
    const view = viewAtStage(order, version.content, await printedLetterhead(tx, order, version), 'registered')
    const boxes = await reservedBoxes(pdf)
    const bytes = await signPdf(pdf, {
      signer,
      timeStamper,
      fieldName: FIELD.seal,
      fieldLabel: 'Регистрация и проверка подлинности (QR-код)',
      signingTime: now,
      reason: `Зарегистрирован № ${order.number} от ${russianDate(order.date)}`,
      fonts: fonts(),
      ...(boxes.fillable ? { fill: registrationFill(view) } : { overlays: requisiteOverlays(view, boxes) }),
      validationData: validation,
      appearance: {
        page: 0,
        rect: boxes.fillable ? SEAL_BOX : REGISTRATION_BOX_BEFORE_FIELDS,
        frame: false,
        qr: `${deps.publicUrl}/verify/${order.id}`,
        lines: [
          { text: `Зарегистрирован № ${order.number}`, size: 8, bold: true },
          { text: `от ${russianDate(order.date)}`, size: 8 },
          { text: 'Проверка подлинности:', size: 6 },
          { text: `${deps.publicUrl}/verify/`, size: 6 },
          { text: order.id, size: 5 },
        ],
      },
    })
    // B-LTA: the DSS completed (the seal's own certificate, the time-stamping unit's, a CRL issued after the
    // seal) and a document time-stamp over the whole file, the last revision
    const archived = await addDocumentTimeStamp(
      { bytes, doc: pdf.doc },
      {
        validationData: await archiveValidationData(tx, deps, order.organizationId, deps.clock.now()),
        timeStamper,
        fieldName: 'Штамп времени документа',
      },
    )
    const stored = await storeRendering(tx, sealedKey(order), archived, signed)
    await updateOrder(tx, order.id, { documentSha256: stored.sha256, signatureLevel: 'B-LTA' })
    return stored
  })

/** The registration's text fields: the date and number of page 1 and of every appendix's mark. */
const registrationFill = (view: OrderView) => [
  { field: FIELD.regDate, text: view.dateText },
  { field: FIELD.regNumber, text: view.numberText },
  ...view.appendices.flatMap((_, i) => [
    { field: FIELD.appendixDate(i + 1), text: view.dateText },
    { field: FIELD.appendixNumber(i + 1), text: view.numberText },
  ]),
]

/**
 * A file rendered before the fields were reserved (still in approval when they came): the number and the date
 * written over the blank lines it left for them, the «от … № …» line of page 1 and the last line of each
 * appendix's mark, as Stamp annotations, which strict validators call a change of the signed pages.
 */
const requisiteOverlays = (view: OrderView, boxes: Awaited<ReturnType<typeof reservedBoxes>>): Appearance[] => {
  const text = (t: string) => [{ text: t, size: 14 }]
  const overlays: Appearance[] = []
  if (boxes.dateLine) {
    const { page, x, y, width, height } = boxes.dateLine
    overlays.push(
      {
        page,
        rect: { x, y, width: width / 2, height },
        frame: false,
        opaque: true,
        lines: text(`от ${view.dateText}`),
      },
      {
        page,
        rect: { x: x + width / 2, y, width: width / 2, height },
        frame: false,
        opaque: true,
        align: 'right',
        lines: text(`№ ${view.numberText}`),
      },
    )
  }
  // the box is the mark's last line: that line, not the whole mark in one line (which repeated «к приказу»
  // over the line above and ran the number out of the box)
  for (const [i, box] of boxes.appendixMarks.entries()) {
    const line = view.appendices[i]?.markLines.at(-1)
    if (line) overlays.push({ page: box.page, rect: box, frame: false, opaque: true, lines: text(line) })
  }
  return overlays
}

/** Seals every registered order a crash left unsealed; each in a transaction of its own. */
export const sealPending = async (deps: SealDeps, onError: (orderId: string, e: unknown) => void) => {
  let sealed = 0
  for (const { id } of await findUnsealedOrders(deps.db)) {
    try {
      await sealOrder(deps, id)
      sealed++
    } catch (e) {
      onError(id, e)
    }
  }
  return sealed
}

/** The registered, sealed PDF; 409 while the seal is still to come (the sweeper adds it). */
export const getRegisteredDocument = async (ctx: ServiceContext, orderId: string) =>
  registeredFileOf(ctx.db, await loadOrder(ctx.db, requireUser(ctx), orderId))

/** The sealed file of a registered order, whoever was allowed to see it (a person of the organization, an executor). */
export const registeredFileOf = async (
  db: ServiceContext['db'],
  order: Pick<OrderRow, 'id' | 'version' | 'kind' | 'number' | 'date' | 'imported' | 'title'>,
) => {
  if (!order.number || !order.date) throw new OrderError('lifecycle_forbids', 'Приказ ещё не зарегистрирован')
  if (order.imported)
    throw new OrderError(
      'not_found',
      'Приказ внесён из архива: подписанного в сервисе файла у него нет, его копия — document.pdf',
    )
  const file = await findRendering(db, sealedKey(order))
  if (!file)
    throw new OrderError('conflict', 'Регистрационная отметка ещё не поставлена на подписанный файл: повторите позже')
  return {
    bytes: file.bytes,
    sha256: file.sha256,
    fileName: orderFileName(order, 'registered', 'pdf'),
    contentType: 'application/pdf',
  }
}
