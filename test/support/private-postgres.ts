import { execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * The directory of PostgreSQL's server programs (initdb, pg_ctl): the one on PATH, else the newest under
 * /usr/lib/postgresql (Debian keeps them off PATH); undefined when there is none. With REQUIRE_TOOLS=1 a
 * missing PostgreSQL fails the suite instead of skipping it.
 */
export const postgresBin = (): string | undefined => {
  const onPath = (() => {
    try {
      return execFileSync('sh', ['-c', 'dirname "$(readlink -f "$(command -v initdb)")"'], { encoding: 'utf8' }).trim()
    } catch {
      return ''
    }
  })()
  if (onPath && existsSync(join(onPath, 'pg_ctl'))) return onPath
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : []
  if (versions[0]) return join(root, versions[0], 'bin')
  if (process.env.REQUIRE_TOOLS === '1') throw new Error('initdb is required (REQUIRE_TOOLS=1) but not installed')
  console.log('skipping: initdb (PostgreSQL server programs) is not installed')
  return undefined
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })

export type PrivatePostgres = {
  url: string
  port: number
  start: () => void
  /** `pg_ctl stop -m fast`: sessions are ended, the server exits */
  stop: () => void
  destroy: () => void
}

/**
 * A PostgreSQL cluster of the test's own, in a temporary directory on a free port: the machine's shared server
 * is never stopped. As root, the programs run as the `postgres` user (initdb refuses root).
 */
export const privatePostgres = async (bin: string): Promise<PrivatePostgres> => {
  const dir = mkdtempSync(join(tmpdir(), 'orders-pg-'))
  const asRoot = process.getuid?.() === 0
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }))
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }))
    chownSync(dir, uid, gid)
  }
  const pg = (program: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, program), ...args], {
          encoding: 'utf8',
          timeout: 120_000,
        })
      : execFileSync(join(bin, program), args, { encoding: 'utf8', timeout: 120_000 })
  const data = join(dir, 'data')
  pg('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C'])
  const port = await freePort()
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`
  const start = () => pg('pg_ctl', ['start', '-w', '-t', '60', '-D', data, '-l', join(dir, 'log'), '-o', options])
  const stop = () => pg('pg_ctl', ['stop', '-w', '-t', '60', '-m', 'fast', '-D', data])
  start()
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start: () => void start(),
    stop: () => void stop(),
    destroy: () => {
      try {
        stop()
      } catch {}
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
