import { sql } from 'drizzle-orm'
import { insertJournal } from '../db/journals'
import { countUsers, insertOrganization, insertUser } from '../db/users'
import { appendOrganizationAudit } from '../db/audit'
import { inTransaction, type Role, type ServiceDeps } from './context'
import { hashPassword, randomPassword } from './secrets'

export type Credentials = { role: Role; email: string; password: string; name: string }

const demoPeople: { role: Role; email: string; name: string; position: string }[] = [
  { role: 'admin', email: 'admin@demo.local', name: 'Администратор', position: 'Администратор системы' },
  { role: 'clerk', email: 'clerk@demo.local', name: 'Иванова Мария Петровна', position: 'Делопроизводитель' },
  { role: 'controller', email: 'controller@demo.local', name: 'Сидорова Анна Викторовна', position: 'Контролёр' },
  {
    role: 'director',
    email: 'director@demo.local',
    name: 'Петров Сергей Николаевич',
    position: 'Начальник управления',
  },
  // people who only give visas: a route names accounts, so the demo has someone to choose
  {
    role: 'approver',
    email: 'deputy@demo.local',
    name: 'Романова Ирина Евгеньевна',
    position: 'Заместитель начальника управления',
  },
  { role: 'approver', email: 'lawyer@demo.local', name: 'Юрьева Анна Сергеевна', position: 'Юрисконсульт' },
]

/**
 * On an empty database: the admin of ADMIN_EMAIL/ADMIN_PASSWORD, or else a demo organization with
 * one user per role and two approvers (returned so the caller prints them once). Safe when several instances start at once.
 */
export const prepareFirstStart = async (
  deps: ServiceDeps,
  admin?: { email: string; password: string },
): Promise<Credentials[]> => {
  // every start but the first finds users: one plain read, no table lock (start-up time)
  if ((await countUsers(deps.db)) > 0) return []
  return inTransaction(deps, async (tx) => {
    await tx.execute(sql`lock table users in share row exclusive mode`)
    if ((await countUsers(tx)) > 0) return []
    const now = deps.clock.now()
    if (admin) {
      await insertUser(tx, {
        email: admin.email,
        name: 'Администратор',
        role: 'admin',
        passwordHash: await hashPassword(admin.password),
        createdAt: now,
      })
      return []
    }
    const org = await insertOrganization(tx, {
      name: ['УПРАВЛЕНИЕ ОБРАЗОВАНИЯ (ДЕМО)'],
      parent: ['АДМИНИСТРАЦИЯ ГОРОДА'],
      place: 'г. Город',
      shortName: 'Управление образования',
      createdAt: now,
    })
    const credentials: Credentials[] = demoPeople.map((p) => ({
      role: p.role,
      email: p.email,
      password: randomPassword(),
      name: p.name,
    }))
    // scrypt runs on libuv's threads: the hashes at once take the time of one per core
    const hashes = await Promise.all(credentials.map((c) => hashPassword(c.password)))
    for (const [i, p] of demoPeople.entries())
      await insertUser(tx, { ...p, organizationId: org.id, passwordHash: hashes[i]!, createdAt: now })
    await insertJournal(tx, {
      organizationId: org.id,
      name: 'Приказы по основной деятельности',
      kind: 'prikaz',
      pattern: '{n}-ОД',
      reset: 'yearly',
      createdAt: now,
    })
    await insertJournal(tx, {
      organizationId: org.id,
      name: 'Распоряжения',
      kind: 'rasporyazhenie',
      pattern: '{n}-р',
      reset: 'yearly',
      createdAt: now,
    })
    await appendOrganizationAudit(tx, {
      organizationId: org.id,
      action: 'demo_created',
      actor: { type: 'system', name: 'first start' },
      data: { users: credentials.map((c) => c.email) },
      at: now,
    })
    return credentials
  })
}
