import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Credential, issueCa, issueCertificate, issueCrl } from '../../../src/documents/signing/certificates'
import { addSignatureTimeStamp, keySigner, type Signer, type TimeStamper } from '../../../src/documents/signing/cms'
import { OID, sha256 } from '../../../src/documents/signing/crypto'
import { derOrder } from '../../../src/documents/signing/der'
import { timeStampAuthority } from '../../../src/documents/signing/tsa'

/**
 * Every structure the hand-written DER of `der.ts` builds (a detached CMS signature, a time-stamp token and
 * its TSTInfo, the signature with its time stamp added, a CRL), read back by pkijs/asn1js, an independent
 * parser: version numbers as RFC 5652, 3161 and 5280 set them, the signed attributes in DER's order, and
 * pkijs's own verification of what is signed.
 */
const ORG = 'МБОУ «Средняя школа № 5» г. Смоленска'
const ab = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer
const hex = (b: ArrayBuffer | Uint8Array) =>
  Buffer.from(b instanceof Uint8Array ? b : new Uint8Array(b)).toString('hex')

/** The whole of `der` read by asn1js: nothing left over, nothing missing. */
const asn1 = (der: Uint8Array) => {
  const read = asn1js.fromBER(ab(der))
  expect(read.offset, 'asn1js read it whole').toBe(der.length)
  return read.result
}

const signedDataOf = (der: Uint8Array) => {
  const info = new pkijs.ContentInfo({ schema: asn1(der) })
  expect(info.contentType).toBe(OID.signedData)
  return new pkijs.SignedData({ schema: info.content })
}

/** The DER of each element of a SET (or of an IMPLICIT [0] SET) as it stands in the bytes. */
const elementsOf = (set: asn1js.AsnType) =>
  (set as asn1js.Constructed).valueBlock.value.map((e) => new Uint8Array(e.toBER()))

/** Is `parts` in DER's order: ascending as octet strings (X.690 11.6)? */
const inDerOrder = (parts: Uint8Array[]) =>
  parts.every((p, i) => i === 0 || Buffer.compare(Buffer.from(parts[i - 1]!), Buffer.from(p)) <= 0)

/** An OID's contents (base 128, the first two arcs together) as dotted text, with arcs of any size. */
const dottedOf = (contents: Uint8Array) => {
  const arcs: bigint[] = []
  let v = 0n
  for (const byte of contents) {
    v = (v << 7n) | BigInt(byte & 0x7f)
    if (!(byte & 0x80)) {
      arcs.push(v)
      v = 0n
    }
  }
  const first = arcs.shift()!
  const top = first < 80n ? first / 40n : 2n
  return [top, first - top * 40n, ...arcs].join('.')
}

let ca: Credential
let signer: Signer
let tsa: TimeStamper
let tsaCredential: Credential
const data = new TextEncoder().encode('Приказ № 1-ОД от 10.03.2026: байты, которые подписаны')

beforeAll(async () => {
  const now = new Date('2026-03-10T09:00:00Z')
  ca = await issueCa(ORG, now)
  const person = await issueCertificate(
    ca,
    'person',
    { commonName: 'Смирнова Елена Викторовна', organization: ORG },
    now,
  )
  tsaCredential = await issueCertificate(ca, 'tsa', { commonName: 'Служба штампов времени', organization: ORG }, now)
  signer = await keySigner(person, [ca.certificate])
  tsa = await timeStampAuthority(tsaCredential, [ca.certificate], () => new Date('2026-03-10T09:00:05Z'))
})

describe('DER order of a SET OF', () => {
  it('sorts by the encodings as octet strings, a shorter one as if padded with zeros', () => {
    const a = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05])
    const b = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x07])
    const c = new Uint8Array([0x30, 0x81, 0x80])
    const short = new Uint8Array([0x30, 0x03])
    expect(derOrder([c, b, a]).map(hex)).toEqual([a, b, c].map(hex))
    expect(derOrder([a, short]).map(hex)).toEqual([short, a].map(hex))
    const input = [b, a]
    derOrder(input)
    expect(input).toEqual([b, a]) // the caller's array is left as it was
  })
})

describe('a detached CMS signature (SignedData over a digest)', () => {
  it('is SignedData version 1 over id-data, a SignerInfo version 1, and pkijs verifies it over the data', async () => {
    const der = await signer.sign(await sha256(data))
    const sd = signedDataOf(der)
    expect(sd.version).toBe(1) // RFC 5652 5.1: id-data, issuerAndSerialNumber, no attribute certificates
    expect(sd.encapContentInfo.eContentType).toBe(OID.data)
    expect(sd.encapContentInfo.eContent).toBeUndefined() // detached
    expect(sd.digestAlgorithms.map((a) => a.algorithmId)).toEqual([OID.sha256])
    expect(sd.certificates).toHaveLength(2)
    expect(sd.signerInfos).toHaveLength(1)
    expect(sd.signerInfos[0]!.version).toBe(1) // issuerAndSerialNumber
    expect(await sd.verify({ signer: 0, data: ab(data), checkChain: false })).toBe(true)
    // and it is DER: pkijs writes back exactly the bytes it read
    expect(
      hex(new pkijs.ContentInfo({ contentType: OID.signedData, content: sd.toSchema(true) }).toSchema().toBER()),
    ).toBe(hex(der))
  })

  it('carries content-type, message-digest and signing-certificate-v2 as signed attributes, in DER order', async () => {
    const digest = await sha256(data)
    const sd = signedDataOf(await signer.sign(digest))
    const attrs = sd.signerInfos[0]!.signedAttrs!
    const byType = new Map(attrs.attributes.map((a) => [a.type, a.values]))
    expect([...byType.keys()].sort()).toEqual([OID.contentType, OID.messageDigest, OID.signingCertificateV2].sort())
    expect((byType.get(OID.contentType)![0] as asn1js.ObjectIdentifier).valueBlock.toString()).toBe(OID.data)
    expect(hex((byType.get(OID.messageDigest)![0] as asn1js.OctetString).valueBlock.valueHexView)).toBe(hex(digest))
    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 ::= { certHash, issuerSerial }
    const essCertId = (byType.get(OID.signingCertificateV2)![0] as asn1js.Sequence).valueBlock
      .value[0] as asn1js.Sequence
    const certId = essCertId.valueBlock.value[0] as asn1js.Sequence
    const [certHash, issuerSerial] = certId.valueBlock.value as [asn1js.OctetString, asn1js.Sequence]
    expect(hex(certHash.valueBlock.valueHexView)).toBe(hex(await sha256(signer.certificateChain[0]!)))
    const serial = issuerSerial.valueBlock.value[1] as asn1js.Integer
    const own = sd.certificates![0] as pkijs.Certificate
    expect(hex(serial.valueBlock.valueHexView)).toBe(hex(own.serialNumber.valueBlock.valueHexView))
    // the attributes as they stand in the SignerInfo ([0] IMPLICIT SET OF Attribute): DER order
    const elements = elementsOf(attrs.toSchema())
    expect(elements).toHaveLength(3)
    expect(inDerOrder(elements)).toBe(true)
  })
})

describe('a time-stamp token (RFC 3161)', () => {
  it('is SignedData version 3 over id-ct-TSTInfo, whose TSTInfo is version 1 over the digest, and pkijs verifies it', async () => {
    const digest = await sha256(data)
    const token = await tsa.stamp(digest)
    const sd = signedDataOf(token)
    // RFC 5652 5.1: version 3 whenever eContentType is other than id-data (RFC 3161 2.4.2 names version 3)
    expect(sd.version).toBe(3)
    expect(sd.encapContentInfo.eContentType).toBe(OID.tstInfo)
    expect(sd.signerInfos[0]!.version).toBe(1)
    const tstDer = new Uint8Array(sd.encapContentInfo.eContent!.valueBlock.valueHexView)
    const tst = new pkijs.TSTInfo({ schema: asn1(tstDer) })
    expect(tst.version).toBe(1)
    // asn1js reads an arc past 2^53 wrongly (the policy is under the UUID arc 2.25): its bytes, decoded here
    const policy = (asn1(tstDer) as asn1js.Sequence).valueBlock.value[1] as asn1js.ObjectIdentifier
    const policyDer = new Uint8Array(policy.valueBeforeDecodeView)
    expect([policyDer[0], policyDer[1]]).toEqual([0x06, policyDer.length - 2]) // an OID, its length in one byte
    expect(dottedOf(policyDer.subarray(2))).toBe(OID.tsaPolicy)
    expect(tst.messageImprint.hashAlgorithm.algorithmId).toBe(OID.sha256)
    expect(hex(tst.messageImprint.hashedMessage.valueBlock.valueHexView)).toBe(hex(digest))
    expect(tst.genTime.toISOString()).toBe('2026-03-10T09:00:05.000Z')
    expect(tst.accuracy?.seconds).toBe(1)
    // the signed content-type attribute names the TSTInfo too (RFC 5652 11.1), and the digest is the TSTInfo's
    const attrs = sd.signerInfos[0]!.signedAttrs!
    const value = (type: string) => attrs.attributes.find((a) => a.type === type)!.values[0]!
    expect((value(OID.contentType) as asn1js.ObjectIdentifier).valueBlock.toString()).toBe(OID.tstInfo)
    expect(hex((value(OID.messageDigest) as asn1js.OctetString).valueBlock.valueHexView)).toBe(
      hex(await sha256(tstDer)),
    )
    expect(inDerOrder(elementsOf(attrs.toSchema()))).toBe(true)
    // pkijs checks the imprint against the data stamped, the message digest over the eContent, the signature
    expect(await sd.verify({ signer: 0, data: ab(data), checkChain: false })).toBe(true)
    expect((sd.certificates![0] as pkijs.Certificate).serialNumber.valueBlock.toString()).toBe(
      new pkijs.Certificate({ schema: asn1(tsaCredential.certificate) }).serialNumber.valueBlock.toString(),
    )
  })

  it('added to a signature as its unsigned signatureTimeStampToken leaves the signed part as it was', async () => {
    const signature = await signer.sign(await sha256(data))
    const stamped = await addSignatureTimeStamp(signature, tsa)
    const before = signedDataOf(signature)
    const sd = signedDataOf(stamped)
    expect(sd.version).toBe(1)
    const info = sd.signerInfos[0]!
    expect(hex(info.signature.valueBlock.valueHexView)).toBe(
      hex(before.signerInfos[0]!.signature.valueBlock.valueHexView),
    )
    expect(hex(info.signedAttrs!.toSchema().toBER())).toBe(hex(before.signerInfos[0]!.signedAttrs!.toSchema().toBER()))
    expect(await sd.verify({ signer: 0, data: ab(data), checkChain: false })).toBe(true)
    const unsigned = info.unsignedAttrs!.attributes
    expect(unsigned.map((a) => a.type)).toEqual([OID.signatureTimeStampToken])
    const token = new Uint8Array((unsigned[0]!.values[0] as asn1js.Sequence).toBER())
    const tokenSd = signedDataOf(token)
    expect(tokenSd.version).toBe(3)
    const tst = new pkijs.TSTInfo({
      schema: asn1(new Uint8Array(tokenSd.encapContentInfo.eContent!.valueBlock.valueHexView)),
    })
    // the token stamps the signature value (PAdES B-T / CAdES-T)
    expect(hex(tst.messageImprint.hashedMessage.valueBlock.valueHexView)).toBe(
      hex(await sha256(new Uint8Array(info.signature.valueBlock.valueHexView))),
    )
  })
})

describe('a certificate revocation list', () => {
  it('is a v2 CRL (version 1) with the revoked serials, signed by the CA', async () => {
    const person = await issueCertificate(ca, 'person', { commonName: 'Отозванный', organization: ORG }, new Date())
    const serial = new pkijs.Certificate({ schema: asn1(person.certificate) }).serialNumber
    const crlDer = await issueCrl(ca, new Date('2026-03-11T00:00:00Z'), [
      { serial: hex(serial.valueBlock.valueHexView), revokedAt: new Date('2026-03-11T00:00:00Z') },
    ])
    const crl = new pkijs.CertificateRevocationList({ schema: asn1(crlDer) })
    expect(crl.version).toBe(1) // v2 (RFC 5280 5.1.2.1): it carries extensions
    expect(crl.revokedCertificates?.map((r) => hex(r.userCertificate.valueBlock.valueHexView))).toEqual([
      hex(serial.valueBlock.valueHexView),
    ])
    expect(crl.thisUpdate.value.toISOString()).toBe('2026-03-11T00:00:00.000Z')
    const issuer = new pkijs.Certificate({ schema: asn1(ca.certificate) })
    expect(await crl.verify({ issuerCertificate: issuer })).toBe(true)
  })
})
