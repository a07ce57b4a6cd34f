import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/client'
import { DamagedFileError, directoryStore, filesOf } from '../../src/db/file-store'
import { migrateDatabase } from '../../src/db/migrate'
import { findRendering } from '../../src/db/renderings'
import { renderings } from '../../src/db/schema'
import { sha256Hex } from '../../src/services/renderings'
import { sampleContent, startHarness } from '../support/harness'

const dirs: string[] = []
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'file-store-'))
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describe('the directory store', () => {
  it('keeps bytes under their SHA-256, once, with no temporary file left', async () => {
    const dir = scratch()
    const store = directoryStore(dir)
    const bytes = new Uint8Array(Buffer.from('%PDF-1.7 stored\n'))
    const [a, b] = await Promise.all([store.put(bytes), store.put(bytes)])
    expect(a).toBe(sha256Hex(bytes))
    expect(b).toBe(a)
    expect(readdirSync(join(dir, a.slice(0, 2)))).toEqual([a])
    expect(Buffer.from(await store.get(a)).equals(Buffer.from(bytes))).toBe(true)
  })

  it('never serves a file whose bytes no longer match its name', async () => {
    const dir = scratch()
    const store = directoryStore(dir)
    const sha = await store.put(new Uint8Array(Buffer.from('the original')))
    writeFileSync(join(dir, sha.slice(0, 2), sha), 'the altered')
    await expect(store.get(sha)).rejects.toBeInstanceOf(DamagedFileError)
    // a torn file (shorter, as a crash mid-write without the rename would leave it) is written again by put
    writeFileSync(join(dir, sha.slice(0, 2), sha), 'the')
    await store.put(new Uint8Array(Buffer.from('the original')))
    expect(readFileSync(join(dir, sha.slice(0, 2), sha), 'utf8')).toBe('the original')
  })

  it('refuses a name that is not a hash (no path leaves the directory)', async () => {
    const store = directoryStore(scratch())
    await expect(store.get('../../etc/passwd')).rejects.toThrow('not a SHA-256')
  })
})

describe('the embedded database in a data directory', () => {
  it('stores its files in DATA_DIR/files, not in the rows, and reads them back after a restart', async () => {
    const dataDir = scratch()
    const first = await openDatabase({ dataDir })
    expect(filesOf(first.db).kind).toBe('directory')
    await migrateDatabase(first)
    const h = await startHarness(first)
    const clerk = h.orgs[0]!.clerk
    const id = (await h.call('POST', '/api/orders', { token: clerk, body: sampleContent() })).body.id
    const served = await h.app.request(`/api/orders/${id}/document.pdf`, {
      headers: { authorization: `Bearer ${clerk}` },
    })
    const bytes = new Uint8Array(await served.arrayBuffer())
    const [row] = await first.db.select().from(renderings).where(eq(renderings.orderId, id))
    expect(row!.bytes).toBeNull()
    expect(row!.partSha256).toBe(sha256Hex(bytes))
    expect(existsSync(join(dataDir, 'files', row!.partSha256!.slice(0, 2), row!.partSha256!))).toBe(true)
    await h.deps.renderer.close()
    await first.close()

    const again = await openDatabase({ dataDir })
    try {
      const found = await findRendering(again.db, { orderId: id, version: 1, stage: 'draft', format: 'pdf' })
      expect(Buffer.from(found!.bytes).equals(Buffer.from(bytes))).toBe(true)
    } finally {
      await again.close()
    }
  }, 60_000)
})
