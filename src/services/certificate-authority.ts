import { isUuid } from '../domain/validation'
import { findCa } from '../db/signing-credentials'
import { findOrganization, listOrganizations } from '../db/users'
import { OrderError } from '../domain/errors'
import type { ServiceDeps } from './context'
import { organizationCa, organizationName, revocationList, revokedBy, timeStampingRevocationList } from './keys'

/**
 * What the organization's CA publishes, to anyone: its certificate (`/ca/<organization id>.pem`, what a
 * relying party adds as a trust anchor instead of taking it from the file it judges) and its CRL
 * (`/ca/<organization id>.crl`, the distribution point every certificate it issues names; the time-stamping
 * unit's names `/ca/<organization id>-tsa.crl`, a list of that scope answering until the CA ends).
 */

type CaDeps = Pick<ServiceDeps, 'db' | 'keys' | 'clock' | 'publicUrl'>

/**
 * The organization's CA, made now if it has none yet (an organization added since the start): its certificate
 * is what relying parties are to trust before any file of it reaches them.
 */
const caOf = async (deps: CaDeps, organizationId: string) => {
  // anything but an id is nobody's CA (and would not reach the uuid column)
  const org = isUuid(organizationId) ? await findOrganization(deps.db, organizationId.toLowerCase()) : undefined
  if (!org) throw new OrderError('not_found', 'Удостоверяющий центр такой организации не найден')
  const known = await findCa(deps.db, org.id)
  if (known) return known
  await organizationCa(deps.db, deps, org.id, deps.clock.now())
  return (await findCa(deps.db, org.id))!
}

const pem = (der: Uint8Array) =>
  `-----BEGIN CERTIFICATE-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`

/** The CA certificate, PEM. */
export const publishedCaCertificate = async (deps: CaDeps, organizationId: string) => {
  const row = await caOf(deps, organizationId)
  return { pem: pem(row.certificate), fileName: `ca-${row.organizationId}.pem` }
}

/** A CRL is issued again after an hour, or at once when what it lists changed. */
export const CRL_REISSUE_MS = 3600 * 1000

type Published = { der: Uint8Array; issuedAt: Date; listed: string }
const published = new Map<string, Published>()

/**
 * The CA's CRL as of now, issued again when the one kept is an hour old or a certificate was revoked since
 * (each request reads the revocation records; only the signing is spared). Per process: another instance
 * issues its own, listing the same.
 */
export const publishedCrl = async (deps: CaDeps, organizationId: string, scope: 'all' | 'time-stamping' = 'all') => {
  const row = await caOf(deps, organizationId)
  const now = deps.clock.now()
  const revoked = await revokedBy(deps.db, row.organizationId, now)
  const listed = revoked.map((r) => `${r.serial}@${r.revokedAt.toISOString()}:${r.reason ?? ''}`).join(',')
  const key = `${row.organizationId} ${scope}`
  const kept = published.get(key)
  const age = kept ? now.getTime() - kept.issuedAt.getTime() : Number.POSITIVE_INFINITY
  if (kept && kept.listed === listed && age >= 0 && age < CRL_REISSUE_MS) return kept
  const issue = scope === 'all' ? revocationList : timeStampingRevocationList
  const fresh = { der: await issue(deps.db, deps, row.organizationId, now, revoked), issuedAt: now, listed }
  published.set(key, fresh)
  return fresh
}

/** Every organization, for the /verify page's links to their CA certificates. */
export const publishedAuthorities = async (deps: Pick<ServiceDeps, 'db'>) =>
  (await listOrganizations(deps.db)).map((o) => ({ organizationId: o.id, name: organizationName(o) }))
