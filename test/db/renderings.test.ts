import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { findLatestRevision, findRendering, type RenderingKey } from '../../src/db/renderings'
import { renderings } from '../../src/db/schema'
import { sha256Hex, storeRendering } from '../../src/services/renderings'
import { testDatabases } from '../support/databases'
import { sampleContent, useHarness } from '../support/harness'
import { storedPart } from '../support/stored-files'

const bytesOf = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'))

/**
 * A signature appends to its PDF, so a signed revision and the sealed file are stored as what they append to
 * the revision they were made from, and read back whole (the chain walked back to the file rendered for
 * signing); the hash stored is the whole file's.
 */
describe.each(testDatabases())('signed files stored as increments ($name)', ({ open }) => {
  const h = useHarness(open)
  const order = async () =>
    (await h.call('POST', '/api/orders', { token: h.orgs[0]!.clerk, body: sampleContent() })).body.id as string
  const key = (orderId: string, revision: number, stage: RenderingKey['stage'] = 'signed'): RenderingKey => ({
    orderId,
    version: 1,
    stage,
    format: 'pdf',
    revision,
  })
  const rowOf = async (k: RenderingKey) =>
    (
      await h.database.db
        .select()
        .from(renderings)
        .where(
          and(
            eq(renderings.orderId, k.orderId),
            eq(renderings.stage, k.stage),
            eq(renderings.revision, k.revision ?? 0),
          ),
        )
    )[0]

  /** The file for signing at revision 1000, two signatures on it, and the seal on the second. */
  const chain = async (id: string) => {
    const texts = ['%PDF-1.7 rendered for signing\n', 'visa one\n', 'signature two\n', 'seal\n']
    const whole = texts.map((_, i) => bytesOf(texts.slice(0, i + 1).join('')))
    const base = { ...(await storeRendering(h.database.db, key(id, 1000), whole[0]!)), revision: 1000 }
    const first = { ...(await storeRendering(h.database.db, key(id, 1001), whole[1]!, base)), revision: 1001 }
    const second = { ...(await storeRendering(h.database.db, key(id, 1002), whole[2]!, first)), revision: 1002 }
    await storeRendering(h.database.db, key(id, 0, 'sealed'), whole[3]!, second)
    return whole
  }

  it('keeps only the appended bytes of each revision and reads every one back whole', async () => {
    const id = await order()
    const whole = await chain(id)
    const rows = await Promise.all([key(id, 1000), key(id, 1001), key(id, 1002), key(id, 0, 'sealed')].map(rowOf))
    const parts = await Promise.all(rows.map((r) => storedPart(h.database.db, r!)))
    expect(parts.map((p) => Buffer.from(p).toString('latin1'))).toEqual([
      '%PDF-1.7 rendered for signing\n',
      'visa one\n',
      'signature two\n',
      'seal\n',
    ])
    expect(rows.map((r) => r!.appendedTo)).toEqual([null, 1000, 1001, 1002])
    expect(rows.map((r) => r!.sha256)).toEqual(whole.map(sha256Hex))

    for (const [i, k] of [key(id, 1000), key(id, 1001), key(id, 1002), key(id, 0, 'sealed')].entries()) {
      const found = await findRendering(h.database.db, k)
      expect(Buffer.from(found!.bytes).toString('latin1')).toBe(Buffer.from(whole[i]!).toString('latin1'))
      expect(found!.sha256).toBe(sha256Hex(whole[i]!))
    }
    const latest = await findLatestRevision(h.database.db, key(id, 0), 1000, 1999)
    expect(latest!.revision).toBe(1002)
    expect(Buffer.from(latest!.bytes).equals(Buffer.from(whole[2]!))).toBe(true)
    // only the first signature's revision and before
    const earlier = await findLatestRevision(h.database.db, key(id, 0), 1000, 1001)
    expect(Buffer.from(earlier!.bytes).equals(Buffer.from(whole[1]!))).toBe(true)
  })

  it('refuses a signed file that does not begin with the revision it was made from, and stores nothing', async () => {
    const id = await order()
    const base = {
      ...(await storeRendering(h.database.db, key(id, 1000), bytesOf('%PDF-1.7 base\n'))),
      revision: 1000,
    }
    await expect(storeRendering(h.database.db, key(id, 1001), bytesOf('%PDF-1.7 BASE\nvisa\n'), base)).rejects.toThrow(
      'must begin with the bytes',
    )
    expect(await rowOf(key(id, 1001))).toBeUndefined()
  })

  it('a revision stored first by another request is returned whole, not the bytes given', async () => {
    const id = await order()
    const base = {
      ...(await storeRendering(h.database.db, key(id, 1000), bytesOf('%PDF-1.7 base\n'))),
      revision: 1000,
    }
    await storeRendering(h.database.db, key(id, 1001), bytesOf('%PDF-1.7 base\nfirst\n'), base)
    const again = await storeRendering(h.database.db, key(id, 1001), bytesOf('%PDF-1.7 base\nsecond\n'), base)
    expect(Buffer.from(again.bytes).toString('latin1')).toBe('%PDF-1.7 base\nfirst\n')
    expect(again.sha256).toBe(sha256Hex(bytesOf('%PDF-1.7 base\nfirst\n')))
  })

  it('a revision whose predecessor is gone is an error, never a part of a file served as whole', async () => {
    const id = await order()
    await chain(id)
    await h.database.db
      .delete(renderings)
      .where(and(eq(renderings.orderId, id), eq(renderings.stage, 'signed'), eq(renderings.revision, 1000)))
    await expect(findRendering(h.database.db, key(id, 1002))).rejects.toThrow('is missing')
    await expect(findRendering(h.database.db, key(id, 0, 'sealed'))).rejects.toThrow('is missing')
    await expect(findLatestRevision(h.database.db, key(id, 0), 1000, 1999)).rejects.toThrow('is missing')
    // none in the range: nothing, not an error
    expect(await findLatestRevision(h.database.db, key(id, 0), 2000, 2999)).toBeUndefined()
  })

  it('a chain that loops back on itself is an error, not a query without end', { timeout: 20_000 }, async () => {
    const id = await order()
    await chain(id)
    // rows never change in the service; only a damaged database can point a revision at a later one
    await h.database.db
      .update(renderings)
      .set({ appendedTo: 1001 })
      .where(and(eq(renderings.orderId, id), eq(renderings.stage, 'signed'), eq(renderings.revision, 1000)))
    await expect(findRendering(h.database.db, key(id, 1002))).rejects.toThrow('is missing')
  })
})
