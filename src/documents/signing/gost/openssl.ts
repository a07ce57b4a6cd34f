import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** OpenSSL with Debian's GOST engine (libengine-gost-openssl) answered wrongly, late or not at all. */
export class GostEngineError extends Error {
  override readonly name = 'GostEngineError'
}

export type OpensslRun = { ok: boolean; stdout: string; stderr: string }

export type OpensslLimits = {
  /** the process is killed past it (a hostile input cannot hold a request) */
  timeoutMs?: number
  /** what it may print, each stream */
  maxOutput?: number
}

/** Loads the GOST engine for every command (`openssl crl` has no `-engine` switch); the system's openssl.cnf is left alone. */
const GOST_CONFIG = `openssl_conf = openssl_def
[openssl_def]
engines = engine_section
[engine_section]
gost = gost_section
[gost_section]
engine_id = gost
default_algorithms = ALL
`

/**
 * Runs `openssl` with the GOST engine loaded (a config of our own as OPENSSL_CONF, so Debian's openssl.cnf needs
 * no change) over `files` written to a private temporary directory: an argument array, never a shell, a time limit and an
 * output limit. `args` name the files by `{name}`. A non-zero exit is an answer (`ok: false`), not an error;
 * a missing program, a timeout or an overflow is a GostEngineError.
 */
export const runOpenssl = async (
  args: string[],
  files: Record<string, Uint8Array | string>,
  { timeoutMs = 5000, maxOutput = 64 * 1024 }: OpensslLimits = {},
): Promise<OpensslRun> => {
  const dir = await mkdtemp(join(tmpdir(), 'orders-gost-'))
  try {
    await writeFile(join(dir, 'gost.cnf'), GOST_CONFIG)
    await Promise.all(Object.entries(files).map(([name, bytes]) => writeFile(join(dir, name), bytes, { mode: 0o600 })))
    const resolved = args.map((a) => a.replace(/^\{([\w.-]+)\}$/, (_, name: string) => join(dir, name)))
    return await new Promise<OpensslRun>((resolve, reject) => {
      execFile(
        'openssl',
        resolved,
        {
          cwd: dir,
          timeout: timeoutMs,
          maxBuffer: maxOutput,
          killSignal: 'SIGKILL',
          encoding: 'utf8',
          env: { OPENSSL_CONF: join(dir, 'gost.cnf') },
        },
        (error, stdout, stderr) => {
          if (!error) return resolve({ ok: true, stdout, stderr })
          const e = error as NodeJS.ErrnoException & { killed?: boolean; code?: number | string }
          if (e.code === 'ENOENT') return reject(new GostEngineError('openssl не установлен'))
          if (e.killed) return reject(new GostEngineError('openssl не ответил вовремя'))
          if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
            return reject(new GostEngineError('openssl ответил слишком длинно'))
          resolve({ ok: false, stdout, stderr })
        },
      )
    })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

let engine: Promise<boolean> | undefined

/** Whether this machine's OpenSSL loads the GOST engine (asked once). */
export const gostEngineAvailable = () =>
  (engine ??= runOpenssl(['engine', 'gost', '-c'], {}, { timeoutMs: 5000 })
    .then((r) => r.ok && r.stdout.includes('gost2012_256'))
    .catch(() => false))

/** A DER certificate as PEM, 64 characters a line, as OpenSSL reads it. */
export const pemCertificate = (der: Uint8Array) =>
  `-----BEGIN CERTIFICATE-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`
