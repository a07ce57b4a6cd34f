import postgres from 'postgres'
import { afterAll, describe, expect, it } from 'vitest'
import { addDays } from '../../src/domain/calendar'
import { calendarDate, russianDate } from '../../src/domain/dates'
import { sampleContent } from '../support/harness'
import { freshPostgresDatabase, postgresUrl } from '../support/databases'
import { addJournal, addPersonOver, client, type RunningServer, startServer } from '../support/server'
import { bodyOf, startSmtp } from '../support/smtp'

const ADMIN = { ADMIN_EMAIL: 'admin@school.test', ADMIN_PASSWORD: 'admin-password-1' }
const servers: RunningServer[] = []
const cleanups: (() => Promise<void> | void)[] = []
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop('SIGKILL')))
  for (const c of cleanups) await c()
})

const until = async (check: () => boolean | Promise<boolean>, ms: number) => {
  const end = Date.now() + ms
  while (!(await check()) && Date.now() < end) await new Promise((r) => setTimeout(r, 250))
  return check()
}

describe.runIf(postgresUrl)('reminders from two service processes on one PostgreSQL', () => {
  it('mails each item once to its executor and one summary to the controller, after the due date', async () => {
    const { url: databaseUrl, drop } = await freshPostgresDatabase(postgresUrl!)
    cleanups.push(drop)
    const smtp = await startSmtp()
    cleanups.push(smtp.close)
    const env = { ...ADMIN, DATABASE_URL: databaseUrl, SMTP_URL: smtp.url }
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} })
    cleanups.unshift(() => sql.end())
    const outboxUnsent = async () =>
      Number((await sql`select count(*) as n from mail_outbox where sent_at is null`)[0]!.n)

    // today: an organization, executors with e-mail, and an order whose items fall due in 20 days
    const first = await startServer(env)
    servers.push(first)
    const admin = client(first.url)
    await admin.signIn(ADMIN.ADMIN_EMAIL, ADMIN.ADMIN_PASSWORD)
    const org = (await admin.call('POST', '/api/organizations', { name: ['МБОУ «СШ № 5»'] })).body
    for (const [email, role] of [
      ['clerk@school.test', 'clerk'],
      ['controller@school.test', 'controller'],
    ])
      await admin.call('POST', '/api/users', {
        email,
        name: role,
        role,
        password: 'password-123',
        organizationId: org.id,
      })
    await addJournal(admin, org.id)
    for (const [name, email] of [
      ['Иванова И.И.', 'ivanova@school.test'],
      ['Петров П.П.', 'petrov@school.test'],
    ])
      expect(
        (await admin.call('POST', '/api/executors', { name, kind: 'person', email, organizationId: org.id })).status,
      ).toBe(201)
    const clerk = client(first.url)
    await clerk.signIn('clerk@school.test', 'password-123')
    const due = russianDate(addDays(calendarDate(new Date()), 20))
    const content = sampleContent({
      points: [
        { text: 'Первое.', executors: ['Ивановой И.И.'], deadline: `до ${due}` },
        { text: 'Второе.', executors: ['Ивановой И.И.'], deadline: `до ${due}` },
        { text: 'Третье.', executors: ['Петрову П.П.'], deadline: `до ${due}` },
        { text: 'Четвёртое.', executors: ['Сидорову С.С.'], deadline: `до ${due}` }, // not in the directory: no letter
      ],
      appendices: undefined,
    })
    const id = (await clerk.call('POST', '/api/orders', content)).body.id
    const director = await addPersonOver(first.url, admin, org.id, {
      email: 'director@school.test',
      name: 'Петров Сергей Николаевич',
      role: 'director',
    })
    const link = (await clerk.call('POST', `/api/orders/${id}/submit`, { approvers: [], signer: director.ref })).body
      .links[0].url as string
    // with mail on, the director signs with the one-time code the service mails to her account (not signed in)
    const token = link.split('/links/')[1]
    expect((await client(first.url).call('POST', `/api/links/${token}/code`, {})).status).toBe(200)
    // letters leave in the background: the code's may come before or after the link's of the submission
    const codeIn = () => smtp.letters.map((l) => bodyOf(l.raw).match(/решения по приказу: (\d{6})/)?.[1]).find(Boolean)
    expect(await until(() => codeIn() !== undefined, 20_000)).toBe(true)
    const code = codeIn()!
    expect((await client(first.url).call('POST', `/api/links/${token}/sign`, { code })).status).toBe(200)
    expect((await clerk.call('POST', `/api/orders/${id}/register`, {})).status).toBe(200)
    // the letters of the signing (link, code, the clerk's notice) are not reminders: from here, none is due yet
    await new Promise((r) => setTimeout(r, 3000))
    expect(await until(async () => (await outboxUnsent()) === 0, 30_000)).toBe(true)
    smtp.letters.length = 0
    await new Promise((r) => setTimeout(r, 3000))
    expect(smtp.letters).toEqual([])
    await first.stop()

    // 25 days later: two instances, both running the day's reminders
    const later = { ...env, CLOCK_OFFSET_DAYS: '25' }
    servers.push(...(await Promise.all([startServer(later), startServer(later)])))
    expect(await until(() => smtp.letters.length >= 3, 60_000)).toBe(true)
    await new Promise((r) => setTimeout(r, 5000)) // room for a duplicate to arrive, if one were sent

    const to = (address: string) => smtp.letters.filter((l) => l.to.includes(address)).map((l) => bodyOf(l.raw))
    expect(smtp.letters).toHaveLength(3)
    const ivanova = to('ivanova@school.test')
    expect(ivanova).toHaveLength(1)
    expect(ivanova[0]).toContain('п. 1: Первое.')
    expect(ivanova[0]).toContain('п. 2: Второе.')
    expect(ivanova[0]).toContain('просрочено')
    expect(ivanova[0]).not.toContain('Третье')
    const petrov = to('petrov@school.test')
    expect(petrov).toHaveLength(1)
    expect(petrov[0]).toContain('п. 3: Третье.')
    const summary = to('controller@school.test')
    expect(summary).toHaveLength(1)
    for (const label of ['п. 1', 'п. 2', 'п. 3', 'п. 4']) expect(summary[0]).toContain(`${label} (просрочено`)
  }, 180_000)
})
