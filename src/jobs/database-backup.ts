import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  copyFileSync,
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { dirname, isAbsolute, join, normalize, relative, resolve } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { Writable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import { PGlite } from '@electric-sql/pglite'
import postgres from 'postgres'
import { LOCK_FILE, lockDataDir } from '../db/data-dir-lock'

/**
 * A backup is a directory: the database (`database.tar.gz`, PGlite's own dump of its data
 * directory, or `database.dump`, pg_dump's custom format), `files/` with every file of DATA_DIR
 * that is not PGlite's (the generated signing key above all: without it the stored keys cannot be
 * opened), and `manifest.json` with the SHA-256 of each, checked before anything is restored.
 */
export type BackupManifest = {
  format: 1
  driver: 'pglite' | 'postgres'
  createdAt: string
  database: { file: string; sha256: string; bytes: number }
  files: { path: string; sha256: string; bytes: number }[]
}

export type BackupTarget = { dataDir: string; databaseUrl?: string }

export class BackupRefused extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BackupRefused'
  }
}

const MANIFEST = 'manifest.json'
/** What PostgreSQL's initdb (and so PGlite) keeps at the top of a data directory. */
const PGLITE_ENTRY = /^(PG_VERSION|base|global|pg_[a-z_]+(\.conf)?|postgresql(\.auto)?\.conf|postmaster\.(opts|pid))$/

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** Every file under DATA_DIR that is neither PGlite's nor the service's lock, as paths relative to it. */
export const serviceFilesOf = (dataDir: string): string[] => {
  if (!existsSync(dataDir)) return []
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? walk(path) : [relative(dataDir, path)]
    })
  return readdirSync(dataDir)
    .filter((name) => !PGLITE_ENTRY.test(name) && name !== LOCK_FILE)
    .flatMap((name) => {
      const path = join(dataDir, name)
      return statSync(path).isDirectory() ? walk(path) : [name]
    })
}

const isEmptyDir = (dir: string) => !existsSync(dir) || readdirSync(dir).length === 0

const run = (program: string, args: string[]) =>
  new Promise<void>((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
    })
    child.once('error', reject)
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${program} exited with ${code}: ${stderr.trim()}`)),
    )
  })

/**
 * Backs up the database and DATA_DIR's own files into `out` (a new or empty directory).
 *
 * The embedded database is dumped under the data directory's lock: a running service holds it, so
 * its database is never read while it writes (stop the service, back up, start it again; for
 * backups without a stop, run on PostgreSQL). PostgreSQL is dumped by pg_dump, online, in one
 * snapshot.
 */
export const backupDatabase = async (
  target: BackupTarget,
  out: string,
  { now = new Date() }: { now?: Date } = {},
): Promise<BackupManifest> => {
  if (existsSync(out) && !statSync(out).isDirectory())
    throw new BackupRefused(`${out} is a file: a backup goes into a new directory`)
  if (!isEmptyDir(out)) throw new BackupRefused(`${out} is not empty: a backup goes into a new directory`)
  // a backup inside DATA_DIR would take its own dump for a file of the service, and every older backup with it
  if (!relative(resolve(target.dataDir), resolve(out)).startsWith('..'))
    throw new BackupRefused(`${out} is inside the data directory ${target.dataDir}: write the backup elsewhere`)
  const existed = existsSync(out)
  mkdirSync(join(out, 'files'), { recursive: true })
  try {
    return await writeBackup(target, out, now)
  } catch (e) {
    // `out` was empty or absent: a refused or failed backup leaves it so, and the next attempt is not refused as «not empty»
    if (existed) for (const name of readdirSync(out)) rmSync(join(out, name), { recursive: true, force: true })
    else rmSync(out, { recursive: true, force: true })
    throw e
  }
}

const writeBackup = async (target: BackupTarget, out: string, now: Date): Promise<BackupManifest> => {
  let database: BackupManifest['database']
  if (target.databaseUrl) {
    const file = 'database.dump'
    await run('pg_dump', [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      `--file=${join(out, file)}`,
      target.databaseUrl,
    ])
    const bytes = readFileSync(join(out, file))
    database = { file, sha256: sha256(bytes), bytes: bytes.length }
  } else {
    if (!existsSync(join(target.dataDir, 'PG_VERSION')))
      throw new BackupRefused(`${target.dataDir} holds no embedded database`)
    const unlock = lockDataDir(target.dataDir) // refuses, naming the pid, while a service runs on it
    try {
      const pglite = await PGlite.create(target.dataDir)
      try {
        const dump = new Uint8Array(await (await pglite.dumpDataDir('gzip')).arrayBuffer())
        const file = 'database.tar.gz'
        writeFileSync(join(out, file), dump)
        database = { file, sha256: sha256(dump), bytes: dump.length }
      } finally {
        await pglite.close()
      }
    } finally {
      unlock()
    }
  }
  const files = serviceFilesOf(target.dataDir).map((path) => {
    const bytes = readFileSync(join(target.dataDir, path))
    mkdirSync(dirname(join(out, 'files', path)), { recursive: true })
    copyFileSync(join(target.dataDir, path), join(out, 'files', path))
    return { path, sha256: sha256(bytes), bytes: bytes.length }
  })
  const manifest: BackupManifest = {
    format: 1,
    driver: target.databaseUrl ? 'postgres' : 'pglite',
    createdAt: now.toISOString(),
    database,
    files,
  }
  writeFileSync(join(out, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`)
  return manifest
}

// a path a manifest names: relative, below its directory; a foreign manifest naming ../../x would have
// restore write outside DATA_DIR
const safePath = (path: unknown): path is string =>
  typeof path === 'string' &&
  path !== '' &&
  !isAbsolute(path) &&
  !path.includes('\\') &&
  normalize(path) === path &&
  !path.split('/').includes('..')

const isManifest = (m: unknown): m is BackupManifest => {
  const x = m as Partial<BackupManifest> | null
  const sha = (v: unknown) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v)
  return (
    !!x &&
    x.format === 1 &&
    (x.driver === 'pglite' || x.driver === 'postgres') &&
    x.database?.file === (x.driver === 'pglite' ? 'database.tar.gz' : 'database.dump') &&
    sha(x.database.sha256) &&
    Array.isArray(x.files) &&
    x.files.every((f) => safePath(f?.path) && sha(f.sha256))
  )
}

/** The manifest of a backup, after checking every file it names against its SHA-256. */
export const readBackup = (from: string): BackupManifest => {
  if (!existsSync(join(from, MANIFEST))) throw new BackupRefused(`${from} has no ${MANIFEST}: it is not a backup`)
  let manifest: unknown
  try {
    manifest = JSON.parse(readFileSync(join(from, MANIFEST), 'utf8'))
  } catch {
    throw new BackupRefused(`${join(from, MANIFEST)} is not JSON: the backup is truncated or damaged`)
  }
  if ((manifest as BackupManifest | null)?.format !== 1)
    throw new BackupRefused(`${from}: unknown backup format ${(manifest as BackupManifest | null)?.format}`)
  if (!isManifest(manifest))
    throw new BackupRefused(
      `${join(from, MANIFEST)} is not a manifest of this service (driver, database file, SHA-256 or a path outside the backup)`,
    )
  const check = (path: string, expected: string) => {
    if (!existsSync(join(from, path)))
      throw new BackupRefused(`${join(from, path)} is missing: the backup is incomplete`)
    if (sha256(readFileSync(join(from, path))) !== expected)
      throw new BackupRefused(`${join(from, path)} does not match its SHA-256 in the manifest: the backup is damaged`)
  }
  check(manifest.database.file, manifest.database.sha256)
  for (const f of manifest.files) check(join('files', f.path), f.sha256)
  return manifest
}

const tablesIn = async (url: string) => {
  const client = postgres(url, { max: 1, onnotice: () => {} })
  try {
    const [row] = await client<{ n: number }[]>`
      select count(*)::int as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')`
    return row!.n
  } finally {
    await client.end({ timeout: 5 })
  }
}

/**
 * The dump unpacked to nowhere first, its tar header read: PGlite given a truncated or foreign one
 * throws from a stream no caller can catch, and the process dies.
 */
const checkDump = async (file: string) => {
  let head = Buffer.alloc(0)
  const keepHead = new Writable({
    write: (chunk: Buffer, _enc, next) => {
      if (head.length < 512) head = Buffer.concat([head, chunk]).subarray(0, 512)
      next()
    },
  })
  try {
    await pipeline(createReadStream(file), createGunzip(), keepHead)
  } catch (e) {
    throw new BackupRefused(`${file} does not unpack (${(e as Error).message}): the dump is truncated or damaged`)
  }
  // every tar entry header carries "ustar" at byte 257
  if (head.subarray(257, 262).toString('latin1') !== 'ustar')
    throw new BackupRefused(`${file} is not a tar archive: not a dump of the embedded database`)
}

/**
 * Restores a backup into an EMPTY target: an embedded database into a data directory that does not
 * exist or is empty, a PostgreSQL dump into a database without tables. A target with anything in it
 * is refused, never overwritten: restoring over live data is how backups destroy it.
 */
export const restoreDatabase = async (target: BackupTarget, from: string): Promise<BackupManifest> => {
  const manifest = readBackup(from)
  if ((manifest.driver === 'postgres') !== !!target.databaseUrl)
    throw new BackupRefused(
      manifest.driver === 'postgres'
        ? 'This backup is of PostgreSQL: set DATABASE_URL to an empty database to restore it'
        : 'This backup is of the embedded database: unset DATABASE_URL and set DATA_DIR to an empty directory',
    )
  const existing = manifest.files.filter((f) => existsSync(join(target.dataDir, f.path)))
  if (existing.length)
    throw new BackupRefused(`${target.dataDir} already has ${existing.map((f) => f.path).join(', ')}: not overwritten`)
  if (target.databaseUrl) {
    if ((await tablesIn(target.databaseUrl)) > 0)
      throw new BackupRefused('The target database has tables: restore into a new, empty database')
    await run('pg_restore', [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      '--single-transaction',
      `--dbname=${target.databaseUrl}`,
      join(from, manifest.database.file),
    ])
  } else {
    if (!isEmptyDir(target.dataDir))
      throw new BackupRefused(`${target.dataDir} is not empty: restore into a new or empty directory`)
    await checkDump(join(from, manifest.database.file))
    const unlock = lockDataDir(target.dataDir)
    try {
      const dump = new File([readFileSync(join(from, manifest.database.file))], manifest.database.file, {
        type: 'application/x-gzip',
      })
      const pglite = await PGlite.create(target.dataDir, { loadDataDir: dump })
      try {
        await pglite.query('select 1')
      } finally {
        await pglite.close()
      }
    } catch (e) {
      rmSync(target.dataDir, { recursive: true, force: true }) // it was empty: leave nothing half restored
      throw e
    } finally {
      unlock()
    }
  }
  for (const f of manifest.files) {
    mkdirSync(dirname(join(target.dataDir, f.path)), { recursive: true })
    copyFileSync(join(from, 'files', f.path), join(target.dataDir, f.path))
  }
  return manifest
}
