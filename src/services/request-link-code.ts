import { findOrder } from '../db/orders'
import { deliverAfterCommit } from './deliver-mail'
import { CODE_RESEND_SECONDS, CODE_TTL_MINUTES } from '../domain/one-time-code'
import { findLinkCode } from '../db/links'
import { OrderError } from '../domain/errors'
import { inTransaction, type ServiceContext } from './context'
import { requireLiveLink } from './decide-by-link'
import { issueLinkCode } from './link-codes'
import { proveLinkPerson } from './link-person'
import { isTurnOf } from './lifecycle'
import { queueLetters } from './mail-outbox'

/** `ivanova@test.local` → `i•••••a@test.local`: the page says where the code went without showing the address. */
const masked = (email: string) => {
  const [local = '', domain = ''] = email.split('@')
  return `${local.slice(0, 1)}${'•'.repeat(Math.max(local.length - 2, 1))}${local.length > 1 ? local.slice(-1) : ''}@${domain}`
}

/**
 * Sends the person behind a link a one-time code for their decision (mail on only), bound to the file
 * pinned now. The code is stored hashed; its letter goes through the outbox like every other, sealed with the
 * service's key until it is sent, and leaves in the background after the commit: the answer does not wait for
 * the SMTP server. The code appears in no answer, log or audit.
 */
export const requestLinkCode = async (ctx: ServiceContext, token: string) => {
  if (!ctx.mailer)
    throw new OrderError('conflict', 'Коды не используются: почта не настроена, решение принимается по ссылке')
  const issued = await inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now()
    const { link, approval } = await requireLiveLink(tx, token, now, { lock: true })
    // the code goes to the account's own e-mail (a disabled person gets none); asking for it proves nothing
    const person = await proveLinkPerson(tx, ctx, approval, { byCode: true })
    const to = person.account?.email ?? approval.email
    const order = (await findOrder(tx, link.orderId))!
    const turn = isTurnOf(order, approval)
    if (!turn || !order.documentSha256)
      throw new OrderError('lifecycle_forbids', 'Решение по этой ссылке сейчас принять нельзя: код не отправлен')
    // one letter a minute per link, whichever instance is asked (the link's row is locked above)
    const previous = await findLinkCode(tx, link.id)
    const wait = previous
      ? Math.ceil((previous.createdAt.getTime() + CODE_RESEND_SECONDS * 1000 - now.getTime()) / 1000)
      : 0
    if (wait > 0)
      throw new OrderError('rate_limited', `Код уже отправлен: новый можно запросить через ${wait} с`, {
        retryAfterSeconds: wait,
      })
    const { code, expiresAt } = await issueLinkCode(tx, link, order.documentSha256, now)
    await queueLetters(tx, ctx, order.id, [
      {
        to,
        subject: `Код подтверждения: ${code}`,
        text: [
          `Код для подтверждения решения по приказу: ${code}`,
          `Код действует ${CODE_TTL_MINUTES} минут и только для документа, открытого по вашей ссылке.`,
          'Если вы не запрашивали код, не сообщайте его никому.',
        ].join('\n'),
      },
    ])
    return { to, expiresAt }
  })
  deliverAfterCommit(ctx)
  return { sentTo: masked(issued.to), expiresAt: issued.expiresAt.toISOString() }
}
