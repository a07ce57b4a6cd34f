import { createHash } from 'node:crypto'
import { crypto, OID, RSA, toArrayBuffer, x509 } from './crypto'
import { REVOCATION_REASONS, type RevocationReason } from './revocation-reasons'
import {
  bytesOf,
  children,
  contentsOf,
  nullValue,
  octetString,
  oid,
  readNode,
  sequence,
  smallInteger,
  TAG,
  tlv,
  unsignedInteger,
  x509Time,
} from './der'

/** A certificate with its private key, both DER (the key as unencrypted PKCS#8: protect it before storing). */
export type Credential = { certificate: Uint8Array; privateKey: Uint8Array }

/**
 * What a certificate names: CN = full name as written, O = organization, title = position; a person's
 * certificate also carries their account's e-mail (subjectAltName rfc822Name, RFC 5280 4.2.1.6).
 */
export type Subject = { commonName: string; organization: string; title?: string; email?: string }

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

/** Where the CA publishes its revocation list (`PUBLIC_URL/ca/<organization id>.crl`): named in each certificate. */
export type IssueOptions = { crlUrl?: string }

/**
 * A certificate under the CA, with the key usage its kind needs: a person's and the seal's for one year; the
 * time-stamping unit's for as long as the CA lives, since the last document time-stamp of a file must be
 * verifiable (its certificate valid) for as long as the file is to be kept verifiable (B-LTA).
 */
export const issueCertificate = async (
  ca: Credential,
  kind: CertificateKind,
  subject: Subject,
  now: Date,
  options: IssueOptions = {},
): Promise<Credential> => {
  const keys = await generate()
  const caCert = new x509.X509Certificate(toArrayBuffer(ca.certificate))
  const notAfter = kind === 'tsa' ? caCert.notAfter : new Date(now.getTime() + YEAR_MS)
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
    notAfter,
    publicKey: keys.publicKey,
    signingKey: await importPrivateKey(ca.privateKey),
    signingAlgorithm: RSA,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      ...usage,
      ...(subject.email ? [new x509.SubjectAlternativeNameExtension([{ type: 'email', value: subject.email }])] : []),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
      // RFC 5280 4.2.1.13: where a relying party finds whether the certificate was revoked
      ...(options.crlUrl ? [new x509.CRLDistributionPointsExtension([options.crlUrl])] : []),
    ],
  })
  return exportCredential(cert, keys.privateKey)
}

/** What a CRL needs of its CA's certificate: its subject as encoded there, and its subject key identifier. */
const caFacts = keptByHash((der) => {
  const tbs = children(der, readNode(der, 0))[0]!
  const fields = children(der, tbs)
  const at = fields[0]!.tag === TAG.context(0) ? 1 : 0 // the version is optional
  const subject = bytesOf(der, fields[at + 4]!)
  const extensions = fields.find((f) => f.tag === TAG.context(3))
  let keyIdentifier: Uint8Array | undefined
  for (const ext of extensions ? children(der, children(der, extensions)[0]!) : []) {
    const [id, ...rest] = children(der, ext)
    if (Buffer.from(bytesOf(der, id!)).equals(Buffer.from(SUBJECT_KEY_IDENTIFIER))) {
      const value = rest.at(-1)! // OCTET STRING holding the identifier's OCTET STRING
      keyIdentifier = contentsOf(der, readNode(der, value.contentStart))
    }
  }
  if (!keyIdentifier) throw new Error('the CA certificate has no subject key identifier')
  return { subject, keyIdentifier }
})
const SUBJECT_KEY_IDENTIFIER = oid('2.5.29.14')

/** RFC 5280 5.3.1 CRLReason: the names a revocation record may give, with their codes. */
export { REVOCATION_REASONS, type RevocationReason } from './revocation-reasons'

/** A revoked certificate: its serial as hex (as certificates are described), since when, and why. */
export type Revoked = { serial: string; revokedAt: Date; reason?: RevocationReason | null }

/**
 * A CRL of narrower scope: only for the certificates naming `distributionPoint` as theirs (its issuing
 * distribution point), with its own next update.
 */
export type CrlScope = { distributionPoint?: string; nextUpdate?: Date }

/**
 * A CRL is good for a day (its nextUpdate): a relying party that caches it until then learns of a revocation
 * within a day. The service issues a new one at least every hour (src/services/revocation.ts).
 */
export const CRL_VALIDITY_MS = 24 * 3600 * 1000

/**
 * The CA's certificate revocation list as of now (RFC 5280 v2: the CA's key identifier, a CRL number that
 * grows with time, a day to the next): what B-LT puts in the DSS and `/ca/<organization>.crl` serves.
 * Written as DER directly, like the CMS: @peculiar/x509's generator re-parsed the CA certificate and built an
 * object tree, 6 ms of every seal. A CRL issued before the signatures it is to cover would not be fresh for
 * them, so each seal issues its own.
 */
export const issueCrl = async (
  ca: Credential,
  now: Date,
  revoked: Revoked[] = [],
  scope: CrlScope = {},
): Promise<Uint8Array> => {
  const { subject, keyIdentifier } = caFacts(ca.certificate)
  const algorithm = sequence(oid(OID.sha256WithRsa), nullValue())
  const entries = revoked.map(({ serial, revokedAt, reason }) =>
    // an odd number of hex digits is read with a leading zero
    sequence(
      unsignedInteger(new Uint8Array(Buffer.from(serial.length % 2 ? `0${serial}` : serial, 'hex'))),
      x509Time(revokedAt),
      ...(reason
        ? // crlEntryExtensions { reasonCode: ENUMERATED }
          [sequence(sequence(oid('2.5.29.21'), octetString(tlv(0x0a, new Uint8Array([REVOCATION_REASONS[reason]])))))]
        : []),
    ),
  )
  const tbs = sequence(
    smallInteger(1), // v2
    algorithm,
    subject,
    x509Time(now),
    x509Time(scope.nextUpdate ?? new Date(now.getTime() + CRL_VALIDITY_MS)),
    ...(entries.length ? [sequence(...entries)] : []),
    tlv(
      TAG.context(0),
      sequence(
        // authorityKeyIdentifier { keyIdentifier [0] IMPLICIT }
        sequence(oid('2.5.29.35'), octetString(sequence(tlv(0x80, keyIdentifier)))),
        // cRLNumber: the seconds of thisUpdate, so a later CRL of the CA has a greater number
        sequence(oid('2.5.29.20'), octetString(smallInteger(Math.floor(now.getTime() / 1000)))),
        // issuingDistributionPoint, critical: { distributionPoint [0] { fullName [0] { URI [6] } } }
        ...(scope.distributionPoint
          ? [
              sequence(
                oid('2.5.29.28'),
                tlv(TAG.boolean, new Uint8Array([0xff])),
                octetString(
                  sequence(
                    tlv(0xa0, tlv(0xa0, tlv(0x86, new Uint8Array(Buffer.from(scope.distributionPoint, 'ascii'))))),
                  ),
                ),
              ),
            ]
          : []),
      ),
    ),
  )
  const key = await importPrivateKey(ca.privateKey)
  const signature = new Uint8Array(await crypto.subtle.sign(RSA, key, toArrayBuffer(tbs)))
  return sequence(tbs, algorithm, tlv(TAG.bitString, new Uint8Array([0]), signature))
}

export type CertificateDescription = ReturnType<typeof describe>

/** What a reader wants to know of a certificate, in the words of the ГОСТ Р 7.0.97 mark. */
const describedByHash = keptByHash((der) => describe(der))

/** A copy each time: a caller that changes its description does not change the next one's. */
export const describeCertificate = (der: Uint8Array): CertificateDescription => ({ ...describedByHash(der) })

const describe = (der: Uint8Array) => {
  const cert = new x509.X509Certificate(toArrayBuffer(der))
  const first = (type: string) => cert.subjectName.getField(type)[0] ?? ''
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension)
  return {
    email: san?.names.items.find((n) => n.type === 'email')?.value,
    serialNumber: cert.serialNumber.toUpperCase(),
    commonName: first('CN'),
    title: first('T') || undefined,
    organization: first('O'),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    issuer: cert.issuerName.getField('CN')[0] ?? cert.issuer,
  }
}
