import type * as archive from './archive'
import type * as certificates from './certificates'
import type * as cms from './cms'
import type { LoadedPdf, SignOptions } from './pades'
import type * as pkcs12 from './pkcs12'
import type * as tsa from './tsa'
import type { Trust } from './verify'

// pdf-lib, fontkit, qrcode and pkijs take over a second to evaluate: they load with the first file signed,
// sealed or verified, not when the service starts (start-up time, README «Reliability»). Same functions, same
// arguments; only the loading differs.

export const loadPdf = async (bytes: Uint8Array) => (await import('./pades')).loadPdf(bytes)

export const signPdf = async (pdf: Uint8Array | LoadedPdf, options: SignOptions) =>
  (await import('./pades')).signPdf(pdf, options)

export const addDocumentTimeStamp = async (...a: Parameters<typeof archive.addDocumentTimeStamp>) =>
  (await import('./archive')).addDocumentTimeStamp(...a)

export const reservedBoxes = async (pdf: Uint8Array | LoadedPdf) => (await import('./reserved')).reservedBoxes(pdf)

// verification and PKCS#12 key derivation run on the signing threads (off-thread.ts), never on the event loop
export const verifyPdf = async (pdf: Uint8Array, trust: Trust, now: Date) =>
  (await import('./off-thread')).verifyOffThread(pdf, trust, now)

// @peculiar/x509 and pkijs (0.3–0.4 s of module evaluation) load with the first certificate issued, described or
// read, or the first signature made: a restart only opens the CA keys (src/services/keys.ts), which needs neither
export const issueCa = async (...a: Parameters<typeof certificates.issueCa>) =>
  (await import('./certificates')).issueCa(...a)

export const issueCertificate = async (...a: Parameters<typeof certificates.issueCertificate>) =>
  (await import('./certificates')).issueCertificate(...a)

export const issueCrl = async (...a: Parameters<typeof certificates.issueCrl>) =>
  (await import('./certificates')).issueCrl(...a)

export const describeCertificate = async (der: Uint8Array) => (await import('./certificates')).describeCertificate(der)

export const keySigner = async (...a: Parameters<typeof cms.keySigner>) => (await import('./cms')).keySigner(...a)

export const timeStampAuthority = async (...a: Parameters<typeof tsa.timeStampAuthority>) =>
  (await import('./tsa')).timeStampAuthority(...a)

export const readPkcs12 = async (...a: Parameters<typeof pkcs12.readPkcs12>) =>
  (await import('./off-thread')).readPkcs12OffThread(...a)
