/** A trusted-list upload or a CRL that cannot be read, said in Russian (no certificate library needed to catch it). */
export class TrustedListRefused extends Error {
  override readonly name = 'TrustedListRefused'
}
