import { createPrivateKey, createPublicKey } from 'node:crypto'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { isOrderError, OrderError } from '../../domain/errors'
import type { Credential } from './certificates'

const KEY_BAG = '1.2.840.113549.1.12.10.1.2' // pkcs8ShroudedKeyBag
const PLAIN_KEY_BAG = '1.2.840.113549.1.12.10.1.1' // keyBag
const CERT_BAG = '1.2.840.113549.1.12.10.1.3'

const ENCRYPTED_DATA = '1.2.840.113549.1.7.6'

/**
 * The most key-derivation iterations a file may ask for: a password-based key costs one derivation per
 * iteration (3,000,000 took 10 s of a core), and 600,000 is what OWASP advises for PBKDF2-SHA256 today.
 */
export const MAX_PKCS12_ITERATIONS = 600_000

/** The largest INTEGER in an algorithm's parameters: PBES2's iteration count, or PKCS#12 PBE's. */
const largestInteger = (node: asn1js.AsnType | undefined): number => {
  if (!node) return 0
  if (node instanceof asn1js.Integer) return Number(node.toBigInt())
  const block = (node as { valueBlock?: { value?: unknown } }).valueBlock
  return Array.isArray(block?.value) ? Math.max(0, ...block.value.map((n) => largestInteger(n as asn1js.AsnType))) : 0
}

const boundIterations = (iterations: number) => {
  if (iterations > MAX_PKCS12_ITERATIONS)
    throw bad(
      `Файл PKCS#12 требует ${iterations} итераций выработки ключа, допускается не больше ${MAX_PKCS12_ITERATIONS}`,
    )
}

const buffer = (bytes: Uint8Array) =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
const bad = (message: string) => new OrderError('invalid_input', message, [{ path: 'file', message }])

/**
 * A PKCS#12 (.p12, .pfx) file opened with its password: the private key, the certificate that holds its
 * public key, and the other certificates in the file (the issuers). Checked: the MAC (so a wrong password
 * is told apart from a damaged file), an RSA key (what our signer uses), the key matches the certificate,
 * and the certificate is valid at `now`.
 */
export const readPkcs12 = async (
  bytes: Uint8Array,
  password: string,
  now: Date,
): Promise<{ credential: Credential; issuers: Uint8Array[] }> => {
  let pfx: pkijs.PFX
  try {
    pfx = pkijs.PFX.fromBER(buffer(bytes))
  } catch {
    throw bad('Файл не является PKCS#12 (.p12, .pfx)')
  }
  const secret = buffer(new TextEncoder().encode(password))
  const keys: Uint8Array[] = []
  const certificates: Uint8Array[] = []
  // each key derivation is bounded before it is made: the MAC's, each encrypted part's, each shrouded key's
  boundIterations(pfx.macData?.iterations ?? 0)
  try {
    await pfx.parseInternalValues({ password: secret, checkIntegrity: true })
    const safe = pfx.parsedValue?.authenticatedSafe
    if (!safe) throw new Error('no authenticated safe')
    for (const part of safe.safeContents)
      if (part.contentType === ENCRYPTED_DATA)
        boundIterations(
          largestInteger(
            // a copy: pkijs's schema matching marks the nodes it matched, and the safe is parsed again below
            pkijs.EncryptedData.fromBER(part.content.toBER()).encryptedContentInfo.contentEncryptionAlgorithm
              .algorithmParams,
          ),
        )
    await safe.parseInternalValues({ safeContents: safe.safeContents.map(() => ({ password: secret })) })
    for (const contents of safe.parsedValue.safeContents)
      for (const bag of contents.value.safeBags) {
        if (bag.bagId === KEY_BAG) {
          const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag
          boundIterations(largestInteger(shrouded.encryptionAlgorithm.algorithmParams))
          // protected in pkijs's typings, yet the way its own PFX code decrypts a shrouded key
          await (
            shrouded as unknown as { parseInternalValues: (p: { password: ArrayBuffer }) => Promise<void> }
          ).parseInternalValues({ password: secret })
          keys.push(new Uint8Array(shrouded.parsedValue!.toSchema().toBER()))
        } else if (bag.bagId === PLAIN_KEY_BAG) {
          keys.push(new Uint8Array((bag.bagValue as pkijs.PrivateKeyInfo).toSchema().toBER()))
        } else if (bag.bagId === CERT_BAG) {
          const cert = (bag.bagValue as pkijs.CertBag).parsedValue
          if (cert instanceof pkijs.Certificate) certificates.push(new Uint8Array(cert.toSchema().toBER()))
        }
      }
  } catch (e) {
    if (isOrderError(e)) throw e
    throw new OrderError('invalid_input', 'Неверный пароль или повреждённый файл PKCS#12', [
      { path: 'password', message: 'файл не открывается этим паролем' },
    ])
  }
  if (keys.length !== 1) throw bad(`В файле должен быть один закрытый ключ, найдено: ${keys.length}`)
  const privateKey = createPrivateKey({ key: Buffer.from(keys[0]!), format: 'der', type: 'pkcs8' })
  if (privateKey.asymmetricKeyType !== 'rsa') throw bad('Поддерживаются ключи RSA')
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' })
  const spkiOf = (der: Uint8Array) =>
    Buffer.from(pkijs.Certificate.fromBER(buffer(der)).subjectPublicKeyInfo.toSchema().toBER())
  const own = certificates.find((c) => spkiOf(c).equals(spki))
  if (!own) throw bad('Ни один сертификат в файле не соответствует закрытому ключу')
  const parsed = pkijs.Certificate.fromBER(buffer(own))
  const [from, to] = [parsed.notBefore.value, parsed.notAfter.value]
  if (from > now || to <= now)
    throw bad(`Сертификат недействителен на текущую дату (действует с ${from.toISOString()} по ${to.toISOString()})`)
  return {
    credential: { certificate: own, privateKey: new Uint8Array(keys[0]!) },
    issuers: certificates.filter((c) => c !== own),
  }
}
