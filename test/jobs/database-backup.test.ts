import { createHash } from 'node:crypto'
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../src/db/audit'
import { BackupRefused, backupDatabase, restoreDatabase } from '../../src/jobs/database-backup'
import { filesOf } from '../../src/db/file-store'
import { openDatabase, type Database } from '../../src/db/client'
import { DataDirLocked, lockDataDir } from '../../src/db/data-dir-lock'
import { migrateDatabase } from '../../src/db/migrate'
import { queryRows } from '../../src/db/raw'
import { freshPostgresDatabase, postgresUrl } from '../support/databases'
import { sampleContent, startHarness, tokenOf } from '../support/harness'
import { approver, director } from '../support/people'
import { hasTool } from '../support/tools'

const scratch = mkdtempSync(join(tmpdir(), 'backup-test-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** Orders in every state through the service, over HTTP: drafts, on approval, signed, registered, cancelled. */
const fill = async (database: Database) => {
  const h = await startHarness(database)
  for (const [n, org] of h.orgs.entries()) {
    const ids: string[] = []
    for (let i = 0; i < 4; i++) {
      const res = await h.call('POST', '/api/orders', {
        token: org.clerk,
        body: sampleContent({ title: `Приказ ${i}` }),
      })
      expect(res.status).toBe(201)
      ids.push(res.body.id)
    }
    const route = { steps: [[approver(1, n)]], signer: director(0, n) }
    for (const id of ids.slice(1)) {
      const links = (await h.call('POST', `/api/orders/${id}/submit`, { token: org.clerk, body: route })).body.links
      if (id === ids[1]) continue
      expect((await h.call('POST', `/api/links/${tokenOf(links[0].url)}/approve`, { body: {} })).status).toBe(200)
      expect((await h.call('POST', `/api/links/${tokenOf(links[1].url)}/sign`)).status).toBe(200)
    }
    expect((await h.call('POST', `/api/orders/${ids[3]}/register`, { token: org.clerk, body: {} })).status).toBe(200)
    expect(
      (await h.call('POST', `/api/orders/${ids[0]}/cancel`, { token: org.clerk, body: { reason: 'Ошибка' } })).status,
    ).toBe(200)
  }
  return h.orgs.map((o) => o.id)
}

/** Every row of every table of the service (and drizzle's record of migrations), in a stable order. */
const everyRow = async (database: Database) => {
  const tables = await queryRows<{ schema: string; name: string }>(
    database.db,
    sql`select schemaname as schema, tablename as name from pg_tables
        where schemaname in ('public', 'drizzle') order by 1, 2`,
  )
  const all: Record<string, unknown[]> = {}
  for (const t of tables) {
    const rows = await queryRows<{ row: string }>(
      database.db,
      sql.raw(`select t::text as row from "${t.schema}"."${t.name}" t order by 1`),
    )
    all[`${t.schema}.${t.name}`] = rows.map((r) => r.row)
  }
  return all
}

/** The monthly tallies as stored, and as counted afresh from the items (rows netting to nothing left out). */
const tallies = async (database: Database) => {
  const key = 'organization_id, month, responsible_id, responsible'
  const sums = 'items, on_time, late, late_days, removed, awaiting_due, awaiting_due_days, open_other'
  const read = (q: string) =>
    queryRows<{ row: string }>(database.db, sql.raw(`select (${key}, ${sums})::text as row from (${q}) t order by 1`))
  return {
    stored: await read(`select * from control_tallies where items <> 0`),
    counted: await read(`select ${key}, ${sums.replace(/(\w+)/g, 'sum($1) as $1')} from (
      select c.organization_id, date_trunc('month', coalesce(c.due_date, c.registered_on))::date as month,
        c.responsible_id, c.responsible, x.*
      from control_items c cross join lateral control_item_tally(c.status, c.due_date, c.done_on) x) i
      group by ${key}`),
  }
}

const expectSameAndChained = async (original: Record<string, unknown[]>, restored: Database, orgIds: string[]) => {
  const rows = await everyRow(restored)
  expect(Object.keys(rows)).toEqual(Object.keys(original))
  expect(rows).toEqual(original)
  expect(rows['public.orders']!.length).toBe(8)
  expect(rows['public.audit_events']!.length).toBeGreaterThan(20)
  for (const id of orgIds) expect(await verifyAuditChain(restored.db, id)).toBeNull()
  // the tallies came back as they were, not counted again when the items were loaded, and still follow the items
  expect(rows['public.control_tallies']!.length).toBeGreaterThan(0)
  const before = await tallies(restored)
  expect(before.stored).toEqual(before.counted)
  await restored.db.execute(
    sql`update control_items set snapshot = jsonb_set(snapshot, '{value}', '"removed"')
        where id = (select id from control_items where status <> 'removed' order by id limit 1)`,
  )
  const after = await tallies(restored)
  expect(after.stored).toEqual(after.counted)
  expect(after.stored).not.toEqual(before.stored)
}

describe('backup and restore of the embedded database', () => {
  const dataDir = join(scratch, 'data')
  const backup = join(scratch, 'backup')
  const restored = join(scratch, 'restored')
  let original: Record<string, unknown[]>
  let orgIds: string[]

  it('round trip: every row of every table, the audit chains and DATA_DIR’s own files come back', async () => {
    const database = await openDatabase({ dataDir })
    await migrateDatabase(database)
    orgIds = await fill(database)
    original = await everyRow(database)
    await database.close()
    // a file of the service beside PGlite's, as the generated signing key is
    writeFileSync(join(dataDir, 'signing.key'), 'a key of 32 bytes, for the test.')
    chmodSync(join(dataDir, 'signing.key'), 0o600)

    const manifest = await backupDatabase({ dataDir }, backup)
    expect(manifest.driver).toBe('pglite')
    // the stored files (renderings, signed and sealed revisions) live in DATA_DIR/files and go with it
    const kept = manifest.files.map((f) => f.path).filter((p) => p !== 'signing.key')
    expect(manifest.files.map((f) => f.path)).toContain('signing.key')
    expect(kept.length).toBeGreaterThan(5)
    for (const path of kept) expect(path).toMatch(/^files\/[0-9a-f]{2}\/[0-9a-f]{64}$/)
    expect(readFileSync(join(backup, 'database.tar.gz')).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]))

    await restoreDatabase({ dataDir: restored }, backup)
    expect(readFileSync(join(restored, 'signing.key'), 'utf8')).toBe('a key of 32 bytes, for the test.')
    expect(statSync(join(restored, 'signing.key')).mode & 0o777).toBe(0o600)
    const copy = await openDatabase({ dataDir: restored })
    try {
      await expectSameAndChained(original, copy, orgIds)
      // every file a row names came back whole (the store checks each against its hash)
      const parts = await queryRows<{ part: string }>(
        copy.db,
        sql`select distinct part_sha256 as part from renderings where part_sha256 is not null`,
      )
      expect(parts.map((p) => `files/${p.part.slice(0, 2)}/${p.part}`).sort()).toEqual([...kept].sort())
      const store = filesOf(copy.db)
      if (store.kind !== 'directory') throw new Error('the restored data directory has no file store')
      for (const { part } of parts) await store.get(part)
    } finally {
      await copy.close()
    }
  })

  it('refuses to restore into a directory that is not empty, and leaves it as it was', async () => {
    await expect(restoreDatabase({ dataDir: restored }, backup)).rejects.toThrow(BackupRefused)
    const other = join(scratch, 'other')
    mkdirSync(other)
    writeFileSync(join(other, 'notes.txt'), 'mine')
    await expect(restoreDatabase({ dataDir: other }, backup)).rejects.toThrow(/not empty/)
    expect(readFileSync(join(other, 'notes.txt'), 'utf8')).toBe('mine')
  })

  it('refuses to dump a data directory a running service holds, naming it', async () => {
    const unlock = lockDataDir(dataDir) // what the running service holds
    try {
      await expect(backupDatabase({ dataDir }, join(scratch, 'while-running'))).rejects.toThrow(DataDirLocked)
    } finally {
      unlock()
    }
  })

  it('refuses a damaged backup before touching the target', async () => {
    const damaged = join(scratch, 'damaged')
    await backupDatabase({ dataDir }, damaged)
    const file = join(damaged, 'database.tar.gz')
    const bytes = readFileSync(file)
    bytes.writeUInt8(bytes.readUInt8(bytes.length >> 1) ^ 0xff, bytes.length >> 1)
    writeFileSync(file, bytes)
    const target = join(scratch, 'from-damaged')
    await expect(restoreDatabase({ dataDir: target }, damaged)).rejects.toThrow(/SHA-256/)
    expect(() => statSync(target)).toThrow()
  })

  /** A copy of the backup as another program, or a truncated copy, might leave it: SHA-256 recomputed to match. */
  const foreign = (name: string, edit: (manifest: any, dir: string) => void) => {
    const dir = join(scratch, name)
    cpSync(backup, dir, { recursive: true })
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
    edit(manifest, dir)
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest))
    return dir
  }
  const shaOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

  it('refuses a manifest naming a file outside the backup: nothing is written outside the target', async () => {
    const from = foreign('traversal', (manifest) => {
      // the file the SHA-256 check reads (from/files/../../escaped), so that the check passes
      writeFileSync(join(scratch, 'escaped'), 'E')
      manifest.files.push({ path: '../../escaped', sha256: shaOf(Buffer.from('E')), bytes: 1 })
    })
    const target = join(scratch, 'deep', 'a', 'b')
    await expect(restoreDatabase({ dataDir: target }, from)).rejects.toThrow(/outside the backup/)
    expect(existsSync(join(scratch, 'deep', 'escaped'))).toBe(false)
    expect(existsSync(target)).toBe(false)
  })

  it.each([
    ['a truncated manifest', () => {}, '{"format":1,"dri', /not JSON/],
    ['a manifest without its database', (m: any) => delete m.database, undefined, /not a manifest of this service/],
    ['no manifest', () => {}, null, /has no manifest.json/],
  ])('refuses a backup with %s, naming it, before touching the target', async (name, edit, text, message) => {
    const from = foreign(`manifest-${name}`, edit)
    if (text === null) rmSync(join(from, 'manifest.json'))
    else if (text !== undefined) writeFileSync(join(from, 'manifest.json'), text)
    const target = join(scratch, `from-${name}`)
    await expect(restoreDatabase({ dataDir: target }, from)).rejects.toThrow(message)
    expect(existsSync(target)).toBe(false)
  })

  it.each([
    ['truncated', (bytes: Buffer) => bytes.subarray(0, bytes.length >> 1), /does not unpack/],
    ['not a tar archive', () => gzipSync(Buffer.alloc(4096, 1)), /not a tar archive/],
  ])('refuses a dump that is %s (its SHA-256 matching) with a message, not a crash', async (name, cut, message) => {
    const from = foreign(`dump-${name}`, (manifest, dir) => {
      const bytes = cut(readFileSync(join(dir, 'database.tar.gz')))
      writeFileSync(join(dir, 'database.tar.gz'), bytes)
      manifest.database.sha256 = shaOf(bytes)
    })
    const target = join(scratch, `from-dump-${name}`)
    await expect(restoreDatabase({ dataDir: target }, from)).rejects.toThrow(message)
    expect(existsSync(target)).toBe(false)
  })

  it('a refused backup leaves its target as it found it, so the next attempt goes through', async () => {
    const out = join(scratch, 'retry')
    await expect(backupDatabase({ dataDir: join(scratch, 'no-such-data') }, out)).rejects.toThrow(
      /no embedded database/,
    )
    expect(existsSync(out)).toBe(false)
    mkdirSync(out)
    await expect(backupDatabase({ dataDir: join(scratch, 'no-such-data') }, out)).rejects.toThrow(
      /no embedded database/,
    )
    expect(readdirSync(out)).toEqual([])
    expect((await backupDatabase({ dataDir }, out)).driver).toBe('pglite')
  })

  it('refuses a backup into the data directory itself or onto a file', async () => {
    await expect(backupDatabase({ dataDir }, join(dataDir, 'backups'))).rejects.toThrow(/inside the data directory/)
    expect(existsSync(join(dataDir, 'backups'))).toBe(false)
    writeFileSync(join(scratch, 'a-file'), 'mine')
    await expect(backupDatabase({ dataDir }, join(scratch, 'a-file'))).rejects.toThrow(/is a file/)
    expect(readFileSync(join(scratch, 'a-file'), 'utf8')).toBe('mine')
  })
})

describe.skipIf(!postgresUrl)('backup and restore of PostgreSQL', () => {
  it('round trip through pg_dump and pg_restore into a fresh database; a database with tables is refused', async () => {
    if (!hasTool('pg_dump') || !hasTool('pg_restore')) return
    const source = await freshPostgresDatabase(postgresUrl!)
    const target = await freshPostgresDatabase(postgresUrl!)
    const dataDir = join(scratch, 'pg-data')
    try {
      const database = await openDatabase({ url: source.url })
      await migrateDatabase(database)
      const orgIds = await fill(database)
      const original = await everyRow(database)
      await database.close()

      const backup = join(scratch, 'pg-backup')
      expect((await backupDatabase({ dataDir, databaseUrl: source.url }, backup)).driver).toBe('postgres')
      await restoreDatabase({ dataDir: join(scratch, 'pg-restored'), databaseUrl: target.url }, backup)
      const copy = await openDatabase({ url: target.url })
      try {
        await expectSameAndChained(original, copy, orgIds)
      } finally {
        await copy.close()
      }
      await expect(
        restoreDatabase({ dataDir: join(scratch, 'pg-again'), databaseUrl: target.url }, backup),
      ).rejects.toThrow(/has tables/)
    } finally {
      await source.drop()
      await target.drop()
    }
  })
})
