import { type Credential, importPrivateKey } from './certificates'
import { crypto, OID, sha256, toArrayBuffer } from './crypto'
import {
  bytesOf,
  children,
  contentsOf,
  type Der,
  DerError,
  derOrder,
  nullValue,
  octetString,
  oid,
  readNode,
  sequence,
  set,
  smallInteger,
  TAG,
  tlv,
} from './der'

/**
 * Whoever holds a signing key: digest of the signed bytes in, CMS SignedData (DER, detached) out.
 * The built-in one keeps an RSA key under the organization's CA; an HSM or a ГОСТ Р 34.10-2012 provider
 * (CryptoPro) can stand in its place, since nothing else about the document depends on the key.
 */
export interface Signer {
  /** DER certificates, the signer's first, then its issuers up to the root. */
  readonly certificateChain: Uint8Array[]
  /** A detached CAdES signature (content-type, message-digest, signing-certificate-v2) over the digest. */
  sign(digest: Uint8Array): Promise<Uint8Array>
}

/**
 * RFC 3161 time-stamp authority: digest in, TimeStampToken (ContentInfo DER) out. Whatever stands in
 * for the built-in one must stamp the same way.
 */
export interface TimeStamper {
  stamp(digest: Uint8Array): Promise<Uint8Array>
}

const SHA256 = sequence(oid(OID.sha256), nullValue())
const SHA256_WITH_RSA = sequence(oid(OID.sha256WithRsa), nullValue())

const attribute = (type: string, value: Der) => sequence(oid(type), set(value))

/** The issuer's Name and the serial number of a certificate, as they are written in it. */
const issuerAndSerial = (certDer: Uint8Array) => {
  const [tbs] = children(certDer, readNode(certDer, 0))
  if (!tbs) throw new DerError('a certificate without its body')
  const parts = children(certDer, tbs)
  const first = parts[0]?.tag === TAG.context(0) ? 1 : 0 // [0] version
  const serial = parts[first]
  const issuer = parts[first + 2]
  if (!serial || !issuer) throw new DerError('a certificate without issuer or serial number')
  return { issuer: bytesOf(certDer, issuer), serial: bytesOf(certDer, serial) }
}

/** ESS signing-certificate-v2 (RFC 5035): binds the signature to the signer's certificate, not just its key. */
const signingCertificateV2 = async (certDer: Uint8Array) => {
  const { issuer, serial } = issuerAndSerial(certDer)
  // hashAlgorithm is left out: SHA-256 is its DEFAULT, and DER omits a default
  const essCertIdV2 = sequence(octetString(await sha256(certDer)), sequence(sequence(tlv(0xa4, issuer)), serial))
  return sequence(sequence(essCertIdV2))
}

/**
 * A ContentInfo with SignedData over `digest`, signed by `key` (RSA PKCS#1 v1.5, SHA-256), with the signed
 * attributes CAdES needs (content-type, message-digest, signing-certificate-v2) and the chain; detached
 * unless `content` is given (a time-stamp token carries its TSTInfo).
 */
export const signedData = async (
  chain: Uint8Array[],
  key: CryptoKey,
  digest: Uint8Array,
  { contentType = OID.data, content }: { contentType?: string; content?: Uint8Array } = {},
): Promise<Uint8Array> => {
  const [own] = chain
  if (!own) throw new Error('a signer needs a certificate')
  const { issuer, serial } = issuerAndSerial(own)
  const attrs = derOrder([
    attribute(OID.contentType, oid(contentType)),
    attribute(OID.messageDigest, octetString(digest)),
    attribute(OID.signingCertificateV2, await signingCertificateV2(own)),
  ])
  // the signature is over the DER of the attributes as a SET; the SignerInfo carries them as [0] IMPLICIT
  const signature = new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, toArrayBuffer(set(...attrs))))
  const signerInfo = sequence(
    smallInteger(1),
    sequence(issuer, serial),
    SHA256,
    tlv(TAG.context(0), ...attrs),
    SHA256_WITH_RSA,
    octetString(signature),
  )
  const sd = sequence(
    smallInteger(contentType === OID.data ? 1 : 3), // RFC 5652: 3 when eContentType is other than id-data
    set(SHA256),
    sequence(oid(contentType), ...(content ? [tlv(TAG.context(0), octetString(content))] : [])),
    tlv(TAG.context(0), ...chain),
    set(signerInfo),
  )
  return sequence(oid(OID.signedData), tlv(TAG.context(0), sd))
}

/** The built-in signer: a credential issued by the organization's CA (or an uploaded PKCS#12). */
export const keySigner = async (credential: Credential, issuers: Uint8Array[]): Promise<Signer> => {
  const key = await importPrivateKey(credential.privateKey)
  const certificateChain = [credential.certificate, ...issuers]
  return {
    certificateChain,
    sign: (digest) => signedData(certificateChain, key, digest),
  }
}

/** The SignedData of a CMS and its (first) SignerInfo's parts, read in place. */
const signerOf = (cms: Uint8Array) => {
  const info = children(cms, readNode(cms, 0))
  const [type, explicit] = info
  if (!type || !explicit || !Buffer.from(bytesOf(cms, type)).equals(oid(OID.signedData)))
    throw new DerError('not a CMS SignedData')
  const sd = children(cms, explicit)[0]
  if (!sd) throw new DerError('a CMS without its SignedData')
  const sdParts = children(cms, sd)
  const signerInfos = sdParts.at(-1)
  const signer = signerInfos?.tag === TAG.set ? children(cms, signerInfos)[0] : undefined
  if (!signer) throw new DerError('a CMS without a signer')
  return { sdParts, signerParts: children(cms, signer) }
}

/** The signature value of the (single) signer: what a signature time stamp is computed over. */
export const signatureValue = (cms: Uint8Array) => {
  const value = signerOf(cms).signerParts.find((p) => p.tag === TAG.octetString)
  if (!value) throw new DerError('a signer without a signature value')
  return contentsOf(cms, value)
}

/** PAdES B-T: the time-stamp token over the signature value, as the unsigned attribute signatureTimeStampToken. */
export const addSignatureTimeStamp = async (cms: Uint8Array, tsa: TimeStamper): Promise<Uint8Array> => {
  const { sdParts, signerParts } = signerOf(cms)
  const token = await tsa.stamp(await sha256(signatureValue(cms)))
  let tokenNode: ReturnType<typeof readNode> | undefined
  try {
    tokenNode = readNode(token, 0)
  } catch {}
  if (tokenNode?.tag !== TAG.sequence || tokenNode.end !== token.length)
    throw new Error('the time-stamp authority answered with something unreadable')
  // unsigned attributes ([1] IMPLICIT) come last: the earlier ones kept, the token added after them
  const unsigned = signerParts.find((p) => p.tag === TAG.context(1))
  const kept = signerParts.filter((p) => p !== unsigned).map((p) => bytesOf(cms, p))
  const signer = sequence(
    ...kept,
    tlv(
      TAG.context(1),
      ...(unsigned ? [contentsOf(cms, unsigned)] : []),
      attribute(OID.signatureTimeStampToken, token),
    ),
  )
  const sd = sequence(...sdParts.slice(0, -1).map((p) => bytesOf(cms, p)), set(signer))
  return sequence(oid(OID.signedData), tlv(TAG.context(0), sd))
}
