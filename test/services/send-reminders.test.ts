import { SMTPServer } from 'smtp-server'
import { afterAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { countReminders } from '../../src/db/reminders'
import { reminders } from '../../src/db/schema'
import { smtpMailer } from '../../src/jobs/mailer'
import { sendDueReminders } from '../../src/services/send-reminders'
import { registerOrder } from '../support/control'
import { testDatabases } from '../support/databases'
import { sampleContent, useHarness } from '../support/harness'
import { bodyOf } from '../support/smtp'

/** The Subject header, its encoded words (RFC 2047) decoded. */
const subjectOf = (raw: string) =>
  (/^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1] ?? '')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, how: string, text: string) =>
      how.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    )

/** A real SMTP server on loopback; `refuse` makes it refuse recipients (a server error, a full mailbox). */
const smtp = async () => {
  const letters: { to: string[]; raw: string }[] = []
  const state = { refuse: new Set<string>() }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, done) {
      done(
        state.refuse.has(address.address) ? Object.assign(new Error('mailbox full'), { responseCode: 452 }) : undefined,
      )
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        letters.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString() })
        done()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as { port: number }).port
  return {
    url: `smtp://127.0.0.1:${port}`,
    letters,
    state,
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}

describe.each(testDatabases())('daily reminders ($name)', ({ name, open }) => {
  const h = useHarness(open)
  const servers: Awaited<ReturnType<typeof smtp>>[] = []
  afterAll(async () => {
    for (const s of servers) await s.close()
  })

  it('mails once per item and day, retries a refused letter, and skips what is not due soon', async () => {
    const mail = await smtp()
    servers.push(mail)
    const mailer = smtpMailer(mail.url)
    const admin = h.orgs[0]!.admin
    for (const [n, email] of [
      ['Иванова И.И.', 'ivanova@test.local'],
      ['Петров П.П.', 'petrov@test.local'],
      ['Сидоров С.С.', undefined],
    ])
      await h.call('POST', '/api/executors', {
        token: admin,
        body: { name: n, kind: 'person', ...(email ? { email } : {}) },
      })
    await h.setClock(new Date('2026-03-10T09:00:00Z'))
    await registerOrder(
      h,
      sampleContent({
        points: [
          { text: 'Просрочено.', executors: ['Иванова И.И.'], deadline: 'до 16.03.2026' },
          { text: 'Скоро.', executors: ['Иванова И.И.'], deadline: 'до 20.03.2026' },
          { text: 'Сегодня.', executors: ['Иванова И.И.'], deadline: 'до 18.03.2026' },
          { text: 'Не скоро.', executors: ['Иванова И.И.'], deadline: 'до 30.04.2026' },
          { text: 'Петрову.', executors: ['Петров П.П.'], deadline: 'до 16.03.2026' },
          { text: 'Без адреса.', executors: ['Сидоров С.С.'], deadline: 'до 16.03.2026' },
        ],
      }),
    )
    await h.setClock(new Date('2026-03-18T09:00:00Z'))
    const deps = { ...h.deps, dueSoonDays: 3 }
    mail.state.refuse.add('petrov@test.local')

    // two runs at once (PostgreSQL: two connections, as two instances would be)
    const runs =
      name === 'postgres'
        ? await Promise.all([sendDueReminders(deps, mailer), sendDueReminders(deps, mailer)])
        : [await sendDueReminders(deps, mailer), await sendDueReminders(deps, mailer)]
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(4) // Ивановой 3 items, the controller's summary
    const ivanova = mail.letters.filter((l) => l.to.includes('ivanova@test.local'))
    expect(ivanova).toHaveLength(1)
    // due today is not yet overdue: only a day past its due date is
    const lines = bodyOf(ivanova[0]!.raw)
    expect(lines).toContain('Просрочено. (просрочено, срок был 16.03.2026')
    expect(lines).toContain('Сегодня. (срок 18.03.2026')
    expect(lines).toContain('Скоро. (срок 20.03.2026')
    const summary = mail.letters.find((l) => l.to.includes('controller0@test.local'))!
    expect(subjectOf(summary.raw)).toBe('Контроль исполнения на 18.03.2026: просрочено 3, срок наступает 2')
    expect(mail.letters.filter((l) => l.to.includes('controller0@test.local'))).toHaveLength(1)
    expect(mail.letters.some((l) => l.to.includes('petrov@test.local'))).toBe(false)
    expect(await countReminders(h.database.db)).toBe(4)

    // the refused letter is tried again, and only it
    mail.state.refuse.clear()
    const retry = await sendDueReminders(deps, mailer)
    expect(retry).toMatchObject({ sent: 1, failed: [] })
    expect(mail.letters.filter((l) => l.to.includes('petrov@test.local'))).toHaveLength(1)
    expect(mail.letters).toHaveLength(3)

    // a letter the server accepted while its claim never committed (the sender killed in between) goes again
    // on the next run as the same message: its Message-ID is the recipient's and the day's
    const messageId = (raw: string) => /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1]
    const first = messageId(ivanova[0]!.raw)
    expect(first).toMatch(/^<reminder\.executor\.2026-03-18\.[0-9a-f]{24}@localhost>$/)
    await h.database.db.delete(reminders).where(eq(reminders.recipient, 'ivanova@test.local'))
    expect((await sendDueReminders(deps, mailer)).sent).toBe(3)
    const again = mail.letters.filter((l) => l.to.includes('ivanova@test.local'))
    expect(again).toHaveLength(2)
    expect(messageId(again[1]!.raw)).toBe(first)
    expect(messageId(mail.letters.find((l) => l.to.includes('petrov@test.local'))!.raw)).not.toBe(first)

    // the next day, a new reminder for what is still due, a message of its own
    await h.setClock(new Date('2026-03-19T09:00:00Z'))
    expect((await sendDueReminders(deps, mailer)).sent).toBe(5)
    const nextDay = mail.letters.filter((l) => l.to.includes('ivanova@test.local')).at(-1)!
    expect(messageId(nextDay.raw)).toMatch(/^<reminder\.executor\.2026-03-19\./)
  }, 120_000)
})
