import nodemailer from 'nodemailer'
import type { Mailer } from '../services/send-reminders'

/** Letters through the SMTP server of `SMTP_URL` (smtp://user:pass@host:port, or smtps://). */
export const smtpMailer = (smtpUrl: string, from = 'orders-service <no-reply@localhost>'): Mailer => {
  const transport = nodemailer.createTransport(smtpUrl)
  return {
    send: async (mail) => {
      await transport.sendMail({ from, ...mail })
    },
  }
}
