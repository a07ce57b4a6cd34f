import { createHash } from 'node:crypto'
import { toArrayBuffer, x509 } from '../crypto'
import { pemCertificate, runOpenssl } from './openssl'

import { TrustedListRefused } from './refused'

export { TrustedListRefused }

export type TrustedCertificate = {
  der: Uint8Array
  subject: string
  commonName: string
  serialNumber: string
  notBefore: Date
  notAfter: Date
  sha256: string
}

export type TrustedUpload = {
  source: 'certificate' | 'trusted-list'
  certificates: TrustedCertificate[]
  skipped: number
}

const describe = (der: Uint8Array): TrustedCertificate => {
  let cert: x509.X509Certificate
  try {
    cert = new x509.X509Certificate(toArrayBuffer(der))
  } catch {
    throw new TrustedListRefused('сертификат не читается (ожидался X.509 в DER, PEM или Base64)')
  }
  const basic = cert.getExtension(x509.BasicConstraintsExtension)
  if (!basic?.ca)
    throw new TrustedListRefused(`сертификат «${cert.subject}» не сертификат удостоверяющего центра (нет CA:TRUE)`)
  return {
    der,
    subject: cert.subject,
    commonName: cert.subjectName.getField('CN')[0] ?? cert.subject,
    serialNumber: cert.serialNumber.toUpperCase(),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    sha256: createHash('sha256').update(der).digest('hex'),
  }
}

const PEM = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g
const BASE64 = /^[A-Za-z0-9+/\s]+={0,2}\s*$/

/** The text of the start of a body, a UTF-8 byte-order mark and leading blanks skipped. */
const head = (bytes: Uint8Array) =>
  Buffer.from(bytes.subarray(0, 64))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()

const text = (xml: string, tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1]?.trim()

/**
 * The official list of accredited CAs (АккредитованныеУдостоверяющиеЦентры, as the Ministry publishes it):
 * every certificate under УдостоверяющийЦентр/…/Ключ/Сертификаты/ДанныеСертификата/Данные of a CA whose
 * accreditation stands (СтатусАккредитации/Статус «Действует», or no status given). Read by element, not by a
 * general XML parser: the file is machine-written, and only these elements matter.
 */
const fromTrustedListXml = (xml: string): TrustedUpload => {
  if (!xml.includes('<АккредитованныеУдостоверяющиеЦентры'))
    throw new TrustedListRefused(
      'XML не список аккредитованных удостоверяющих центров (нет АккредитованныеУдостоверяющиеЦентры)',
    )
  const certificates: TrustedCertificate[] = []
  let skipped = 0
  for (const [, ca] of xml.matchAll(/<УдостоверяющийЦентр>([\s\S]*?)<\/УдостоверяющийЦентр>/g)) {
    const status = /<СтатусАккредитации>([\s\S]*?)<\/СтатусАккредитации>/.exec(ca!)?.[1]
    const standing = !status || text(status, 'Статус') === 'Действует'
    for (const [, data] of ca!.matchAll(
      /<ДанныеСертификата>[\s\S]*?<Данные>([^<]*)<\/Данные>[\s\S]*?<\/ДанныеСертификата>/g,
    )) {
      if (!standing) {
        skipped++
        continue
      }
      try {
        certificates.push(describe(new Uint8Array(Buffer.from(data!.replace(/\s/g, ''), 'base64'))))
      } catch {
        skipped++
      }
    }
  }
  if (!certificates.length)
    throw new TrustedListRefused('в списке нет ни одного действующего сертификата удостоверяющего центра')
  return { source: 'trusted-list', certificates, skipped }
}

/**
 * What an admin uploads to the trusted list, told apart by its bytes whatever its content type: a certificate
 * in DER, PEM (one or several) or bare Base64 (a .cer as Windows exports it), or the official XML list.
 */
export const readTrustedUpload = (bytes: Uint8Array): TrustedUpload => {
  if (!bytes.length) throw new TrustedListRefused('тело пусто: ожидался сертификат или XML-список аккредитованных УЦ')
  if (bytes[0] === 0x30) return { source: 'certificate', certificates: [describe(bytes)], skipped: 0 }
  const start = head(bytes)
  let body: string
  try {
    body = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')
  } catch {
    throw new TrustedListRefused('тело не сертификат (DER, PEM, Base64) и не XML-список аккредитованных УЦ')
  }
  if (start.startsWith('<')) return fromTrustedListXml(body)
  const pems = [...body.matchAll(PEM)].map(([, b64]) => new Uint8Array(Buffer.from(b64!.replace(/\s/g, ''), 'base64')))
  if (pems.length) return { source: 'certificate', certificates: pems.map(describe), skipped: 0 }
  if (BASE64.test(body))
    return {
      source: 'certificate',
      certificates: [describe(new Uint8Array(Buffer.from(body.replace(/\s/g, ''), 'base64')))],
      skipped: 0,
    }
  throw new TrustedListRefused('тело не сертификат (DER, PEM, Base64) и не XML-список аккредитованных УЦ')
}

export type RevocationList = {
  issuer: string
  thisUpdate: Date
  nextUpdate?: Date
  revokedSerials: string[]
  sha256: string
  der: Uint8Array
}

/** A CRL in DER or PEM: its issuer, times and revoked serials (upper-case hex, as certificates are described). */
export const readRevocationList = (bytes: Uint8Array): RevocationList => {
  let der = bytes
  if (bytes[0] !== 0x30) {
    const m = /-----BEGIN X509 CRL-----([\s\S]*?)-----END X509 CRL-----/.exec(Buffer.from(bytes).toString('latin1'))
    if (!m) throw new TrustedListRefused('тело не список отзыва (CRL в DER или PEM)')
    der = new Uint8Array(Buffer.from(m[1]!.replace(/\s/g, ''), 'base64'))
  }
  try {
    const crl = new x509.X509Crl(toArrayBuffer(der))
    return {
      issuer: crl.issuer,
      thisUpdate: crl.thisUpdate,
      nextUpdate: crl.nextUpdate,
      revokedSerials: crl.entries.map((e) => e.serialNumber.toUpperCase()),
      sha256: createHash('sha256').update(der).digest('hex'),
      der,
    }
  } catch {
    throw new TrustedListRefused('список отзыва не читается (ожидался CRL X.509)')
  }
}

/** Whether `issuer` (DER) signed the CRL: `openssl crl -verify` with the GOST engine (GOST and RSA alike). */
export const crlSignedBy = async (crl: Uint8Array, issuer: Uint8Array) => {
  const run = await runOpenssl(
    ['crl', '-inform', 'DER', '-in', '{crl.der}', '-CAfile', '{issuer.pem}', '-noout', '-verify'],
    {
      'crl.der': crl,
      'issuer.pem': pemCertificate(issuer),
    },
  )
  return run.ok && /verify OK/.test(run.stderr)
}
