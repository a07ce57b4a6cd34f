import { findOrganization, listOrganizations, type OrganizationRow } from '../db/users'
import {
  findCa,
  findCurrentCredential,
  insertCaOnce,
  insertCredential,
  listCas,
  revokedCertificates,
  type CredentialKind,
  type SigningCredentialRow,
} from '../db/signing-credentials'
import type { Db } from '../db/client'
import type { Credential, Revoked, Subject } from '../documents/signing/certificates'
import { REVOCATION_REASONS, type RevocationReason } from '../documents/signing/revocation-reasons'
import type { Signer, TimeStamper } from '../documents/signing/cms'
import { KeyUnreadable, type KeyProtector } from '../documents/signing/key-protection'
import {
  describeCertificate,
  issueCa,
  issueCertificate,
  issueCrl,
  keySigner,
  timeStampAuthority,
} from '../documents/signing/on-demand'
import { OrderError } from '../domain/errors'

type KeyDeps = { keys: KeyProtector; publicUrl: string }

/**
 * Where the organization's CA publishes its CRL, named in every certificate it issues (CRL distribution
 * point). By the organization's id, never its name: the address is written into certificates for good,
 * and a name may be corrected.
 */
export const crlUrl = (publicUrl: string, organizationId: string) => `${publicUrl}/ca/${organizationId}.crl`

/**
 * Where the CRL for the time-stamping unit alone is published: a list that answers until the CA ends (its
 * nextUpdate), so the last document time-stamp of a file is still checkable offline years on (B-LTA). The
 * unit's key is kept as the CA's is, sealed by the same SIGNING_KEY: what would compromise it compromises the
 * CA, and then the CA is replaced, not the unit revoked.
 */
export const timeStampingCrlUrl = (publicUrl: string, organizationId: string) =>
  `${publicUrl}/ca/${organizationId}-tsa.crl`

/** The organization's name as its certificates carry it (O): the heading lines joined. */
export const organizationName = (org: Pick<OrganizationRow, 'name'>) => org.name.join(' ')

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64')

const open = (deps: KeyDeps, row: SigningCredentialRow): Credential => ({
  certificate: row.certificate,
  privateKey: deps.keys.open(row.sealedKey),
})

const rowValues = async (
  deps: KeyDeps,
  organizationId: string,
  kind: CredentialKind,
  holder: string,
  cred: Credential,
  source: 'issued' | 'uploaded',
  issuers: Uint8Array[] = [],
) => {
  const d = await describeCertificate(cred.certificate)
  return {
    organizationId,
    kind,
    holder,
    commonName: d.commonName,
    title: d.title ?? null,
    serialNumber: d.serialNumber,
    certificate: cred.certificate,
    issuers: issuers.map(b64),
    sealedKey: deps.keys.seal(cred.privateKey),
    source,
    notBefore: d.notBefore,
    notAfter: d.notAfter,
  }
}

const organizationOf = async (db: Db, organizationId: string) => {
  const org = await findOrganization(db, organizationId)
  if (!org) throw new OrderError('not_found', 'Организация не найдена')
  return org
}

/** The organization's CA, created the first time it is needed (at start for every organization). */
export const organizationCa = async (db: Db, deps: KeyDeps, organizationId: string, now: Date): Promise<Credential> => {
  const existing = await findCa(db, organizationId)
  if (existing) return open(deps, existing)
  const org = await organizationOf(db, organizationId)
  const ca = await issueCa(organizationName(org), now)
  return open(deps, await insertCaOnce(db, await rowValues(deps, organizationId, 'ca', '', ca, 'issued')))
}

/** The current credential of an organization-wide kind (seal, time stamps), issued when there is none valid. */
const organizationCredential = async (
  db: Db,
  deps: KeyDeps,
  organizationId: string,
  kind: 'seal' | 'tsa',
  now: Date,
) => {
  const ca = await organizationCa(db, deps, organizationId, now)
  const row = await findCurrentCredential(db, organizationId, kind, '', now)
  // a time-stamping certificate issued for a year (before B-LTA) would leave the last document time-stamp
  // unverifiable after that year: it is replaced by one that lives as long as the CA
  const lastsAsCa = async (r: SigningCredentialRow) =>
    kind !== 'tsa' || r.notAfter.getTime() >= (await describeCertificate(ca.certificate)).notAfter.getTime()
  if (row && (await lastsAsCa(row))) return { ca, credential: open(deps, row) }
  const org = await organizationOf(db, organizationId)
  const name = organizationName(org)
  const subject: Subject =
    kind === 'tsa'
      ? { commonName: `Служба штампов времени: ${org.shortName ?? name}`, organization: name }
      : { commonName: name, organization: name }
  const credential = await issueCertificate(ca, kind, subject, now, {
    crlUrl: (kind === 'tsa' ? timeStampingCrlUrl : crlUrl)(deps.publicUrl, organizationId),
  })
  await insertCredential(db, await rowValues(deps, organizationId, kind, '', credential, 'issued'))
  return { ca, credential }
}

export type Person = { email: string; name: string; position: string }

/**
 * The signer for a person: their uploaded PKCS#12 if an admin gave one, else a certificate of the organization's
 * CA issued on first use (and again when the name, position or e-mail it carries changed, it expired or was
 * revoked). `person` is the account's (decide-by-link.ts reads it at the decision), never what a request typed.
 */
export const personSigner = async (
  db: Db,
  deps: KeyDeps,
  organizationId: string,
  person: Person,
  now: Date,
): Promise<Signer> => {
  const holder = person.email.trim().toLowerCase()
  const ca = await organizationCa(db, deps, organizationId, now)
  const row = await findCurrentCredential(db, organizationId, 'person', holder, now)
  if (row?.source === 'uploaded')
    return keySigner(
      open(deps, row),
      row.issuers.map((i) => new Uint8Array(Buffer.from(i, 'base64'))),
    )
  if (
    row &&
    row.commonName === person.name &&
    row.title === (person.position || null) &&
    (await describeCertificate(row.certificate)).email?.toLowerCase() === person.email.trim().toLowerCase()
  )
    return keySigner(open(deps, row), [ca.certificate])
  const org = await organizationOf(db, organizationId)
  const credential = await issueCertificate(
    ca,
    'person',
    {
      commonName: person.name,
      ...(person.position ? { title: person.position } : {}),
      email: person.email.trim(),
      organization: organizationName(org),
    },
    now,
    { crlUrl: crlUrl(deps.publicUrl, organizationId) },
  )
  await insertCredential(db, await rowValues(deps, organizationId, 'person', holder, credential, 'issued'))
  return keySigner(credential, [ca.certificate])
}

/** An uploaded key and certificate for a person, used instead of one the CA would issue. */
export const storeUploadedCredential = async (
  db: Db,
  deps: KeyDeps,
  organizationId: string,
  email: string,
  credential: Credential,
  issuers: Uint8Array[],
) =>
  insertCredential(
    db,
    await rowValues(deps, organizationId, 'person', email.trim().toLowerCase(), credential, 'uploaded', issuers),
  )

/** The organization's registration seal. */
export const sealSigner = async (db: Db, deps: KeyDeps, organizationId: string, now: Date): Promise<Signer> => {
  const { ca, credential } = await organizationCredential(db, deps, organizationId, 'seal', now)
  return keySigner(credential, [ca.certificate])
}

/** The organization's own time-stamp authority. */
export const organizationTimeStamper = async (
  db: Db,
  deps: KeyDeps & { clock: { now: () => Date } },
  organizationId: string,
  now: Date,
): Promise<TimeStamper> => {
  const { ca, credential } = await organizationCredential(db, deps, organizationId, 'tsa', now)
  return timeStampAuthority(credential, [ca.certificate], deps.clock.now)
}

const reasonOf = (name: string | null): RevocationReason | null =>
  name && Object.hasOwn(REVOCATION_REASONS, name) ? (name as RevocationReason) : null

/** What the CA's CRL lists as of now: every certificate it issued that was revoked by then. */
export const revokedBy = async (db: Db, organizationId: string, now: Date): Promise<Revoked[]> =>
  (await revokedCertificates(db, organizationId))
    .filter((r) => r.revokedAt <= now)
    .map((r) => ({ serial: r.serial, revokedAt: r.revokedAt, reason: reasonOf(r.reason) }))

/** The CA's CRL as of now, listing every certificate of the organization revoked by then (or those given). */
export const revocationList = async (db: Db, deps: KeyDeps, organizationId: string, now: Date, revoked?: Revoked[]) => {
  const [ca, listed] = await Promise.all([
    organizationCa(db, deps, organizationId, now),
    revoked ?? revokedBy(db, organizationId, now),
  ])
  return issueCrl(ca, now, listed)
}

/** The CRL of the time-stamping unit's distribution point as of now, answering until the CA ends. */
export const timeStampingRevocationList = async (
  db: Db,
  deps: KeyDeps,
  organizationId: string,
  now: Date,
  revoked?: Revoked[],
) => {
  const [ca, listed] = await Promise.all([
    organizationCa(db, deps, organizationId, now),
    revoked ?? revokedBy(db, organizationId, now),
  ])
  return issueCrl(ca, now, listed, {
    distributionPoint: timeStampingCrlUrl(deps.publicUrl, organizationId),
    nextUpdate: (await describeCertificate(ca.certificate)).notAfter,
  })
}

/** What B-LT puts in the DSS: the CA's certificate and its CRL as of now. */
export const validationData = async (db: Db, deps: KeyDeps, organizationId: string, now: Date) => {
  const ca = await organizationCa(db, deps, organizationId, now)
  return { certificates: [ca.certificate], crls: [await revocationList(db, deps, organizationId, now)] }
}

/**
 * What the B-LTA revision adds to the DSS besides the certificates in the file's signatures: the CA's and the
 * time-stamping unit's certificates (the document time-stamp is made after the DSS is written), a CRL issued
 * now, after the last signature's time-stamp, so it answers for every certificate the file uses, and the
 * unit's own CRL, which still answers for the document time-stamp when the validation time is years ahead.
 */
export const archiveValidationData = async (db: Db, deps: KeyDeps, organizationId: string, now: Date) => {
  const [{ ca, credential }, revoked] = await Promise.all([
    organizationCredential(db, deps, organizationId, 'tsa', now),
    revokedBy(db, organizationId, now),
  ])
  const crls = await Promise.all([
    revocationList(db, deps, organizationId, now, revoked),
    timeStampingRevocationList(db, deps, organizationId, now, revoked),
  ])
  return { certificates: [ca.certificate, credential.certificate], crls }
}

/** Every organization's CA certificate: the trust anchors our verification checks chains against. */
export const trustAnchors = async (db: Db) => (await listCas(db)).map((r) => r.certificate)

/**
 * At start: every organization has its CA and SIGNING_KEY opens each CA key. A key that does not open
 * stops the service with a message saying what to restore, rather than failing at the first signature.
 */
export const prepareSigningKeys = async (db: Db, deps: KeyDeps, now: Date) => {
  for (const org of await listOrganizations(db)) {
    try {
      await organizationCa(db, deps, org.id, now)
    } catch (e) {
      if (!(e instanceof KeyUnreadable)) throw e
      throw new Error(
        `SIGNING_KEY does not open the signing keys of «${organizationName(org)}» (${e.message}). ` +
          'Start the service with the SIGNING_KEY (or the data directory key file) that created them; ' +
          'without it nothing can be signed, so the service does not start.',
      )
    }
  }
}

/**
 * Readiness: SIGNING_KEY opens every organization's CA key, without which no certificate is issued, no order
 * signed, sealed or registered. Throws naming the organization whose key does not open.
 */
export const checkSigningKeys = async (db: Db, deps: KeyDeps) => {
  const cas = await listCas(db)
  for (const ca of cas) {
    try {
      deps.keys.open(ca.sealedKey)
    } catch (e) {
      throw new Error(
        `the CA key of organization ${ca.organizationId} does not open: ${e instanceof Error ? e.message : e}`,
      )
    }
  }
  return { authorities: cas.length }
}
