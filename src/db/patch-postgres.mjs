// Repairs postgres.js 3.4.9 (the newest release) where a restart of PostgreSQL crashes the service or
// poisons its pool; run by `npm install` / `npm ci` (postinstall), idempotent.
//
// A small write is flushed on the next tick (setImmediate). When the server closes the connection first
// (pg_ctl stop, a restart), `closed()` nulls the socket and cancels the timer without forgetting it:
//  - a write made after the close (a transaction's ROLLBACK after its query failed) schedules a flush that
//    dereferences the null socket, an uncaught TypeError that ends the process
//    (https://github.com/porsager/postgres/issues/1154, #1208);
//  - a write scheduled before the close leaves the cancelled timer set, so the reconnected connection never
//    schedules a flush again: its start-up message is never sent and every query on it waits for the connect
//    timeout, for ever (the «poisoned pool» of https://github.com/LanternOps/breeze/issues/3225).
// The repair: the flush of a closed connection fails the queries waiting on it (CONNECTION_CLOSED, which the
// service answers as 503) instead of throwing, and a close or termination forgets the timer and the bytes.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const MARK = '/* orders-service: null socket guard */'
// the package as Node resolves it from here: from src/db/ under tsx, and from dist/ once bundled into the build
const packageRoot = join(dirname(createRequire(import.meta.url).resolve('postgres')), '..', '..')
const replacements = [
  [
    '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)',
    `  function nextWrite(fn) {\n    ${MARK}\n    if (!socket) {\n      nextWriteTimer !== null && clearImmediate(nextWriteTimer)\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
  ],
  ['    clearImmediate(nextWriteTimer)\n', '    clearImmediate(nextWriteTimer)\n    nextWriteTimer = chunk = null\n'],
]

const variantsIn = (root) =>
  ['src', 'cjs/src', 'cf/src'].map((variant) => join(root, variant, 'connection.js')).filter((file) => existsSync(file))

/** The files of postgres.js that lack the repair (none once it is in place): src/db/client.ts asks at start. */
export const unrepairedPostgres = (root = packageRoot) =>
  variantsIn(root).filter((file) => !readFileSync(file, 'utf8').includes(MARK))

const repair = () => {
  let patched = 0
  for (const file of unrepairedPostgres()) {
    let text = readFileSync(file, 'utf8')
    for (const [from, to] of replacements) {
      if (!text.includes(from))
        throw new Error(
          `postgres.js changed: ${file} lacks the code this patch repairs; review src/db/patch-postgres.mjs`,
        )
      text = text.split(from).join(to)
    }
    writeFileSync(file, text)
    patched++
  }
  console.log(`patch-postgres: ${patched} file(s) patched`)
}

// run as a script (postinstall, or by hand when an install skipped it); imported (or bundled), it only answers
if (process.argv[1]?.endsWith('patch-postgres.mjs')) repair()
