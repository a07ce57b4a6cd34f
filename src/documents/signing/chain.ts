import { createHash } from 'node:crypto'
import * as pkijs from 'pkijs'
import { OID, toArrayBuffer } from './crypto'

/** What a certificate is checked for: signing a document, or stamping the time (RFC 3161). */
export type Purpose = 'signature' | 'timestamp'

export type ChainCheck = {
  /** The certificate chains to a trust anchor, was valid, not revoked and fit for the purpose at `at`. */
  trusted: boolean
  /** Why not, in Russian, when not trusted. */
  problems: string[]
}

export type ChainInput = {
  certificate: Uint8Array
  /** Certificates the file carries (the CMS's, the DSS's): candidates for the path, never anchors. */
  pool: Uint8Array[]
  /** The organizations' CA certificates from our database: the only roots trusted. */
  anchors: Uint8Array[]
  /** Revocation lists: those the file carries and the organizations' own. Unverifiable ones are ignored. */
  crls: Uint8Array[]
  /** The time the certificates must have been valid at. */
  at: Date
  /** The time revocation is judged at: a revocation dated later does not count against the signature. */
  revocationAt: Date
  purpose: Purpose
}

const KEY_USAGE = '2.5.29.15'
const EXTENDED_KEY_USAGE = '2.5.29.37'
// KeyUsage BIT STRING, first byte: bit 0 (0x80) digitalSignature, bit 1 (0x40) nonRepudiation
const DIGITAL_SIGNATURE = 0x80
const NON_REPUDIATION = 0x40

/**
 * The engine checks each certificate's signature against each candidate issuer (a key import and an RSA
 * verification) on every chain it builds; with certificates kept, the answer for a pair is kept with them.
 */
const memoizeVerify = (cert: pkijs.Certificate) => {
  const verify = cert.verify.bind(cert)
  const answers = new WeakMap<pkijs.Certificate, Promise<boolean>>()
  cert.verify = (issuer, crypto) => {
    if (!issuer) return verify(issuer, crypto)
    let answer = answers.get(issuer)
    if (!answer) answers.set(issuer, (answer = verify(issuer, crypto)))
    return answer
  }
}

// pkijs's parse of a certificate costs a few milliseconds and the same few (the CA's, the TSA's, each person's)
// recur in every signature of a file and in every file: kept by their hash, bounded, emptied when full
const parsed = new Map<string, pkijs.Certificate>()
const parse = (der: Uint8Array) => {
  const id = createHash('sha256').update(der).digest('base64')
  let cert = parsed.get(id)
  if (!cert) {
    if (parsed.size >= 512) parsed.clear()
    cert = pkijs.Certificate.fromBER(toArrayBuffer(der))
    memoizeVerify(cert)
    parsed.set(id, cert)
  }
  return cert
}

const extension = (cert: pkijs.Certificate, id: string) => cert.extensions?.find((e) => e.extnID === id)

/** Whether the certificate may be used for what it was used for (key usage, extended key usage). */
const usageProblems = (cert: pkijs.Certificate, purpose: Purpose): string[] => {
  const problems: string[] = []
  const usage = extension(cert, KEY_USAGE)?.parsedValue as { valueBlock?: { valueHexView: Uint8Array } } | undefined
  const bits = usage?.valueBlock?.valueHexView[0] ?? 0
  const eku = extension(cert, EXTENDED_KEY_USAGE)?.parsedValue as pkijs.ExtKeyUsage | undefined
  if (purpose === 'signature' && !(bits & (DIGITAL_SIGNATURE | NON_REPUDIATION)))
    problems.push('сертификат не предназначен для электронной подписи (нет digitalSignature/nonRepudiation)')
  // RFC 3161 2.3: a time-stamping unit's certificate is for time stamps only
  if (purpose === 'signature' && eku?.keyPurposes.includes(OID.timeStamping))
    problems.push('сертификат службы меток времени не предназначен для подписи документов')
  if (purpose === 'timestamp') {
    if (!eku?.keyPurposes.includes(OID.timeStamping))
      problems.push('сертификат службы меток времени не предназначен для меток времени (нет id-kp-timeStamping)')
    if (!(bits & DIGITAL_SIGNATURE)) problems.push('сертификат службы меток времени без digitalSignature')
  }
  return problems
}

/**
 * A CRL as of `at`: verified against its issuer by the engine (its signature covers the bytes as they came,
 * kept by pkijs apart from the parsed entries), with the entries revoked after `at` left out, so a
 * certificate revoked later does not undo a signature made before.
 */
const crlAsOf = (der: Uint8Array, at: Date): pkijs.CertificateRevocationList | undefined => {
  const crl = parseCrl(der)
  if (!crl?.revokedCertificates) return crl
  // a view of the kept CRL with the later entries left out: its fields and its (memoized) verify are the kept one's
  const view = Object.create(crl) as pkijs.CertificateRevocationList
  view.revokedCertificates = crl.revokedCertificates.filter((r) => r.revocationDate.value <= at)
  return view
}

/**
 * The same CRLs (the CA's, the time-stamping unit's, from the file's signatures and DSS and from our database)
 * come with every signature of a file, and the engine verifies each against each candidate issuer on every chain
 * it builds (20 chains for a file of 10 time-stamped signatures): parsed once, kept by hash, each issuer's answer
 * kept with it. Bounded, emptied when full; an unreadable CRL is remembered as such.
 */
const parsedCrls = new Map<string, pkijs.CertificateRevocationList | null>()
const parseCrl = (der: Uint8Array) => {
  const id = createHash('sha256').update(der).digest('base64')
  let crl = parsedCrls.get(id)
  if (crl === undefined) {
    if (parsedCrls.size >= 256) parsedCrls.clear()
    try {
      crl = pkijs.CertificateRevocationList.fromBER(toArrayBuffer(der))
      const verify = crl.verify.bind(crl)
      const answers = new WeakMap<pkijs.Certificate, Promise<boolean>>()
      crl.verify = (parameters = {}, crypto) => {
        const issuer = parameters.issuerCertificate
        if (!issuer || parameters.publicKeyInfo) return verify(parameters, crypto)
        let answer = answers.get(issuer)
        if (!answer) answers.set(issuer, (answer = verify(parameters, crypto)))
        return answer
      }
    } catch {
      crl = null
    }
    parsedCrls.set(id, crl)
  }
  return crl ?? undefined
}

/** pkijs's result codes of CertificateChainValidationEngine, in the reader's words. */
const chainProblem = (code: number | undefined, message: string) => {
  switch (code) {
    case 8:
      return 'сертификат не действовал в момент подписания'
    case 12:
      return 'сертификат отозван до момента подписания'
    case 3:
    case 4:
    case 7:
    case 14:
      return 'издатель сертификата не является удостоверяющим центром (basicConstraints, keyCertSign)'
    case 13:
      return 'список отзыва выпущен не удостоверяющим центром'
    default:
      return `сертификат не выдан доверенным удостоверяющим центром (${message})`
  }
}

/**
 * The certificate's path to one of the anchors, by pkijs's CertificateChainValidationEngine: issuers found
 * by key identifier and verified, each issuer a CA (basicConstraints cA, keyCertSign), every certificate of
 * the path valid at `at` and not on a CRL of its issuer as of `revocationAt`. The anchors come from our
 * database, never from the file: a look-alike CA in the file is just another certificate of the pool.
 */
export const checkChain = async (input: ChainInput): Promise<ChainCheck> => {
  const problems: string[] = []
  let leaf: pkijs.Certificate
  try {
    leaf = parse(input.certificate)
  } catch {
    return { trusted: false, problems: ['сертификат не читается'] }
  }
  problems.push(...usageProblems(leaf, input.purpose))
  const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b))
  const pool = input.pool.filter((c) => !same(c, input.certificate) && !input.anchors.some((a) => same(a, c)))
  try {
    const engine = new pkijs.CertificateChainValidationEngine({
      trustedCerts: input.anchors.map(parse),
      // the engine takes the last of `certs` as the certificate to validate
      certs: [...pool.flatMap((c) => tryParse(c) ?? []), leaf],
      crls: input.crls.flatMap((c) => crlAsOf(c, input.revocationAt) ?? []),
      checkDate: input.at,
    })
    const result = await engine.verify({ passedWhenNotRevValues: true })
    if (!result.result) problems.push(chainProblem(result.resultCode, result.resultMessage))
  } catch (e) {
    const error = e as { resultCode?: number; code?: number; resultMessage?: string; message?: string }
    problems.push(chainProblem(error.resultCode ?? error.code, error.resultMessage ?? error.message ?? String(e)))
  }
  return { trusted: problems.length === 0, problems }
}

const tryParse = (der: Uint8Array) => {
  try {
    return parse(der)
  } catch {
    return undefined
  }
}
