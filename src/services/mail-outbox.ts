import type { Db } from '../db/client'
import { insertOutbox } from '../db/outbox'
import { findUserById } from '../db/users'
import type { ServiceContext } from './context'
import type { Mail } from './send-reminders'
import type { IssuedLink } from './signing-links'

/**
 * Letters queued in the caller's transaction, so they exist exactly when the event that causes them committed.
 * Each is sealed whole (recipient, subject, text) with the service's key protector: a link's token never rests in
 * clear. Without mail (no SMTP_URL) nothing is queued: the clerk hands the links on himself.
 */
export const queueLetters = async (tx: Db, ctx: ServiceContext, orderId: string | null, letters: Mail[]) => {
  if (!ctx.mailer) return
  await insertOutbox(
    tx,
    letters.map((l) => ({ orderId, sealed: ctx.keys.seal(new TextEncoder().encode(JSON.stringify(l))) })),
  )
}

export const openLetter = (ctx: Pick<ServiceContext, 'keys'>, sealed: Uint8Array): Mail =>
  JSON.parse(new TextDecoder().decode(ctx.keys.open(sealed)))

/** the letter that hands one person his link, when his turn has come */
export const linkLetter = (link: IssuedLink): Mail => {
  const what = link.role === 'signer' ? 'подписание' : 'согласование'
  return {
    to: link.email,
    subject: `Проект приказа на ${what}`,
    text: [
      `${link.name}, вам направлен проект приказа на ${what}.`,
      '',
      `Откройте ссылку: ${link.url}`,
      `Ссылка действует до ${link.expiresAt.slice(0, 10)} и только для вас: не пересылайте это письмо.`,
    ].join('\n'),
  }
}

const DECISIONS = { approved: 'согласовал', returned: 'вернул на доработку', signed: 'подписал' } as const

/** the letter to the clerk who drafted the order: who decided what, with the comment of a return */
export const decisionLetter = async (
  tx: Db,
  order: { createdBy: string },
  decision: keyof typeof DECISIONS,
  who: { name: string; position: string },
  comment: string | null,
): Promise<Mail[]> => {
  const clerk = await findUserById(tx, order.createdBy)
  if (!clerk) return []
  return [
    {
      to: clerk.email,
      subject: `Проект приказа: ${DECISIONS[decision]} ${who.name}`,
      text: [
        `${who.position} ${who.name} ${DECISIONS[decision]} проект приказа.`,
        ...(comment ? ['', `Комментарий: ${comment}`] : []),
      ].join('\n'),
    },
  ]
}
