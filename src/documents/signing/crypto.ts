import 'reflect-metadata'
import { createHash, webcrypto } from 'node:crypto'
import * as x509 from '@peculiar/x509'
export { x509 }
import * as pkijs from 'pkijs'

/** Node's WebCrypto serves both libraries: @peculiar/x509 for certificates, pkijs for CMS. */
export const crypto = webcrypto as unknown as Crypto
x509.cryptoProvider.set(crypto)
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto }))

export const RSA: RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
}

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  // an OID of our own (UUID arc 2.25) naming the time-stamp policy of the built-in authority
  tsaPolicy: '2.25.219885392748105683209470351128843615517',
} as const

export const sha256 = async (data: Uint8Array): Promise<Uint8Array> =>
  new Uint8Array(createHash('sha256').update(data).digest())

export const toArrayBuffer = (b: Uint8Array): ArrayBuffer =>
  b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer
