import { createHash } from 'node:crypto'
import { crypto, OID, RSA, toArrayBuffer, x509 } from './crypto'

/** A certificate with its private key, both DER (the key as unencrypted PKCS#8: protect it before storing). */
export type Credential = { certificate: Uint8Array; privateKey: Uint8Array }

/** What a certificate names: CN = full name as written, O = organization, title = position. */
export type Subject = { commonName: string; organization: string; title?: string }

/** Whom a certificate is for: a person signing, the organization's registration seal, the time-stamp authority. */
export type CertificateKind = 'person' | 'seal' | 'tsa'

const YEAR_MS = 365 * 24 * 3600 * 1000

// every value as UTF8String, Cyrillic as written (PrintableString cannot carry it, and readers reject T61)
const name = (s: Subject) =>
  new x509.Name([
    { CN: [{ utf8String: s.commonName }] },
    ...(s.title ? [{ T: [{ utf8String: s.title }] }] : []),
    { O: [{ utf8String: s.organization }] },
  ])

const serialNumber = () => {
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[0] = (b[0]! & 0x7f) | 0x10 // positive, always 16 bytes
  return Buffer.from(b).toString('hex')
}

const generate = () => crypto.subtle.generateKey(RSA, true, ['sign', 'verify']) as Promise<CryptoKeyPair>

const exportCredential = async (cert: x509.X509Certificate, key: CryptoKey): Promise<Credential> => ({
  certificate: new Uint8Array(cert.rawData),
  privateKey: new Uint8Array(await crypto.subtle.exportKey('pkcs8', key)),
})

/**
 * Results kept by the SHA-256 of the bytes they come from: every signature, time stamp and CRL imports its key and
 * describes its certificate again (about a millisecond each). The map is emptied when it grows past its bound (a
 * process signs for a few hundred people at most), so an entry out of use does not outlive the next few hundred.
 */
const keptByHash = <T>(compute: (bytes: Uint8Array) => T, bound = 512) => {
  const kept = new Map<string, T>()
  return (bytes: Uint8Array): T => {
    const id = createHash('sha256').update(bytes).digest('base64')
    const known = kept.get(id)
    if (known !== undefined) return known
    if (kept.size >= bound) kept.clear()
    const made = compute(bytes)
    kept.set(id, made)
    if (made instanceof Promise) made.catch(() => kept.delete(id)) // what failed is tried afresh (and fails) next time
    return made
  }
}

/** The imported key cannot be exported: it signs only. */
export const importPrivateKey = keptByHash(
  (pkcs8): Promise<CryptoKey> => crypto.subtle.importKey('pkcs8', toArrayBuffer(pkcs8), RSA, false, ['sign']),
)

/** The organization's own root: signs the certificates of its people, its seal, its time stamps and its CRL. */
export const issueCa = async (organization: string, now: Date): Promise<Credential> => {
  const keys = await generate()
  const subject = name({ commonName: `Удостоверяющий центр: ${organization}`, organization })
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: subject,
    notBefore: now,
    notAfter: new Date(now.getTime() + 10 * YEAR_MS),
    keys,
    signingAlgorithm: RSA,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  })
  return exportCredential(cert, keys.privateKey)
}

/** A one-year certificate under the CA, with the key usage its kind needs. */
export const issueCertificate = async (
  ca: Credential,
  kind: CertificateKind,
  subject: Subject,
  now: Date,
): Promise<Credential> => {
  const keys = await generate()
  const caCert = new x509.X509Certificate(toArrayBuffer(ca.certificate))
  const usage =
    kind === 'tsa'
      ? [
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
          // RFC 3161 2.3: the one extended key usage, critical
          new x509.ExtendedKeyUsageExtension([OID.timeStamping], true),
        ]
      : [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true)]
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: name(subject),
    issuer: caCert.subjectName,
    notBefore: now,
    notAfter: new Date(now.getTime() + YEAR_MS),
    publicKey: keys.publicKey,
    signingKey: await importPrivateKey(ca.privateKey),
    signingAlgorithm: RSA,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      ...usage,
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  })
  return exportCredential(cert, keys.privateKey)
}

/** The CA's certificate revocation list as of now (nothing revoked yet): what B-LT puts in the DSS. */
export const issueCrl = async (ca: Credential, now: Date, revoked: string[] = []): Promise<Uint8Array> => {
  const caCert = new x509.X509Certificate(toArrayBuffer(ca.certificate))
  const crl = await x509.X509CrlGenerator.create({
    issuer: caCert.subjectName,
    thisUpdate: now,
    nextUpdate: new Date(now.getTime() + 30 * 24 * 3600 * 1000),
    entries: revoked.map((serialNumber) => ({ serialNumber, revocationDate: now })),
    signingKey: await importPrivateKey(ca.privateKey),
    signingAlgorithm: RSA,
    extensions: [await x509.AuthorityKeyIdentifierExtension.create(caCert)],
  })
  return new Uint8Array(crl.rawData)
}

export type CertificateDescription = ReturnType<typeof describe>

/** What a reader wants to know of a certificate, in the words of the ГОСТ Р 7.0.97 mark. */
const describedByHash = keptByHash((der) => describe(der))

/** A copy each time: a caller that changes its description does not change the next one's. */
export const describeCertificate = (der: Uint8Array): CertificateDescription => ({ ...describedByHash(der) })

const describe = (der: Uint8Array) => {
  const cert = new x509.X509Certificate(toArrayBuffer(der))
  const first = (type: string) => cert.subjectName.getField(type)[0] ?? ''
  return {
    serialNumber: cert.serialNumber.toUpperCase(),
    commonName: first('CN'),
    title: first('T') || undefined,
    organization: first('O'),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    issuer: cert.issuerName.getField('CN')[0] ?? cert.issuer,
  }
}
