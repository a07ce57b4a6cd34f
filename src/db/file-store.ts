import { createHash, randomBytes } from 'node:crypto'
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'

/**
 * Where the bytes of stored files (renderings, signed and sealed revisions) live. With PostgreSQL they stay in
 * their rows, so every instance sharing the database reads the same files. On the embedded default they live in
 * the data directory, content-addressed by SHA-256 (`files/ab/abcd…`): PGlite hands a bytea over as hex text
 * through WebAssembly, 15 ms for a 100 kB PDF, where the file system answers in a tenth of a millisecond.
 * The rows keep everything but the bytes (the key, the whole file's hash, the revision it appends to), so the
 * revision chain and the hash registry of /verify are the same on both.
 *
 * An S3-compatible bucket would be a third kind with the same two operations (put under the hash, get and check
 * the hash): README «Stored files».
 */
export type FileStore = { kind: 'database' } | DirectoryStore

export type DirectoryStore = {
  kind: 'directory'
  dir: string
  /** Writes the bytes under their hash, durably, unless they are there already; the hash. */
  put: (bytes: Uint8Array) => Promise<string>
  /** The bytes stored under the hash, checked against it. */
  get: (sha256: string) => Promise<Uint8Array>
}

/** A stored file whose bytes no longer hash to their name: the disk or someone changed it. Never served. */
export class DamagedFileError extends Error {
  constructor(readonly sha256: string) {
    super(`the stored file ${sha256} does not match its SHA-256: damaged on disk`)
    this.name = 'DamagedFileError'
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/
const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

export const DATABASE_FILES: FileStore = { kind: 'database' }

/** The store in `dir` (the data directory's `files/`, which backups copy with the rest of the directory). */
export const directoryStore = (dir: string): DirectoryStore => {
  const pathOf = (sha256: string) => {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`)
    return join(dir, sha256.slice(0, 2), sha256)
  }
  const put = async (bytes: Uint8Array) => {
    const sha256 = sha256Hex(bytes)
    const path = pathOf(sha256)
    // content-addressed: a file of that name and length is these bytes (a torn write never gets the name)
    const there = await stat(path).catch(() => undefined)
    if (there?.size === bytes.length) return sha256
    await mkdir(dirname(path), { recursive: true })
    // written whole under a name of its own, flushed, then renamed over: a crash leaves the old state or the new
    const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
    const file = await open(temporary, 'wx', 0o600)
    try {
      await file.writeFile(bytes)
      await file.sync()
    } finally {
      await file.close()
    }
    try {
      await rename(temporary, path)
    } catch (e) {
      await rm(temporary, { force: true })
      throw e
    }
    // the rename itself survives a power cut only once the directory's entry is on disk
    const folder = await open(dirname(path), 'r')
    try {
      await folder.sync()
    } finally {
      await folder.close()
    }
    return sha256
  }
  const get = async (sha256: string) => {
    const bytes = new Uint8Array(await readFile(pathOf(sha256)))
    if (sha256Hex(bytes) !== sha256) throw new DamagedFileError(sha256)
    return bytes
  }
  return { kind: 'directory', dir, put, get }
}

// The store goes with the database handle it belongs to, and with every transaction opened on it
// (`inTransaction`), so that the repositories find it without each use case passing it along.
const stores = new WeakMap<object, FileStore>()

export const attachFiles = <T extends object>(db: T, files: FileStore): T => {
  stores.set(db, files)
  return db
}

/** The store of a database handle or transaction: the rows themselves unless a directory was attached. */
export const filesOf = (db: object): FileStore => stores.get(db) ?? DATABASE_FILES
