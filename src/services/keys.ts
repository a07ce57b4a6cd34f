import { findOrganization, listOrganizations, type OrganizationRow } from '../db/users'
import {
  findCa,
  findCurrentCredential,
  insertCaOnce,
  insertCredential,
  listCas,
  type CredentialKind,
  type SigningCredentialRow,
} from '../db/signing-credentials'
import type { Db } from '../db/client'
import type { Credential, Subject } from '../documents/signing/certificates'
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

type KeyDeps = { keys: KeyProtector }

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
  if (row) return { ca, credential: open(deps, row) }
  const org = await organizationOf(db, organizationId)
  const name = organizationName(org)
  const subject: Subject =
    kind === 'tsa'
      ? { commonName: `Служба штампов времени: ${org.shortName ?? name}`, organization: name }
      : { commonName: name, organization: name }
  const credential = await issueCertificate(ca, kind, subject, now)
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

/** What B-LT puts in the DSS: the CA's certificate and its CRL as of now. */
export const validationData = async (db: Db, deps: KeyDeps, organizationId: string, now: Date) => {
  const ca = await organizationCa(db, deps, organizationId, now)
  return { certificates: [ca.certificate], crls: [await issueCrl(ca, now)] }
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
