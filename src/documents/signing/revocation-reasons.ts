/**
 * RFC 5280 CRLReason codes by name, apart from the certificate code so that the start path (services/keys.ts)
 * reads them without loading pkijs and @peculiar/x509 (they load with first use).
 */
export const REVOCATION_REASONS = {
  unspecified: 0,
  keyCompromise: 1,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
} as const
export type RevocationReason = keyof typeof REVOCATION_REASONS
