import { and, between, desc, eq, isNotNull, notExists } from 'drizzle-orm'
import type { Db } from './client'
import { type DocumentFormat, orders, type RenderingStage, renderings } from './schema'

/** Which stored file: an order's version at a stage, in a format; `revision` 0 unless the signature work counts. */
export type RenderingKey = {
  orderId: string
  version: number
  stage: RenderingStage
  format: DocumentFormat
  revision?: number
}

const whereKey = (k: RenderingKey) =>
  and(
    eq(renderings.orderId, k.orderId),
    eq(renderings.version, k.version),
    eq(renderings.stage, k.stage),
    eq(renderings.format, k.format),
    eq(renderings.revision, k.revision ?? 0),
  )

/** The stored file and its hash, or undefined. */
export const findRendering = async (db: Db, key: RenderingKey) =>
  (await db.select({ bytes: renderings.bytes, sha256: renderings.sha256 }).from(renderings).where(whereKey(key)))[0]

/** Only the hash: enough to answer a conditional request without reading the bytes. */
export const findRenderingHash = async (db: Db, key: RenderingKey) =>
  (await db.select({ sha256: renderings.sha256 }).from(renderings).where(whereKey(key)))[0]?.sha256

/**
 * Stores a file unless one is already stored under its key (a concurrent request won): rows never change.
 * True when this call stored it.
 */
export const insertRendering = async (db: Db, key: RenderingKey, file: { bytes: Uint8Array; sha256: string }) =>
  (
    await db
      .insert(renderings)
      .values({ ...key, revision: key.revision ?? 0, ...file })
      .onConflictDoNothing()
      .returning({ sha256: renderings.sha256 })
  ).length === 1

/** The highest revision stored in [from, to] for an order's version at a stage, with its bytes. */
export const findLatestRevision = async (db: Db, k: Omit<RenderingKey, 'revision'>, from: number, to: number) =>
  (
    await db
      .select({ bytes: renderings.bytes, sha256: renderings.sha256, revision: renderings.revision })
      .from(renderings)
      .where(
        and(
          eq(renderings.orderId, k.orderId),
          eq(renderings.version, k.version),
          eq(renderings.stage, k.stage),
          eq(renderings.format, k.format),
          between(renderings.revision, from, to),
        ),
      )
      .orderBy(desc(renderings.revision))
      .limit(1)
  )[0]

/** Which order's stored file has these bytes (by hash), if any: the registry behind /verify. */
export const findRenderingBySha256 = async (db: Db, sha256: string) =>
  (
    await db
      .select({ orderId: renderings.orderId, stage: renderings.stage, version: renderings.version })
      .from(renderings)
      .where(eq(renderings.sha256, sha256))
      .limit(1)
  )[0]

/** Registered orders with a signed file but no sealed one yet: what a crash between the two left behind. */
export const findUnsealedOrders = (db: Db, limit = 50) =>
  db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        isNotNull(orders.number),
        isNotNull(orders.documentSha256),
        notExists(
          db
            .select({ one: renderings.revision })
            .from(renderings)
            .where(
              and(
                eq(renderings.orderId, orders.id),
                eq(renderings.version, orders.version),
                eq(renderings.stage, 'sealed'),
              ),
            ),
        ),
      ),
    )
    .limit(limit)
