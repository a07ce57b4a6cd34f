import { createCipheriv, createDecipheriv, randomBytes, scrypt, scryptSync } from 'node:crypto'

/**
 * Private keys at rest: AES-256-GCM under a key derived (scrypt) from SIGNING_KEY. The sealed blob is
 * `version (1) | iv (12) | tag (16) | ciphertext`; a wrong SIGNING_KEY fails the tag check, never decrypts to garbage.
 */
export type KeyProtector = { seal: (plain: Uint8Array) => Uint8Array; open: (sealed: Uint8Array) => Uint8Array }

const VERSION = 1
// the salt is constant on purpose: SIGNING_KEY alone must reopen every key, and it is long and random by default
const SALT = 'orders-service/signing-keys/v1'

export class KeyUnreadable extends Error {}

const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }

const protectorOf = (key: Buffer): KeyProtector => {
  return {
    seal: (plain) => {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain), cipher.final()])
      return new Uint8Array(Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]))
    },
    open: (sealed) => {
      const b = Buffer.from(sealed)
      if (b[0] !== VERSION || b.length < 29) throw new KeyUnreadable('not a sealed key of a known version')
      const decipher = createDecipheriv('aes-256-gcm', key, b.subarray(1, 13))
      decipher.setAuthTag(b.subarray(13, 29))
      try {
        return new Uint8Array(Buffer.concat([decipher.update(b.subarray(29)), decipher.final()]))
      } catch {
        throw new KeyUnreadable('the key does not open with this SIGNING_KEY')
      }
    },
  }
}

export const keyProtector = (signingKey: string): KeyProtector => protectorOf(scryptSync(signingKey, SALT, 32, SCRYPT))

/** The same protector, its key derived on libuv's threads: the service derives it while its database opens. */
export const deriveKeyProtector = (signingKey: string): Promise<KeyProtector> =>
  new Promise((resolve, reject) =>
    scrypt(signingKey, SALT, 32, SCRYPT, (e, key) => (e ? reject(e) : resolve(protectorOf(key)))),
  )
