import { and, eq, isNotNull, notExists, type SQL, sql } from 'drizzle-orm'
import type { Db } from './client'
import { filesOf } from './file-store'
import { queryRows } from './raw'
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

/** More revisions than one approval round can have: a chain longer than this is broken data, not a file. */
const MAX_REVISIONS = 1000

type ChainRow = {
  depth: number
  revision: number
  sha256: string
  part_sha256: string | null
  bytes: Uint8Array | null
  appended_to: number | null
}

/** The bytes of one row: in the row, or in the file store under the part's hash. */
const partOf = async (db: Db, row: ChainRow): Promise<Uint8Array> => {
  if (row.bytes) return row.bytes
  const files = filesOf(db)
  if (files.kind !== 'directory' || !row.part_sha256)
    throw new Error(`the stored revision ${row.revision} keeps its bytes in a data directory this service has not`)
  return files.get(row.part_sha256)
}

/**
 * A stored file put together whole, in one query: the row `first` selects, after the bytes of the revisions it
 * appends to (a sealed file follows the last signed revision, which follows the one before, down to the file
 * rendered for signing; a whole file has nothing before it). The chain must end at a whole file: a revision
 * missing anywhere down it is an error, never a part of a file served.
 */
const readChain = async (db: Db, k: Omit<RenderingKey, 'revision'>, first: SQL) => {
  const rows = await queryRows<ChainRow>(
    db,
    sql`with recursive chain (revision, appended_to, bytes, part_sha256, sha256, depth) as (
        (select revision, appended_to, bytes, part_sha256, sha256, 0 from renderings
        where order_id = ${k.orderId} and version = ${k.version} and stage = ${k.stage} and format = ${k.format}
          and ${first})
        union all
        select r.revision, r.appended_to, r.bytes, r.part_sha256, r.sha256, c.depth + 1 from chain c join renderings r
          on r.order_id = ${k.orderId} and r.version = ${k.version} and r.stage = 'signed' and r.format = ${k.format}
          and r.revision = c.appended_to and c.depth < ${MAX_REVISIONS}
      )
      select depth, revision, sha256, part_sha256, bytes, appended_to from chain order by depth desc`,
  )
  const head = rows.at(-1)
  if (!head) return undefined
  if (rows[0]!.appended_to !== null)
    throw new Error(`a revision the stored revision ${head.revision} appends to is missing`)
  const parts = await Promise.all(rows.map((row) => partOf(db, row)))
  return { bytes: parts.length === 1 ? parts[0]! : Buffer.concat(parts), sha256: head.sha256, revision: head.revision }
}

/** The stored file (whole, put together when it was stored as an increment) and its hash, or undefined. */
export const findRendering = async (db: Db, key: RenderingKey) => {
  const file = await readChain(db, key, sql`revision = ${key.revision ?? 0}`)
  return file && { bytes: file.bytes, sha256: file.sha256 }
}

/** Only the hash: enough to answer a conditional request without reading the bytes. */
export const findRenderingHash = async (db: Db, key: RenderingKey) =>
  (await db.select({ sha256: renderings.sha256 }).from(renderings).where(whereKey(key)))[0]?.sha256

/**
 * Where a row's bytes go: into the row, or into the directory store first (a row never names a file not yet
 * durably written; a file no row names, left by a rolled-back transaction, is only space).
 */
const keptBytes = async (db: Db, part: Uint8Array) => {
  const files = filesOf(db)
  if (files.kind === 'database') return { bytes: part, partSha256: null }
  return { bytes: null, partSha256: await files.put(part) }
}

/**
 * Stores a file unless one is already stored under its key (a concurrent request won): rows never change.
 * With `appendedTo`, the file is that `signed` revision's bytes followed by more (an incremental update) and
 * only the bytes after them are stored; `sha256` is always the whole file's. True when this call stored it.
 */
export const insertRendering = async (
  db: Db,
  key: RenderingKey,
  file: { bytes: Uint8Array; sha256: string },
  appendedTo?: { revision: number; length: number },
) =>
  (
    await db
      .insert(renderings)
      .values({
        ...key,
        revision: key.revision ?? 0,
        ...(await keptBytes(db, appendedTo ? file.bytes.subarray(appendedTo.length) : file.bytes)),
        sha256: file.sha256,
        appendedTo: appendedTo?.revision ?? null,
      })
      .onConflictDoNothing()
      .returning({ sha256: renderings.sha256 })
  ).length === 1

/** The highest revision stored in [from, to] for an order's version at a stage, whole, with its number. */
export const findLatestRevision = (db: Db, k: Omit<RenderingKey, 'revision'>, from: number, to: number) =>
  readChain(db, k, sql`revision between ${from} and ${to} order by revision desc limit 1`)

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
