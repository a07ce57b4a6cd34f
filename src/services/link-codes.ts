import { createHash, randomInt, timingSafeEqual } from 'node:crypto'
import type { Db } from '../db/client'
import { countCodeFailure, deleteLinkCode, findLinkCode, type SigningLinkRow, saveLinkCode } from '../db/links'
import { CODE_DIGITS, CODE_MAX_TRIES, codeExpiry, formatCode, isLocked } from '../domain/one-time-code'
import { OrderError } from '../domain/errors'

/**
 * What is stored of a code: its SHA-256 together with the link and the file it was issued for, so a row
 * copied to another link or checked against another file never matches. The code itself is kept nowhere.
 */
export const linkCodeHash = (linkId: string, documentSha256: string, code: string) =>
  createHash('sha256').update(`${linkId}\n${documentSha256}\n${code}`).digest('hex')

/** A fresh code for the link over the pinned file (replacing any earlier one); the caller mails it. */
export const issueLinkCode = async (tx: Db, link: SigningLinkRow, documentSha256: string, now: Date) => {
  const code = formatCode(randomInt(0, 10 ** CODE_DIGITS))
  const expiresAt = codeExpiry(now)
  await saveLinkCode(tx, {
    linkId: link.id,
    codeHash: linkCodeHash(link.id, documentSha256, code),
    documentSha256,
    expiresAt,
    createdAt: now,
  })
  return { code, expiresAt }
}

export const lockedLink = () =>
  new OrderError(
    'link_locked',
    `Ссылка заблокирована: введено ${CODE_MAX_TRIES} неверных кодов. Попросите делопроизводителя выпустить новую ссылку`,
  )

/**
 * Checks the code a decision came with, under the link's row lock. Right: the code is used up (deleted in
 * the decision's transaction, so a refused decision leaves it usable). Wrong: the failure is counted and
 * `wrong` comes back: the caller must COMMIT that count and then refuse, or five tries would never lock.
 * A code expired, missing or issued for another file is refused without counting (nothing was guessed).
 */
export const checkLinkCode = async (
  tx: Db,
  link: SigningLinkRow,
  documentSha256: string,
  code: string | undefined,
  now: Date,
): Promise<{ ok: true } | { ok: false; error: OrderError }> => {
  if (isLocked(link.codeFailures)) throw lockedLink()
  if (!code) throw new OrderError('invalid_input', 'Введите код из письма', [{ path: 'code', message: 'обязательно' }])
  const stored = await findLinkCode(tx, link.id)
  if (!stored) throw new OrderError('code_invalid', 'Код не запрошен или уже использован: получите новый код')
  if (stored.expiresAt <= now) throw new OrderError('code_invalid', 'Срок действия кода истёк: получите новый код')
  if (stored.documentSha256 !== documentSha256)
    throw new OrderError('code_invalid', 'Код выдан для другой редакции файла: получите новый код')
  if (timingSafeEqual(Buffer.from(stored.codeHash), Buffer.from(linkCodeHash(link.id, documentSha256, code)))) {
    await deleteLinkCode(tx, link.id)
    return { ok: true }
  }
  const failures = await countCodeFailure(tx, link.id)
  if (isLocked(failures)) {
    await deleteLinkCode(tx, link.id)
    return { ok: false, error: lockedLink() }
  }
  return {
    ok: false,
    error: new OrderError('code_invalid', `Неверный код. Осталось попыток: ${CODE_MAX_TRIES - failures}`),
  }
}
