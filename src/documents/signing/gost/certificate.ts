import { toArrayBuffer, x509 } from '../crypto'

/** GOST R 34.10-2012 keys and signatures, GOST R 34.11-2012 digests (TC 26 OIDs, R 1323565.1.024). */
export const GOST_OID = {
  digest256: '1.2.643.7.1.1.2.2',
  digest512: '1.2.643.7.1.1.2.3',
  key256: '1.2.643.7.1.1.1.1',
  key512: '1.2.643.7.1.1.1.2',
  signature256: '1.2.643.7.1.1.3.2',
  signature512: '1.2.643.7.1.1.3.3',
  /** СНИЛС of the owner in a qualified certificate's subject (Приказ ФСБ № 795) */
  snils: '1.2.643.100.3',
  /** ИНН of the owner (a natural person) */
  inn: '1.2.643.3.131.1.1',
} as const

/** What the ГОСТ Р 7.0.97 mark and a verification report say of a qualified certificate. */
export type QualifiedCertificate = {
  serialNumber: string
  owner: string
  issuer: string
  notBefore: Date
  notAfter: Date
  snils?: string
  inn?: string
  /** the issuer's name as @peculiar/x509 writes it: what a loaded CRL's issuer is matched with */
  issuerName: string
  keyAlgorithm: string
  /** digitalSignature or nonRepudiation is set */
  signs: boolean
}

/** A NumericString or PrintableString value as @peculiar/x509 hands an unknown attribute: hex DER. */
const attributeText = (hex: string | undefined) => {
  if (!hex) return undefined
  const b = Buffer.from(hex, 'hex')
  if (b.length < 2 || b[1]! >= 0x80 || b[1] !== b.length - 2) return hex
  return b.subarray(2).toString('utf8')
}

export const describeQualified = (der: Uint8Array): QualifiedCertificate => {
  const cert = new x509.X509Certificate(toArrayBuffer(der))
  const field = (type: string) => cert.subjectName.getField(type)[0]
  const usage = cert.getExtension(x509.KeyUsagesExtension)?.usages ?? 0
  const owner = [field('SN'), field('G')].filter(Boolean).join(' ') || field('CN') || cert.subject
  return {
    serialNumber: cert.serialNumber.toUpperCase(),
    owner: field('CN') ?? owner,
    issuer: cert.issuerName.getField('CN')[0] ?? cert.issuer,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    snils: attributeText(field(GOST_OID.snils)),
    inn: attributeText(field(GOST_OID.inn)),
    issuerName: cert.issuer,
    keyAlgorithm: cert.publicKey.algorithm.name,
    signs: (usage & (x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation)) !== 0,
  }
}
