import type { Db } from '../db/client'
import type { UserRow } from '../db/users'
import type { OrderRow } from '../db/orders'
import { insertQualifiedSignature } from '../db/trust'
import { timeStampSignature, verifyQualifiedSignature } from '../documents/signing/gost/on-demand'
import { OrderError } from '../domain/errors'
import type { ServiceContext } from './context'
import { organizationTimeStamper } from './keys'
import { type QualifiedFacts, pinnedFile, roundOf } from './signatures'
import { trustOf } from './trust/revocation-lists'

export type AcceptedQualified = {
  facts: QualifiedFacts
  /** the `.sig` with the service's time-stamp token added (CAdES-T), DER */
  signature: Uint8Array
  revision: number
  documentSha256: string
}

const refused = (reasons: string[]) =>
  new OrderError(
    'invalid_input',
    `Квалифицированная подпись не принята: ${reasons.join('; ')}`,
    reasons.map((message) => ({ path: 'signature', message })),
  )

/**
 * The signer's detached CAdES signature (КЭП) checked against the file pinned for their step, the organization's
 * trusted list and CRLs, and their account's СНИЛС; then time-stamped by the service's TSA. Throws (422) with
 * every reason otherwise, before anything is written.
 */
export const acceptQualifiedSignature = async (
  tx: Db,
  ctx: ServiceContext,
  order: OrderRow,
  account: UserRow | undefined,
  body: Uint8Array,
): Promise<AcceptedQualified> => {
  if (!account) throw new OrderError('forbidden', 'Квалифицированной подписью подписывают, войдя в свою учётную запись')
  if (!account.snils)
    throw refused(['в учётной записи не указан СНИЛС: администратор вносит его (PATCH /api/users/:id {snils})'])
  if (!order.documentSha256) throw new OrderError('conflict', 'Файл для подписания ещё не подготовлен')
  const now = ctx.clock.now()
  const [file, trust] = await Promise.all([pinnedFile(tx, order, roundOf(order)), trustOf(tx, order.organizationId)])
  const verdict = await verifyQualifiedSignature({
    signature: body,
    content: file.bytes,
    ...trust,
    now,
  })
  const reasons = [...verdict.reasons]
  const owner = verdict.certificate?.snils
  if (verdict.certificate && owner !== account.snils)
    reasons.push(
      owner
        ? 'сертификат выдан другому человеку: СНИЛС в сертификате не совпадает со СНИЛС учётной записи'
        : 'в сертификате нет СНИЛС владельца (OID 1.2.643.100.3)',
    )
  if (reasons.length || !verdict.der || !verdict.certificate || !verdict.valid) throw refused(reasons)
  const stamper = await organizationTimeStamper(tx, ctx, order.organizationId, now)
  const c = verdict.certificate
  return {
    facts: {
      serialNumber: c.serialNumber,
      owner: c.owner,
      issuer: c.issuer,
      notBefore: c.notBefore,
      notAfter: c.notAfter,
      signingTime: verdict.signingTime ?? now,
    },
    signature: await timeStampSignature(verdict.der, stamper),
    revision: file.revision,
    documentSha256: file.sha256,
  }
}

/** Keeps the accepted `.sig` with the order: the revision it covers, the certificate the mark names. */
export const keepQualifiedSignature = (tx: Db, orderId: string, approvalId: string, accepted: AcceptedQualified) =>
  insertQualifiedSignature(tx, {
    orderId,
    approvalId,
    revision: accepted.revision,
    documentSha256: accepted.documentSha256,
    signature: accepted.signature,
    ...accepted.facts,
  })
