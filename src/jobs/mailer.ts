import nodemailer from 'nodemailer'
import type { Mailer } from '../services/send-reminders'

/**
 * Letters through the SMTP server of `SMTP_URL` (smtp://user:pass@host:port, or smtps://). A letter with an `id`
 * goes with Message-ID `<id@the sender's domain>`, so an attempt repeated after a crash is the same message.
 */
export const smtpMailer = (smtpUrl: string, from = 'orders-service <no-reply@localhost>'): Mailer => {
  const transport = nodemailer.createTransport(smtpUrl)
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'localhost'
  return {
    send: async ({ id, ...mail }) => {
      await transport.sendMail({ from, ...mail, ...(id ? { messageId: `<${id}@${domain}>` } : {}) })
    },
  }
}
