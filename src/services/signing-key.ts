import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { deriveKeyProtector, type KeyProtector } from '../documents/signing/key-protection'

/**
 * SIGNING_KEY when set; otherwise the key generated once into the data directory (mode 0600) and read from
 * there on every later start. Losing that file loses every private key: the README says to back it up.
 */
export const loadKeyProtector = async (config: {
  signingKey?: string
  signingKeyFile: string
}): Promise<KeyProtector> => {
  if (config.signingKey) return deriveKeyProtector(config.signingKey)
  let key: string
  try {
    key = readFileSync(config.signingKeyFile, 'utf8').trim()
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
    mkdirSync(dirname(config.signingKeyFile), { recursive: true })
    key = randomBytes(32).toString('base64url')
    try {
      // 'wx': of two processes starting at once, one writes and the other reads what it wrote
      writeFileSync(config.signingKeyFile, `${key}\n`, { mode: 0o600, flag: 'wx' })
    } catch (w) {
      if ((w as NodeJS.ErrnoException).code !== 'EEXIST') throw w
      key = readFileSync(config.signingKeyFile, 'utf8').trim()
    }
  }
  if (!key) throw new Error(`The signing key file ${config.signingKeyFile} is empty: restore it from a backup`)
  return deriveKeyProtector(key)
}
