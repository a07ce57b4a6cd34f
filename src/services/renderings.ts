import { createHash } from 'node:crypto'
import type { Db } from '../db/client'
import { findOrderVersion, type OrderRow } from '../db/orders'
import { findRendering, insertRendering, type RenderingKey } from '../db/renderings'
import type { DocumentFormat, RenderingStage } from '../db/schema'
import { findTemplateBytes } from '../db/templates'
import { findRoundSigner } from '../db/links'
import type { OrderContent } from '../domain/content'
import { OrderError } from '../domain/errors'
import { withRouteSigner } from '../domain/people'
import { builtInTemplate } from '../documents/builtin-templates'
import { buildOrderView, type RenderFacts } from '../documents/order-view'
import { isUuid } from './access'
import type { ServiceDeps } from './context'
import { printedLetterhead } from './letterhead'
import { restoreOrderSnapshot } from './lifecycle'

/** The stages a version is rendered at; `signed` and `sealed` files are made from these by the signature work. */
export type RenderedStage = Extract<RenderingStage, 'draft' | 'registered'>

/** A stored file: its bytes and the hex SHA-256 of them. */
export type StoredFile = { bytes: Uint8Array; sha256: string }

/** What rendering needs: the database (or a transaction) and the worker pool. */
export type RenderingDeps = Pick<ServiceDeps, 'db' | 'renderer'>

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** The stage an order's current rendering shows: the registered document once it has a number, a draft before. */
export const renderingStageOf = (order: Pick<OrderRow, 'number'>): RenderedStage =>
  order.number ? 'registered' : 'draft'

/**
 * Which rendering of a version a stage holds: one per round of the route (0 before any), since the signer block
 * prints the route's signer and a new route may name another; the signed and sealed files count their own.
 */
export const renderingRevision = (order: Pick<OrderRow, 'snapshot'>) => restoreOrderSnapshot(order).context.round

/**
 * The content as the order prints it: once a route names who signs by account, the signer block is that person's
 * (as the file to sign prints it), not the typed one; the draft's own before any route.
 */
export const printedContent = async (db: Db, order: OrderRow, content: OrderContent) => {
  const round = renderingRevision(order)
  return withRouteSigner(content, round ? await findRoundSigner(db, order.id, round) : undefined)
}

/** What a version looks like at a stage: the ПРОЕКТ mark and blank lines before registration, number and date after. */
export const viewAtStage = (
  order: OrderRow,
  content: OrderContent,
  printed: Pick<RenderFacts, 'organization' | 'directive' | 'logo'>,
  stage: RenderedStage,
) => {
  if (stage === 'registered' && !(order.number && order.date))
    throw new OrderError('lifecycle_forbids', 'Приказ ещё не зарегистрирован: у него нет номера и даты', {
      state: order.status,
    })
  const registered = stage === 'registered'
  return buildOrderView(content, {
    draft: !registered,
    number: registered ? order.number : null,
    date: registered ? order.date : null,
    ...printed,
    imported: order.imported,
  })
}

const renderVersion = async (deps: RenderingDeps, order: OrderRow, stage: RenderedStage, format: DocumentFormat) => {
  const version = await findOrderVersion(deps.db, order.id, order.version)
  const [content, printed] = await Promise.all([
    printedContent(deps.db, order, version.content),
    printedLetterhead(deps.db, order, version),
  ])
  const view = viewAtStage(order, content, printed, stage)
  // the version's time, not the clock's: the same version renders to the same bytes
  const createdAt = version.createdAt.toISOString()
  if (format === 'pdf') return (await deps.renderer.render({ format, view, createdAt })).bytes
  const templateId = version.content.templateId
  const uploaded =
    templateId && isUuid(templateId)
      ? await findTemplateBytes(deps.db, templateId, order.organizationId, order.kind)
      : undefined
  const template = uploaded ? new Uint8Array(uploaded) : builtInTemplate(order.kind)
  return (await deps.renderer.render({ format, template, view, createdAt })).bytes
}

/**
 * Stores a file under its key and returns what is stored there: the given bytes, or, when another request
 * stored the key first, the bytes it stored (compare `sha256` to tell). Stored files never change. A signed
 * file given with the stored `signed` revision it was made from (its bytes followed by the signature's
 * incremental update) is stored as what it appends.
 */
export const storeRendering = async (
  db: Db,
  key: RenderingKey,
  bytes: Uint8Array,
  madeFrom?: StoredFile & { revision: number },
): Promise<StoredFile> => {
  const file = { bytes, sha256: sha256Hex(bytes) }
  if (madeFrom && !Buffer.from(bytes.subarray(0, madeFrom.bytes.length)).equals(madeFrom.bytes))
    throw new Error('a signed file must begin with the bytes of the revision it was made from')
  const appendedTo = madeFrom && { revision: madeFrom.revision, length: madeFrom.bytes.length }
  return (await insertRendering(db, key, file, appendedTo)) ? file : (await findRendering(db, key))!
}

/**
 * The file of the order's current version at a stage: the stored one, or rendered on the pool, stored and
 * returned. Concurrent calls store one row and all return its bytes. Works on a transaction as well
 * (`{ ...ctx, db: tx }`): the row is then stored with the transaction.
 */
export const storedRendering = async (
  deps: RenderingDeps,
  order: OrderRow,
  { stage, format }: { stage: RenderedStage; format: DocumentFormat },
): Promise<StoredFile & { renderMs?: number }> => {
  const key: RenderingKey = {
    orderId: order.id,
    version: order.version,
    stage,
    format,
    revision: renderingRevision(order),
  }
  const stored = await findRendering(deps.db, key)
  if (stored) return stored
  const started = performance.now()
  const bytes = await renderVersion(deps, order, stage, format)
  // how long the rendering itself took (the answer's Server-Timing), apart from reading and storing around it
  const renderMs = performance.now() - started
  return { ...(await storeRendering(deps.db, key, bytes)), renderMs }
}
