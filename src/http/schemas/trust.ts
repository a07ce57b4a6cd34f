import { z } from '@hono/zod-openapi'
import { Id, Timestamp } from './common'

/** What the trusted list of accredited CAs answers (routes/trust.ts). */
export const TrustedCertificate = z
  .object({
    id: Id,
    organizationId: Id,
    subject: z.string(),
    commonName: z.string().nullable(),
    serialNumber: z.string(),
    notBefore: Timestamp,
    notAfter: Timestamp,
    sha256: z.string(),
    source: z.string(),
    createdAt: Timestamp,
  })
  .meta({ id: 'TrustedCertificate' })
export const TrustedCertificates = z
  .object({ organizationId: Id, certificates: z.array(TrustedCertificate) })
  .meta({ id: 'TrustedCertificates' })
export const TrustedCertificatesAdded = z
  .object({
    organizationId: Id,
    source: z.string(),
    added: z.array(TrustedCertificate),
    alreadyTrusted: z.number().int(),
    skipped: z.unknown(),
  })
  .meta({ id: 'TrustedCertificatesAdded' })
export const RevocationListLoaded = z
  .object({
    id: Id,
    organizationId: Id,
    issuer: z.string(),
    thisUpdate: Timestamp,
    nextUpdate: Timestamp.nullable(),
    revoked: z.number().int(),
  })
  .meta({ id: 'RevocationListLoaded' })
