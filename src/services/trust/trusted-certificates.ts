import {
  deleteTrustedCertificate,
  findTrustedCertificate,
  insertTrustedCertificates,
  listTrustedCertificates,
  type TrustedCertificateRow,
} from '../../db/trust'
import { readTrustedUpload } from '../../documents/signing/gost/on-demand'
import { TrustedListRefused } from '../../documents/signing/gost/refused'
import { OrderError } from '../../domain/errors'
import { assertSameOrganization, isUuid, ownOrganization, authorize } from '../access'
import { recordEvent } from '../audit'
import { inTransaction, type ServiceContext } from '../context'

const view = (row: TrustedCertificateRow) => ({
  id: row.id,
  organizationId: row.organizationId,
  subject: row.subject,
  commonName: row.commonName,
  serialNumber: row.serialNumber,
  notBefore: row.notBefore.toISOString(),
  notAfter: row.notAfter.toISOString(),
  sha256: row.sha256,
  source: row.source,
  createdAt: row.createdAt.toISOString(),
})

/** The organization whose trusted list an admin changes: their own, or any for the installation's admin. */
const trustOrganization = async (ctx: ServiceContext, wanted?: string) => {
  authorize(ctx, 'trust.manage')
  return ownOrganization(ctx, wanted)
}

/**
 * An admin adds to the trusted list a CA certificate (DER, PEM, Base64) or every standing CA of the official
 * list of accredited CAs (its XML): told apart by the bytes. Certificates already there are counted, not doubled.
 * Nothing is fetched from anywhere: what is trusted is what the admin brought.
 */
export const addTrustedCertificates = async (
  ctx: ServiceContext,
  input: { bytes: Uint8Array; organizationId?: string },
) => {
  const organizationId = await trustOrganization(ctx, input.organizationId)
  let upload: Awaited<ReturnType<typeof readTrustedUpload>>
  try {
    upload = await readTrustedUpload(input.bytes)
  } catch (e) {
    if (e instanceof TrustedListRefused) throw new OrderError('invalid_input', e.message)
    throw e
  }
  return inTransaction(ctx, async (tx) => {
    const added = await insertTrustedCertificates(
      tx,
      upload.certificates.map((c) => ({
        organizationId,
        subject: c.subject,
        commonName: c.commonName,
        serialNumber: c.serialNumber,
        notBefore: c.notBefore,
        notAfter: c.notAfter,
        sha256: c.sha256,
        certificate: c.der,
        source: upload.source,
      })),
    )
    await recordEvent(tx, ctx, {
      organizationId,
      action: 'trusted_certificates_added',
      data: { source: upload.source, added: added.map((r) => r.commonName), serials: added.map((r) => r.serialNumber) },
    })
    return {
      organizationId,
      source: upload.source,
      added: added.map(view),
      alreadyTrusted: upload.certificates.length - added.length,
      skipped: upload.skipped,
    }
  })
}

export const findTrustedCertificates = async (ctx: ServiceContext, organizationId?: string) => {
  const id = await trustOrganization(ctx, organizationId)
  return { organizationId: id, certificates: (await listTrustedCertificates(ctx.db, id)).map(view) }
}

/** An admin takes a CA off the list: signatures under it are no longer qualified from then on. */
export const removeTrustedCertificate = async (ctx: ServiceContext, id: string) => {
  const user = authorize(ctx, 'trust.manage')
  return inTransaction(ctx, async (tx) => {
    const row = isUuid(id) ? await findTrustedCertificate(tx, id) : undefined
    if (!row) throw new OrderError('not_found', 'Сертификат в списке доверенных не найден')
    assertSameOrganization(user, row.organizationId)
    await deleteTrustedCertificate(tx, id)
    await recordEvent(tx, ctx, {
      organizationId: row.organizationId,
      action: 'trusted_certificate_removed',
      data: { commonName: row.commonName, serialNumber: row.serialNumber },
    })
    return view(row)
  })
}
