import { spawnSync } from 'node:child_process'
import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'

export const LOCK_FILE = 'orders-service.lock'

export class DataDirLocked extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: number | undefined,
  ) {
    super(
      `The data directory ${dataDir} is in use by another process of the service` +
        `${holder ? ` (pid ${holder})` : ''}: stop it first, or give this one a DATA_DIR of its own. ` +
        'Two processes on one embedded database destroy it.',
    )
    this.name = 'DataDirLocked'
  }
}

const holderOf = (file: string) => {
  const pid = Number.parseInt(readFileSync(file, 'utf8'), 10)
  return Number.isInteger(pid) && pid > 0 ? pid : undefined
}

/** Is a process with this pid running (EPERM: it is, under another user)? */
const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Takes the embedded database's directory for this process, before PGlite opens it, or throws
 * `DataDirLocked` naming the holder's pid.
 *
 * The lock is flock(2) on `orders-service.lock` inside the directory: the kernel holds it on the open
 * file description and drops it when the process ends in any way, SIGKILL included, so a killed
 * holder never blocks a restart and there is no staleness to guess. Node has no flock of its own,
 * so util-linux's `flock` program locks the descriptor we pass it as fd 3; the lock outlives that
 * child because our descriptor stays open (Node opens files close-on-exec, so no later child
 * inherits it). Heartbeat locks (proper-lockfile's mtime) were rejected: PGlite runs in our event
 * loop, and a query blocking it past the stale time would let a second process take a live lock.
 * The pid written into the file only names the holder in the message.
 *
 * Where no `flock` program exists (macOS without util-linux), the file's pid is checked with
 * `kill(pid, 0)` instead: it still stops a second process and frees a killed holder at once,
 * but two processes starting at the same instant could both pass.
 */
export const lockDataDir = (dataDir: string, { flockProgram = 'flock' } = {}): (() => void) => {
  mkdirSync(dataDir, { recursive: true })
  const file = join(dataDir, LOCK_FILE)
  const fd = openSync(file, 'a+')
  const taken = spawnSync(flockProgram, ['--exclusive', '--nonblock', '3'], {
    stdio: ['ignore', 'ignore', 'pipe', fd],
  })
  const haveFlock = (taken.error as NodeJS.ErrnoException | undefined)?.code !== 'ENOENT'
  if (haveFlock && taken.status !== 0) {
    closeSync(fd)
    if (taken.status === 1) throw new DataDirLocked(dataDir, holderOf(file))
    throw new Error(`Cannot lock ${file}: ${taken.error?.message ?? taken.stderr?.toString().trim()}`)
  }
  if (!haveFlock) {
    const holder = holderOf(file)
    if (holder && holder !== process.pid && isRunning(holder)) {
      closeSync(fd)
      throw new DataDirLocked(dataDir, holder)
    }
  }
  ftruncateSync(fd, 0)
  writeSync(fd, `${process.pid}\n`)
  let released = false
  return () => {
    if (released) return
    released = true
    ftruncateSync(fd, 0) // no pid left behind to name
    closeSync(fd) // the kernel drops the flock with the last descriptor
  }
}
