import { findTrustedCrl, listTrustedCertificates, listTrustedCrls, saveTrustedCrl } from '../../db/trust'
import type { Db } from '../../db/client'
import { crlSignedBy, readRevocationList } from '../../documents/signing/gost/on-demand'
import { TrustedListRefused } from '../../documents/signing/gost/refused'
import { OrderError } from '../../domain/errors'
import { ownOrganization, authorize } from '../access'
import { recordEvent } from '../audit'
import { inTransaction, type ServiceContext } from '../context'

/**
 * An admin loads a CRL of a trusted CA (DER or PEM; as downloaded from the CA's distribution point by them, the
 * service fetches nothing). Its issuer must be on the trusted list and its signature must hold under that CA's
 * key; it replaces an older CRL of the same CA, and an older one than the CRL held is refused.
 */
export const loadRevocationList = async (
  ctx: ServiceContext,
  input: { bytes: Uint8Array; organizationId?: string },
) => {
  authorize(ctx, 'trust.manage')
  const organizationId = await ownOrganization(ctx, input.organizationId)
  let crl: Awaited<ReturnType<typeof readRevocationList>>
  try {
    crl = await readRevocationList(input.bytes)
  } catch (e) {
    if (e instanceof TrustedListRefused) throw new OrderError('invalid_input', e.message)
    throw e
  }
  const issuers = (await listTrustedCertificates(ctx.db, organizationId)).filter((c) => c.subject === crl.issuer)
  if (!issuers.length)
    throw new OrderError('invalid_input', `Издатель списка отзыва «${crl.issuer}» не в списке доверенных УЦ`)
  let signed = false
  for (const issuer of issuers) if (!signed) signed = await crlSignedBy(crl.der, issuer.certificate)
  if (!signed) throw new OrderError('invalid_input', 'Подпись списка отзыва не сходится с ключом доверенного УЦ')
  return inTransaction(ctx, async (tx) => {
    const held = await findTrustedCrl(tx, organizationId, crl.issuer)
    if (held && held.thisUpdate > crl.thisUpdate)
      throw new OrderError(
        'conflict',
        `Загружен более новый список отзыва этого УЦ (от ${held.thisUpdate.toISOString()}), этот от ${crl.thisUpdate.toISOString()}`,
      )
    const row = await saveTrustedCrl(tx, {
      organizationId,
      issuer: crl.issuer,
      thisUpdate: crl.thisUpdate,
      nextUpdate: crl.nextUpdate ?? null,
      revokedSerials: crl.revokedSerials,
      sha256: crl.sha256,
      crl: crl.der,
    })
    await recordEvent(tx, ctx, {
      organizationId,
      action: 'trusted_crl_loaded',
      data: { issuer: crl.issuer, thisUpdate: crl.thisUpdate.toISOString(), revoked: crl.revokedSerials.length },
    })
    return {
      id: row.id,
      organizationId,
      issuer: row.issuer,
      thisUpdate: row.thisUpdate.toISOString(),
      nextUpdate: row.nextUpdate?.toISOString() ?? null,
      revoked: row.revokedSerials.length,
    }
  })
}

/** What a qualified signature of the organization is checked against: its trusted CAs and their loaded CRLs. */
export const trustOf = async (db: Db, organizationId: string) => {
  const [certificates, crls] = await Promise.all([
    listTrustedCertificates(db, organizationId),
    listTrustedCrls(db, organizationId),
  ])
  return {
    trusted: certificates.map((c) => c.certificate),
    revoked: crls.flatMap((c) => c.revokedSerials.map((serialNumber) => ({ issuerName: c.issuer, serialNumber }))),
  }
}
