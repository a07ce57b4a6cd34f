import type * as qualified from './qualified'
import type * as trustedList from './trusted-list'

// @peculiar/x509 and pkijs load with the first trusted certificate read or qualified signature checked, not when
// the service starts (as ../on-demand.ts does for the rest of signing)

export const readTrustedUpload = async (...a: Parameters<typeof trustedList.readTrustedUpload>) =>
  (await import('./trusted-list')).readTrustedUpload(...a)

export const readRevocationList = async (...a: Parameters<typeof trustedList.readRevocationList>) =>
  (await import('./trusted-list')).readRevocationList(...a)

export const crlSignedBy = async (...a: Parameters<typeof trustedList.crlSignedBy>) =>
  (await import('./trusted-list')).crlSignedBy(...a)

export const verifyQualifiedSignature = async (...a: Parameters<typeof qualified.verifyQualifiedSignature>) =>
  (await import('./qualified')).verifyQualifiedSignature(...a)

/** CAdES-T: the service's time-stamp token over the signature value, as an unsigned attribute. */
export const timeStampSignature = async (...a: Parameters<typeof import('../cms').addSignatureTimeStamp>) =>
  (await import('../cms')).addSignatureTimeStamp(...a)
