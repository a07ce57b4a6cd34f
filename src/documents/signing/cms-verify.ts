import { createHash, createPublicKey, type KeyObject, verify } from 'node:crypto'
import { OID } from './crypto'
import { bytesOf, children, contentsOf, type Node, readNode, TAG } from './der'

// CMS is read here by hand, in place (der.ts), not by pkijs: its schema parser cost 10–40 ms of every signature
// (most of verifying a 10-signature file), and its `verify` takes an encapsulated eContent for what was signed

/** What a CMS is made to sign with: the digests and signature algorithms this reader accepts, by OID. */
const DIGESTS: Record<string, string> = {
  [OID.sha256]: 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
}
const SIGNATURES: Record<string, { hash?: string; ecdsa?: boolean }> = {
  [OID.rsaEncryption]: {}, // the hash is the signer's digest algorithm
  [OID.sha256WithRsa]: { hash: 'sha256' },
  '1.2.840.113549.1.1.12': { hash: 'sha384' },
  '1.2.840.113549.1.1.13': { hash: 'sha512' },
  '1.2.840.10045.4.3.2': { hash: 'sha256', ecdsa: true },
  '1.2.840.10045.4.3.3': { hash: 'sha384', ecdsa: true },
  '1.2.840.10045.4.3.4': { hash: 'sha512', ecdsa: true },
}

/** A CMS that is not what this reader accepts, said in Russian. */
export class CmsRefused extends Error {
  override readonly name = 'CmsRefused'
}

const oidOf = (b: Uint8Array, node: Node) => {
  if (node.tag !== TAG.oid) throw new CmsRefused('ожидался идентификатор объекта (OID)')
  const bytes = contentsOf(b, node)
  const parts: number[] = []
  let value = 0
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f)
    if (!(byte & 0x80)) {
      if (!parts.length) parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80)
      else parts.push(value)
      value = 0
    }
  }
  return parts.join('.')
}

const expect = (node: Node | undefined, tag: number, what: string): Node => {
  if (!node || node.tag !== tag) throw new CmsRefused(`в подписи не прочитано: ${what}`)
  return node
}

/** An OCTET STRING's bytes, primitive or constructed of chunks (BER writers chunk a long eContent). */
const octets = (b: Uint8Array, node: Node): Uint8Array =>
  node.tag === TAG.octetString
    ? contentsOf(b, node)
    : node.tag === (TAG.octetString | 0x20)
      ? new Uint8Array(Buffer.concat(children(b, node).map((c) => octets(b, c))))
      : contentsOf(b, expect(undefined, TAG.octetString, 'eContent'))

export type Attributes = Map<string, Uint8Array[]>

const attributesOf = (b: Uint8Array, node: Node | undefined): Attributes => {
  const out: Attributes = new Map()
  for (const attr of node ? children(b, node) : []) {
    const [type, values] = children(b, attr)
    out.set(oidOf(b, type!), values ? children(b, values).map((v) => bytesOf(b, v)) : [])
  }
  return out
}

export type SignerInfo = {
  sid: { issuer: Uint8Array; serial: Uint8Array } | { keyIdentifier: Uint8Array }
  digestAlgorithm: string
  /** The signed attributes' DER as written ([0] IMPLICIT), undefined when there are none. */
  signedAttrs?: Uint8Array
  signed: Attributes
  signatureAlgorithm: string
  signature: Uint8Array
  unsigned: Attributes
}

export type SignedData = {
  eContentType: string
  eContent?: Uint8Array
  certificates: Uint8Array[]
  crls: Uint8Array[]
  signers: SignerInfo[]
}

/** A ContentInfo holding a SignedData (RFC 5652), read in place; DER with definite lengths, as CMS signs. */
export const parseSignedData = (b: Uint8Array): SignedData => {
  try {
    const info = children(b, expect(readNode(b, 0), TAG.sequence, 'ContentInfo'))
    if (oidOf(b, info[0]!) !== OID.signedData) throw new CmsRefused('значение подписи не CMS SignedData')
    const sd = children(
      b,
      expect(children(b, expect(info[1], TAG.context(0), 'SignedData'))[0], TAG.sequence, 'SignedData'),
    )
    const encap = children(b, expect(sd[2], TAG.sequence, 'encapContentInfo'))
    const explicit = encap[1] ? children(b, expect(encap[1], TAG.context(0), 'eContent'))[0] : undefined
    const rest = sd.slice(3)
    const certs = rest.find((n) => n.tag === TAG.context(0))
    const crls = rest.find((n) => n.tag === TAG.context(1))
    const signerSet = expect(rest.at(-1), TAG.set, 'signerInfos')
    return {
      eContentType: oidOf(b, encap[0]!),
      eContent: explicit ? octets(b, explicit) : undefined,
      // only certificates (SEQUENCE), not the other choices of the set
      certificates: certs
        ? children(b, certs)
            .filter((n) => n.tag === TAG.sequence)
            .map((n) => bytesOf(b, n))
        : [],
      crls: crls
        ? children(b, crls)
            .filter((n) => n.tag === TAG.sequence)
            .map((n) => bytesOf(b, n))
        : [],
      signers: children(b, signerSet).map((s) => {
        const f = children(b, expect(s, TAG.sequence, 'SignerInfo'))
        const sid = f[1]!
        const [issuer, serial] = sid.tag === TAG.sequence ? children(b, sid) : []
        let at = 3
        const signedNode = f[at]?.tag === TAG.context(0) ? f[at++] : undefined
        const signatureAlgorithm = oidOf(b, children(b, expect(f[at++], TAG.sequence, 'signatureAlgorithm'))[0]!)
        const signature = contentsOf(b, expect(f[at++], TAG.octetString, 'signature'))
        const unsignedNode = f[at]?.tag === TAG.context(1) ? f[at] : undefined
        return {
          sid:
            issuer && serial
              ? { issuer: bytesOf(b, issuer), serial: contentsOf(b, serial) }
              : { keyIdentifier: contentsOf(b, sid) },
          digestAlgorithm: oidOf(b, children(b, expect(f[2], TAG.sequence, 'digestAlgorithm'))[0]!),
          signedAttrs: signedNode ? bytesOf(b, signedNode) : undefined,
          signed: attributesOf(b, signedNode),
          signatureAlgorithm,
          signature,
          unsigned: attributesOf(b, unsignedNode),
        }
      }),
    }
  } catch (e) {
    if (e instanceof CmsRefused) throw e
    throw new CmsRefused(`подпись не читается (${(e as Error).message})`)
  }
}

/** The DER inside /Contents: hex padded with zeros after the end of the ASN.1. */
export const contentsDer = (hex: string) => {
  const bytes = new Uint8Array(Buffer.from(hex, 'hex'))
  try {
    return bytes.subarray(0, readNode(bytes, 0).end)
  } catch {
    throw new CmsRefused('подпись не читается: в /Contents нет данных ASN.1')
  }
}

/** What a signature needs of a certificate: its issuer and serial as written, key identifier, public key. */
export const certificateFacts = (der: Uint8Array) => {
  const tbs = children(der, readNode(der, 0))[0]!
  const fields = children(der, tbs)
  const at = fields[0]!.tag === TAG.context(0) ? 1 : 0 // the version is optional
  let keyIdentifier: Uint8Array | undefined
  const extensions = fields.find((f) => f.tag === TAG.context(3))
  for (const ext of extensions ? children(der, children(der, extensions)[0]!) : []) {
    const [id, ...rest] = children(der, ext)
    if (oidOf(der, id!) === '2.5.29.14') keyIdentifier = contentsOf(der, readNode(der, rest.at(-1)!.contentStart))
  }
  return {
    serial: contentsOf(der, fields[at]!),
    issuer: bytesOf(der, fields[at + 2]!),
    spki: bytesOf(der, fields[at + 5]!),
    keyIdentifier,
  }
}

const equal = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b))

/** The one signer of a SignedData and its certificate, found by the signer's identifier. */
export const signerOf = (sd: SignedData) => {
  if (sd.signers.length !== 1) throw new CmsRefused(`в подписи ${sd.signers.length} подписантов вместо одного`)
  const signer = sd.signers[0]!
  const sid = signer.sid
  const certificate = sd.certificates.find((c) => {
    try {
      const f = certificateFacts(c)
      return 'issuer' in sid
        ? equal(f.issuer, sid.issuer) && equal(f.serial, sid.serial)
        : !!f.keyIdentifier && equal(f.keyIdentifier, sid.keyIdentifier)
    } catch {
      return false
    }
  })
  if (!certificate) throw new CmsRefused('в подписи нет сертификата подписанта')
  return { signer, certificate }
}

export type CheckedSigner = {
  signer: SignerInfo
  /** The signer's certificate, DER. */
  certificate: Uint8Array
  /** The signature over the signed attributes holds under the certificate's key and its digest is right. */
  verified: boolean
}

const attributeContents = (value: Uint8Array | undefined) => (value ? contentsOf(value, readNode(value, 0)) : undefined)

/**
 * The signer of a SignedData checked as RFC 5652 5.4 and 5.6 say: signed attributes required, their content
 * type that of the SignedData, their message digest the one `digestOf` computes of what must have been signed
 * (never an encapsulated copy), and the signature over them valid under the certificate's key, with an
 * algorithm of the lists above.
 */
export const checkSigner = (
  sd: SignedData,
  digestOf: (hash: string) => Uint8Array,
  problems: string[],
): CheckedSigner => {
  const { signer, certificate } = signerOf(sd)
  const hash = DIGESTS[signer.digestAlgorithm]
  if (!hash) throw new CmsRefused(`алгоритм хэширования ${signer.digestAlgorithm} не допускается`)
  const algorithm = SIGNATURES[signer.signatureAlgorithm]
  if (!algorithm) throw new CmsRefused(`алгоритм подписи ${signer.signatureAlgorithm} не допускается`)
  if (algorithm.hash && algorithm.hash !== hash)
    throw new CmsRefused('алгоритм подписи не соответствует алгоритму хэширования')
  if (!signer.signedAttrs) throw new CmsRefused('в подписи нет подписанных атрибутов')
  const contentType = signer.signed.get(OID.contentType)?.[0]
  if (!contentType || oidOf(contentType, readNode(contentType, 0)) !== sd.eContentType)
    throw new CmsRefused('тип содержимого в подписанных атрибутах не совпадает с подписанным')
  const digest = attributeContents(signer.signed.get(OID.messageDigest)?.[0])
  if (!digest) throw new CmsRefused('в подписи нет хэша подписанных данных (messageDigest)')
  const digestRight = equal(digest, digestOf(hash))
  if (!digestRight) problems.push('документ изменён после подписания')
  // the signature is over the attributes' DER with the SET tag, not the [0] they are written with (5.4)
  const attrs = new Uint8Array(signer.signedAttrs)
  attrs[0] = TAG.set
  let verified = false
  try {
    const key = publicKeyOf(certificateFacts(certificate).spki)
    verified = verify(
      algorithm.hash ?? hash,
      attrs,
      algorithm.ecdsa ? { key, dsaEncoding: 'der' } : key,
      signer.signature,
    )
  } catch {
    verified = false
  }
  if (!verified) problems.push('значение подписи не сходится с ключом сертификата')
  return { signer, certificate, verified: verified && digestRight }
}

/**
 * A public key imported once: the same signers (and time-stamping unit) sign every signature of a file and many
 * files; kept by the key's DER, bounded, emptied when full.
 */
const publicKeys = new Map<string, KeyObject>()
const publicKeyOf = (spki: Uint8Array) => {
  const id = Buffer.from(spki).toString('base64')
  let key = publicKeys.get(id)
  if (!key) {
    if (publicKeys.size >= 256) publicKeys.clear()
    key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' })
    publicKeys.set(id, key)
  }
  return key
}

export const digest = (hash: string, ...parts: Uint8Array[]) => {
  const h = createHash(hash)
  for (const p of parts) h.update(p)
  return new Uint8Array(h.digest())
}

/** GeneralizedTime as RFC 3161 writes it: YYYYMMDDHHMMSS[.fff]Z. */
const generalizedTime = (s: string) => {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d+)?Z$/.exec(s)
  if (!m) throw new CmsRefused('время метки времени не читается')
  const [, y, mo, d, h, mi, se, frac] = m
  return new Date(Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +se!, frac ? Math.round(Number(frac) * 1000) : 0))
}

/** The TSTInfo of a time-stamp token (RFC 3161), checked as a SignedData of content type id-ct-TSTInfo. */
export const checkTimeStampToken = (sd: SignedData, stamped: (hash: string) => Uint8Array, problems: string[]) => {
  if (sd.eContentType !== OID.tstInfo || !sd.eContent)
    throw new CmsRefused('метка времени без сведений о времени (TSTInfo)')
  const content = sd.eContent
  const tst = children(content, expect(readNode(content, 0), TAG.sequence, 'TSTInfo'))
  const [algorithm, imprint] = children(content, expect(tst[2], TAG.sequence, 'messageImprint'))
  const hash = DIGESTS[oidOf(content, children(content, algorithm!)[0]!)]
  if (!hash) throw new CmsRefused('алгоритм хэширования метки времени не допускается')
  const genTime = generalizedTime(
    Buffer.from(contentsOf(content, expect(tst[4], TAG.generalizedTime, 'genTime'))).toString('latin1'),
  )
  const imprintRight = equal(contentsOf(content, imprint!), stamped(hash))
  const checked = checkSigner(sd, (h) => digest(h, content), problems)
  if (!imprintRight) problems.push('метка времени поставлена на другие данные')
  return { ...checked, genTime, verified: checked.verified && imprintRight }
}
