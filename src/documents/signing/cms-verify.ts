import { createHash, createPublicKey, verify } from 'node:crypto'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { OID, toArrayBuffer } from './crypto'

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

export const der = (o: { toSchema: () => { toBER: () => ArrayBuffer } }) => new Uint8Array(o.toSchema().toBER())

/** The DER inside /Contents: hex padded with zeros after the end of the ASN.1. */
export const contentsDer = (hex: string) => {
  const bytes = new Uint8Array(Buffer.from(hex, 'hex'))
  const parsed = asn1js.fromBER(toArrayBuffer(bytes))
  if (parsed.offset === -1) throw new CmsRefused('в /Contents нет данных ASN.1')
  return bytes.subarray(0, parsed.offset)
}

export const parseSignedData = (bytes: Uint8Array) => {
  const info = pkijs.ContentInfo.fromBER(toArrayBuffer(bytes))
  if (info.contentType !== OID.signedData) throw new CmsRefused('значение подписи не CMS SignedData')
  return new pkijs.SignedData({ schema: info.content })
}

/** The one signer of a SignedData and its certificate, found by the signer's identifier. */
export const signerOf = (sd: pkijs.SignedData) => {
  if (sd.signerInfos.length !== 1) throw new CmsRefused(`в подписи ${sd.signerInfos.length} подписантов вместо одного`)
  const signer = sd.signerInfos[0]!
  const sid = signer.sid
  const certificate = (sd.certificates ?? []).find((c): c is pkijs.Certificate => {
    if (!(c instanceof pkijs.Certificate)) return false
    if (sid instanceof pkijs.IssuerAndSerialNumber)
      return c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber)
    const ski = c.extensions?.find((e) => e.extnID === '2.5.29.14')?.parsedValue as asn1js.OctetString | undefined
    return (
      !!ski &&
      Buffer.from(ski.valueBlock.valueHexView).equals(Buffer.from((sid as asn1js.OctetString).valueBlock.valueHexView))
    )
  })
  if (!certificate) throw new CmsRefused('в подписи нет сертификата подписанта')
  return { signer, certificate }
}

const attribute = (signer: pkijs.SignerInfo, type: string) =>
  signer.signedAttrs?.attributes.find((a) => a.type === type)?.values[0]

export type CheckedSigner = {
  signer: pkijs.SignerInfo
  certificate: pkijs.Certificate
  /** Node's name of the signer's digest algorithm (sha256, …). */
  hash: string
  /** The signature over the signed attributes holds under the certificate's key. */
  verified: boolean
}

/**
 * The signer of a SignedData checked by hand, as RFC 5652 5.4 and 5.6 say, not by pkijs's `verify`, which
 * takes an encapsulated eContent for what was signed when there is one (a CMS given eContent holding the bytes it
 * once covered verified over any PDF): signed attributes required, their content type that of the
 * SignedData, their message digest the one `digestOf` computes of what must have been signed, and the
 * signature over them valid under the certificate's key, with an algorithm of the list above.
 */
export const checkSigner = (
  sd: pkijs.SignedData,
  digestOf: (hash: string) => Uint8Array,
  problems: string[],
): CheckedSigner => {
  const { signer, certificate } = signerOf(sd)
  const hash = DIGESTS[signer.digestAlgorithm.algorithmId]
  if (!hash) throw new CmsRefused(`алгоритм хэширования ${signer.digestAlgorithm.algorithmId} не допускается`)
  const algorithm = SIGNATURES[signer.signatureAlgorithm.algorithmId]
  if (!algorithm) throw new CmsRefused(`алгоритм подписи ${signer.signatureAlgorithm.algorithmId} не допускается`)
  if (algorithm.hash && algorithm.hash !== hash)
    throw new CmsRefused('алгоритм подписи не соответствует алгоритму хэширования')
  if (!signer.signedAttrs) throw new CmsRefused('в подписи нет подписанных атрибутов')
  const contentType = attribute(signer, OID.contentType) as asn1js.ObjectIdentifier | undefined
  if (contentType?.valueBlock.toString() !== sd.encapContentInfo.eContentType)
    throw new CmsRefused('тип содержимого в подписанных атрибутах не совпадает с подписанным')
  const digest = attribute(signer, OID.messageDigest) as asn1js.OctetString | undefined
  if (!digest) throw new CmsRefused('в подписи нет хэша подписанных данных (messageDigest)')
  const signedDigest = Buffer.from(digest.valueBlock.valueHexView)
  if (!signedDigest.equals(Buffer.from(digestOf(hash)))) problems.push('документ изменён после подписания')
  // the signature is over the attributes' DER with the SET tag, not the [0] they are written with (5.4)
  const attrs = new Uint8Array(signer.signedAttrs.encodedValue.slice(0))
  attrs[0] = 0x31
  let verified = false
  try {
    const key = createPublicKey({
      key: Buffer.from(der(certificate.subjectPublicKeyInfo)),
      format: 'der',
      type: 'spki',
    })
    verified = verify(
      algorithm.hash ?? hash,
      attrs,
      algorithm.ecdsa ? { key, dsaEncoding: 'der' } : key,
      signer.signature.valueBlock.valueHexView,
    )
  } catch {
    verified = false
  }
  if (!verified) problems.push('значение подписи не сходится с ключом сертификата')
  return { signer, certificate, hash, verified: verified && signedDigest.equals(Buffer.from(digestOf(hash))) }
}

export const digest = (hash: string, ...parts: Uint8Array[]) => {
  const h = createHash(hash)
  for (const p of parts) h.update(p)
  return new Uint8Array(h.digest())
}

/** The TSTInfo of a time-stamp token (RFC 3161), checked as a SignedData of content type id-ct-TSTInfo. */
export const checkTimeStampToken = (
  sd: pkijs.SignedData,
  stamped: (hash: string) => Uint8Array,
  problems: string[],
) => {
  if (sd.encapContentInfo.eContentType !== OID.tstInfo)
    throw new CmsRefused('метка времени без сведений о времени (TSTInfo)')
  const eContent = sd.encapContentInfo.eContent
  if (!eContent) throw new CmsRefused('в метке времени нет сведений о времени (TSTInfo)')
  const content = new Uint8Array(eContent.getValue())
  const tst = pkijs.TSTInfo.fromBER(toArrayBuffer(content))
  const hash = DIGESTS[tst.messageImprint.hashAlgorithm.algorithmId]
  if (!hash) throw new CmsRefused('алгоритм хэширования метки времени не допускается')
  const imprint = Buffer.from(tst.messageImprint.hashedMessage.valueBlock.valueHexView)
  const imprintProblems: string[] = []
  if (!imprint.equals(Buffer.from(stamped(hash)))) imprintProblems.push('метка времени поставлена на другие данные')
  const checked = checkSigner(sd, (h) => digest(h, content), problems)
  problems.push(...imprintProblems)
  return { ...checked, tst, verified: checked.verified && imprintProblems.length === 0 }
}

/** The certificates and CRLs a SignedData carries, as DER. */
export const carried = (sd: pkijs.SignedData) => ({
  certificates: (sd.certificates ?? []).filter((c) => c instanceof pkijs.Certificate).map((c) => der(c)),
  crls: (sd.crls ?? []).filter((c) => c instanceof pkijs.CertificateRevocationList).map((c) => der(c)),
})
