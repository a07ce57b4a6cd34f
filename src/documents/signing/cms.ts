import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { type Credential, importPrivateKey } from './certificates'
import { OID, sha256, toArrayBuffer } from './crypto'

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

const attribute = (type: string, value: asn1js.AsnType) => new pkijs.Attribute({ type, values: [value] })

/** ESS signing-certificate-v2 (RFC 5035): binds the signature to the signer's certificate, not just its key. */
const signingCertificateV2 = async (certDer: Uint8Array) => {
  const cert = pkijs.Certificate.fromBER(toArrayBuffer(certDer))
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [cert.issuer.toSchema()] })],
      }),
      new asn1js.Integer({ valueHex: cert.serialNumber.valueBlock.valueHexView.slice().buffer }),
    ],
  })
  // hashAlgorithm is left out: SHA-256 is its DEFAULT, and DER omits a default
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: toArrayBuffer(await sha256(certDer)) }), issuerSerial],
  })
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] })
}

/** SignedData over `digest` with the signed attributes CAdES needs, signed by `key`. */
export const signedData = async (
  chain: Uint8Array[],
  key: CryptoKey,
  digest: Uint8Array,
  { contentType = OID.data, content }: { contentType?: string; content?: Uint8Array } = {},
) => {
  const [own] = chain
  if (!own) throw new Error('a signer needs a certificate')
  const cert = pkijs.Certificate.fromBER(toArrayBuffer(own))
  const sd = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: contentType,
      ...(content ? { eContent: new asn1js.OctetString({ valueHex: toArrayBuffer(content) }) } : {}),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: contentType })),
            attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: toArrayBuffer(digest) })),
            attribute(OID.signingCertificateV2, await signingCertificateV2(own)),
          ],
        }),
      }),
    ],
    certificates: chain.map((c) => pkijs.Certificate.fromBER(toArrayBuffer(c))),
  })
  // pkijs signs the DER of the signed attributes; the content itself is never needed (detached)
  await sd.sign(key, 0, 'SHA-256')
  return sd
}

export const contentInfo = (sd: pkijs.SignedData) =>
  new Uint8Array(new pkijs.ContentInfo({ contentType: OID.signedData, content: sd.toSchema(true) }).toSchema().toBER())

/** The built-in signer: a credential issued by the organization's CA (or an uploaded PKCS#12). */
export const keySigner = async (credential: Credential, issuers: Uint8Array[]): Promise<Signer> => {
  const key = await importPrivateKey(credential.privateKey)
  const certificateChain = [credential.certificate, ...issuers]
  return {
    certificateChain,
    sign: async (digest) => contentInfo(await signedData(certificateChain, key, digest)),
  }
}

const parseSignedData = (cms: Uint8Array) => {
  const info = pkijs.ContentInfo.fromBER(toArrayBuffer(cms))
  if (info.contentType !== OID.signedData) throw new Error('not a CMS SignedData')
  return new pkijs.SignedData({ schema: info.content })
}

/** The signature value of the (single) signer: what a signature time stamp is computed over. */
export const signatureValue = (cms: Uint8Array) => {
  const [signer] = parseSignedData(cms).signerInfos
  if (!signer) throw new Error('a CMS without a signer')
  return new Uint8Array(signer.signature.valueBlock.valueHexView)
}

/** PAdES B-T: the time-stamp token over the signature value, as the unsigned attribute signatureTimeStampToken. */
export const addSignatureTimeStamp = async (cms: Uint8Array, tsa: TimeStamper): Promise<Uint8Array> => {
  const sd = parseSignedData(cms)
  const signer = sd.signerInfos[0]!
  const token = await tsa.stamp(await sha256(new Uint8Array(signer.signature.valueBlock.valueHexView)))
  const tokenAsn = asn1js.fromBER(toArrayBuffer(token))
  if (tokenAsn.offset === -1) throw new Error('the time-stamp authority answered with something unreadable')
  const attrs = signer.unsignedAttrs?.attributes ?? []
  signer.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 1,
    attributes: [...attrs, attribute(OID.signatureTimeStampToken, tokenAsn.result)],
  })
  return contentInfo(sd)
}
