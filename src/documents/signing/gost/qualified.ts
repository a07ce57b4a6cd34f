import { CmsRefused, parseSignedData, signerOf } from '../cms-verify'
import { OID } from '../crypto'
import { contentsOf, DerError, readNode, TAG } from '../der'
import { describeQualified, GOST_OID, type QualifiedCertificate } from './certificate'
import { pemCertificate, runOpenssl } from './openssl'

/** A detached signature is a few kilobytes (the signer's chain included); more is not a `.sig`. */
export const MAX_SIGNATURE_BYTES = 256 * 1024

export type RevokedSerial = { issuerName: string; serialNumber: string }

export type QualifiedCheck = {
  /** the detached CAdES signature: DER, Base64 or PEM */
  signature: Uint8Array
  /** exactly the bytes that must have been signed */
  content: Uint8Array
  /** DER certificates of the trusted list: accredited CAs, each one a trust anchor */
  trusted: Uint8Array[]
  /** serials on the loaded CRLs, each with its issuer */
  revoked: RevokedSerial[]
  now: Date
  /** the earliest signing time accepted (the file was pinned then); a signature claimed before is refused */
  notBefore?: Date
}

export type QualifiedVerdict = {
  valid: boolean
  reasons: string[]
  /** the signature as DER (what is kept), when it could be read */
  der?: Uint8Array
  certificate?: QualifiedCertificate
  signingTime?: Date
  digestAlgorithm?: 'ГОСТ Р 34.11-2012 (256)' | 'ГОСТ Р 34.11-2012 (512)'
}

const DIGEST_NAMES = {
  [GOST_OID.digest256]: 'ГОСТ Р 34.11-2012 (256)',
  [GOST_OID.digest512]: 'ГОСТ Р 34.11-2012 (512)',
} as const
const GOST_SIGNATURES = new Set<string>([
  GOST_OID.key256,
  GOST_OID.key512,
  GOST_OID.signature256,
  GOST_OID.signature512,
])
const GOST_KEYS = new Set<string>([GOST_OID.key256, GOST_OID.key512])
/** clocks of a signer's computer and ours may differ by this much */
const SKEW_MS = 5 * 60 * 1000

/** DER as it came, or the text КриптоАРМ and `csptest -base64` write: Base64, with or without PEM armour. */
export const signatureBytes = (body: Uint8Array): Uint8Array => {
  if (body[0] === TAG.sequence) return body
  const text = Buffer.from(body)
    .toString('latin1')
    .replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, '')
    .replace(/[\s]/g, '')
  if (!text || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) throw new CmsRefused('подпись не в DER и не в Base64')
  return new Uint8Array(Buffer.from(text, 'base64'))
}

const timeOf = (attr: Uint8Array | undefined) => {
  if (!attr) return undefined
  const node = readNode(attr, 0)
  const s = Buffer.from(contentsOf(attr, node)).toString('latin1')
  const m = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s)
  if (!m || (node.tag !== TAG.utcTime && node.tag !== TAG.generalizedTime))
    throw new CmsRefused('время подписания не читается')
  const [, y, mo, d, h, mi, se] = m
  const year = y!.length === 2 ? (+y! < 50 ? 2000 : 1900) + +y! : +y!
  return new Date(Date.UTC(year, +mo! - 1, +d!, +h!, +mi!, +se!))
}

const ru = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ')

/** What OpenSSL's refusal means, said in Russian (the first line that names a cause). */
const opensslReason = (stderr: string) => {
  if (/content verify error|digest failure|messageDigest/i.test(stderr))
    return 'подпись сделана не над этим файлом: хэш подписанных данных не совпадает'
  if (
    /unable to get (local )?issuer certificate|self.signed certificate in certificate chain|unable to verify the first/i.test(
      stderr,
    )
  )
    return 'сертификат выдан удостоверяющим центром, которого нет в списке доверенных'
  if (/certificate has expired|not yet valid/i.test(stderr)) return 'сертификат не действовал в момент подписания'
  if (/signature (mismatch|failure)|verification failure|bad signature/i.test(stderr))
    return 'значение подписи не сходится с ключом сертификата'
  return 'подпись не прошла проверку OpenSSL'
}

/**
 * A detached CAdES signature by a qualified certificate (КЭП) over `content`, checked as 63-ФЗ wants it relied
 * on: GOST R 34.10-2012 with GOST R 34.11-2012, detached, one signer, the certificate valid at the signing time,
 * issued under a CA of the trusted list, not on a loaded CRL, with a key usage for signing. The structure, the
 * algorithms, the times and the revocation are read here; the GOST mathematics and the chain are OpenSSL's
 * (`cms -verify` with the GOST engine, a bounded subprocess: test/bench/gost.bench.ts says why).
 */
export const verifyQualifiedSignature = async (check: QualifiedCheck): Promise<QualifiedVerdict> => {
  const reasons: string[] = []
  const refuse = (reason: string, rest: Partial<QualifiedVerdict> = {}): QualifiedVerdict => ({
    valid: false,
    reasons: [...reasons, reason],
    ...rest,
  })
  if (check.signature.length > MAX_SIGNATURE_BYTES)
    return refuse(`подпись больше ${MAX_SIGNATURE_BYTES / 1024} КБ: это не отсоединённая подпись`)
  let der: Uint8Array
  let parsed: ReturnType<typeof parseSignedData>
  let found: ReturnType<typeof signerOf>
  try {
    der = signatureBytes(check.signature)
    const whole = readNode(der, 0)
    if (whole.end !== der.length) throw new CmsRefused('после подписи лишние данные')
    parsed = parseSignedData(der)
    found = signerOf(parsed)
  } catch (e) {
    if (e instanceof CmsRefused || e instanceof DerError) return refuse(`подпись не читается: ${e.message}`)
    throw e
  }
  if (parsed.eContent)
    return refuse('подпись присоединённая (содержит документ): нужна отсоединённая подпись (.sig)', { der })
  if (parsed.eContentType !== OID.data) return refuse('подписано не содержимое файла (тип данных не id-data)', { der })
  const { signer, certificate } = found
  const digestAlgorithm = DIGEST_NAMES[signer.digestAlgorithm as keyof typeof DIGEST_NAMES]
  if (!digestAlgorithm || !GOST_SIGNATURES.has(signer.signatureAlgorithm))
    return refuse(
      `подпись не по ГОСТ Р 34.10-2012 с ГОСТ Р 34.11-2012 (алгоритмы ${signer.digestAlgorithm}, ${signer.signatureAlgorithm})`,
      { der },
    )
  let described: QualifiedCertificate
  let signingTime: Date | undefined
  try {
    described = describeQualified(certificate)
    signingTime = timeOf(signer.signed.get(OID.signingTime)?.[0])
  } catch (e) {
    return refuse(`сертификат или время подписания не читаются: ${(e as Error).message}`, { der })
  }
  const verdict = { der, certificate: described, signingTime, digestAlgorithm }
  if (!GOST_KEYS.has(described.keyAlgorithm)) return refuse('ключ сертификата не ГОСТ Р 34.10-2012', verdict)
  const at = signingTime ?? check.now
  if (at.getTime() > check.now.getTime() + SKEW_MS) reasons.push(`время подписания ${ru(at)} ещё не наступило`)
  if (check.notBefore && at.getTime() < check.notBefore.getTime() - SKEW_MS)
    reasons.push(`время подписания ${ru(at)} раньше, чем файл был подготовлен к подписанию`)
  if (at < described.notBefore || at > described.notAfter)
    reasons.push(
      `сертификат действует с ${ru(described.notBefore)} по ${ru(described.notAfter)}, подписано ${ru(at)}: сертификат не действовал`,
    )
  if (!described.signs) reasons.push('назначение ключа сертификата не допускает подписание')
  if (check.revoked.some((r) => r.issuerName === described.issuerName && r.serialNumber === described.serialNumber))
    reasons.push('сертификат отозван (он в загруженном списке отзыва)')
  if (!check.trusted.length) reasons.push('список доверенных удостоверяющих центров пуст')
  if (reasons.length) return { valid: false, reasons, ...verdict }
  const run = await runOpenssl(
    [
      'cms',
      '-verify',
      '-engine',
      'gost',
      '-binary',
      '-inform',
      'DER',
      '-in',
      '{signature.der}',
      '-content',
      '{content.bin}',
      '-CAfile',
      '{trusted.pem}',
      // a CA of the trusted list is an anchor even when it is not self-signed (the Treasury's is under the ГУЦ)
      '-partial_chain',
      // key usage is checked above; the S/MIME purpose would also demand an e-mail extended key usage
      '-purpose',
      'any',
      '-attime',
      String(Math.floor(at.getTime() / 1000)),
      '-out',
      '/dev/null',
    ],
    { 'signature.der': der, 'content.bin': check.content, 'trusted.pem': check.trusted.map(pemCertificate).join('') },
  )
  if (!run.ok) return { valid: false, reasons: [opensslReason(run.stderr)], ...verdict }
  return { valid: true, reasons: [], ...verdict }
}
