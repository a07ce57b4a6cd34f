import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { afterAll, describe, expect, it } from 'vitest'
import { addDays } from '../../src/domain/calendar'
import { calendarDate, russianDate } from '../../src/domain/dates'
import { ORDER_MACHINE_VERSION, ORDER_STATES, orderMachine } from '../../workflows/order.machine'
import { freshPostgresDatabase, postgresUrl } from '../support/databases'
import { Cluster, driveOrders, type Kind } from '../support/fault-driver'
import { sampleContent } from '../support/harness'
import { addJournal, addPersonOver, client, type RunningServer, startServer } from '../support/server'
import { bodyOf, startSmtp } from '../support/smtp'
import { hasTool, run } from '../support/tools'

/**
 * Faults under load on PostgreSQL with real processes: two service processes, four clients walking orders
 * from draft to registration, and one process killed with SIGKILL in the middle of a registration (its
 * transaction or the seal after it), a director's signature or a visa, six times, each time restarted.
 * Then the whole database is checked: numbers, seals, files, snapshots, signatures, audit chains. Then the
 * day's reminders run against a slow SMTP server and the process is killed mid-run, twice: each reminder
 * arrives once.
 */

const ADMIN = { ADMIN_EMAIL: 'admin@school.test', ADMIN_PASSWORD: 'admin-password-1' }
const CLERK = { email: 'clerk@school.test', password: 'clerk-password-1' }
const EXECUTORS = ['Иванова И.И.', 'Петров П.П.', 'Сидорова С.С.', 'Кузнецов К.К.', 'Орлова О.О.']
const mailOf = (i: number) => `executor${i}@school.test`

const servers: RunningServer[] = []
const cleanups: (() => Promise<void> | void)[] = []
afterAll(async () => {
  for (const s of servers) stopping.add(s)
  await Promise.all(servers.map((s) => s.stop('SIGKILL')))
  for (const c of cleanups.reverse()) await c()
})

const start = async (env: Record<string, string>) => {
  const s = await startServer({ ...ADMIN, ...env })
  servers.push(s)
  // a process that dies of itself (not by the test's kill or stop) is a finding: its last words are shown
  s.proc.once('exit', (code, signal) => {
    if (!stopping.has(s))
      console.error(`a service process exited by itself (${code ?? signal}):\n${s.output().slice(-4000)}`)
  })
  return s
}
const stopping = new Set<RunningServer>()
const stop = (s: RunningServer, signal: NodeJS.Signals) => {
  stopping.add(s)
  return s.stop(signal)
}
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))
const until = async (check: () => boolean | Promise<boolean>, ms: number) => {
  const end = Date.now() + ms
  while (!(await check()) && Date.now() < end) await pause(100)
  return check()
}
const messageId = (raw: string) => /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1]
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

describe.runIf(postgresUrl)('SIGKILL under load on PostgreSQL, then restart', () => {
  const state = {} as {
    url: string
    sql: postgres.Sql
    adminToken: string
    clerkToken: string
    orgId: string
  }

  it('loses no order, skips or repeats no number, leaves no half-written file; every snapshot, signature and chain holds', async () => {
    const { url, drop } = await freshPostgresDatabase(postgresUrl!)
    cleanups.push(drop)
    const sql = postgres(url, { max: 2, onnotice: () => {} })
    cleanups.push(() => sql.end())
    Object.assign(state, { url, sql })
    const env = { DATABASE_URL: url }
    const procs = [await start(env)]
    procs.push(await start(env))

    // the organization over HTTP: a clerk, a controller, a journal, executors with e-mail
    const admin = client(procs[0]!.url)
    await admin.signIn(ADMIN.ADMIN_EMAIL, ADMIN.ADMIN_PASSWORD)
    const org = (await admin.call('POST', '/api/organizations', { name: ['МБОУ «СШ № 5»'], place: 'Смоленск' })).body
    state.orgId = org.id
    for (const [email, role] of [
      [CLERK.email, 'clerk'],
      ['controller@school.test', 'controller'],
    ])
      expect(
        (
          await admin.call('POST', '/api/users', {
            email,
            password: CLERK.password,
            name: role,
            role,
            organizationId: org.id,
          })
        ).status,
      ).toBe(201)
    await addJournal(admin, org.id)
    for (const [i, name] of EXECUTORS.entries())
      expect(
        (await admin.call('POST', '/api/executors', { name, kind: 'person', email: mailOf(i), organizationId: org.id }))
          .status,
      ).toBe(201)
    const token = async (email: string, password: string) =>
      (
        await fetch(`${procs[0]!.url}/api/auth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password }),
        }).then((r) => r.json())
      ).token as string
    state.clerkToken = await token(CLERK.email, CLERK.password)
    state.adminToken = await token(ADMIN.ADMIN_EMAIL, ADMIN.ADMIN_PASSWORD)

    // each order's points go to two executors, due in 20 days (the reminders test below moves past it)
    const due = russianDate(addDays(calendarDate(new Date()), 20))
    const content = (i: number) =>
      sampleContent({
        points: [
          { text: `Первое поручение ${i}.`, executors: [EXECUTORS[i % 5]!], deadline: `до ${due}` },
          { text: `Второе поручение ${i}.`, executors: [EXECUTORS[(i + 2) % 5]!], deadline: `до ${due}` },
        ],
      })
    const cluster = new Cluster()
    cluster.bases = procs.map((p) => p.url)
    const deputy = await addPersonOver(procs[0]!.url, admin, org.id, {
      email: 'ivanova@school.test',
      name: 'Иванова Ирина Петровна',
      role: 'approver',
    })
    const director = await addPersonOver(procs[0]!.url, admin, org.id, {
      email: 'smirnova@school.test',
      name: 'Смирнова Елена Викторовна',
      role: 'director',
    })
    const [approveToken, signToken] = await Promise.all([
      token('ivanova@school.test', deputy.password),
      token('smirnova@school.test', director.password),
    ])
    const driver = driveOrders(
      cluster,
      state.clerkToken,
      4,
      content,
      { approvers: [deputy.ref], signer: director.ref },
      { approve: approveToken, sign: signToken },
    )

    // six kills, each while the victim is answering a request of that kind, at a random moment inside it
    const rounds: Kind[] = ['register', 'sign', 'register', 'approve', 'register', 'sign']
    const killed: { kind: Kind; inFlight: number; after: number }[] = []
    for (const [round, kind] of rounds.entries()) {
      const victim = round % 2
      const base = procs[victim]!.url
      expect(await until(() => cluster.count(base, kind) > 0, 120_000)).toBe(true)
      const after = Math.floor(Math.random() * 600)
      await pause(after)
      killed.push({ kind, inFlight: cluster.count(base, kind), after })
      cluster.bases = cluster.bases.filter((b) => b !== base)
      await stop(procs[victim]!, 'SIGKILL')
      procs[victim] = await start(env)
      cluster.bases.push(procs[victim]!.url)
    }
    await driver.stop()
    console.log('kills (request kind, requests of that kind in flight, ms after one was seen):', killed)
    const { ack } = driver
    expect(ack.errors).toEqual([])
    expect(ack.registered.size).toBeGreaterThanOrEqual(rounds.length)

    // every registered order is sealed: in its request, or by a restarted process's sweep
    const unsealed = async () =>
      (
        await sql`select count(*)::int as n from orders o where o.number is not null and not exists
          (select 1 from renderings r where r.order_id = o.id and r.stage = 'sealed')`
      )[0]!.n as number
    expect(await until(async () => (await unsealed()) === 0, 150_000)).toBe(true)

    // no order lost: every order a client was told of exists, and every number it was told is the stored one
    const orders = await sql`select id, status, number, snapshot, machine_version, document_sha256 from orders`
    const byId = new Map(orders.map((o) => [o.id as string, o]))
    for (const id of ack.created) expect(byId.has(id)).toBe(true)
    for (const [id, number] of ack.registered) expect(byId.get(id)!.number).toBe(number)

    // numbers: per journal and year 1..N, each once, the counter at N; one registration per numbered order
    const regs = await sql`select r.order_id, r.journal_id, r.year, r.seq, r.litera, r.number, o.number as order_number,
      o.status from registrations r join orders o on o.id = r.order_id order by r.seq`
    expect(regs.length).toBeGreaterThanOrEqual(ack.registered.size)
    expect(regs.map((r) => r.seq)).toEqual(regs.map((_, i) => i + 1))
    expect(new Set(regs.map((r) => r.number)).size).toBe(regs.length)
    for (const r of regs) {
      expect(r.litera).toBe(0)
      expect(r.number).toBe(`${r.seq}-г`)
      expect(r.order_number).toBe(r.number)
      expect(r.status).toBe('registered')
    }
    console.log(`orders: ${orders.length}, registered: ${regs.length}, answered to the clients: ${ack.registered.size}`)
    const counters = await sql`select journal_id, year, last from journal_counters`
    expect(counters.map((c) => c.last)).toEqual([regs.length])
    expect(orders.filter((o) => o.number !== null)).toHaveLength(regs.length)

    // every snapshot is a state of the order machine, the one the status column shows
    for (const o of orders) {
      expect(o.machine_version).toBe(ORDER_MACHINE_VERSION)
      const restored = orderMachine.resolveState(o.snapshot)
      expect(ORDER_STATES).toContain(restored.value)
      expect(restored.value).toBe(o.status)
      expect(restored.status).not.toBe('error')
    }

    // every signature valid: each registered file verifies (visa, signature, seal), and is ours with its number
    const base = procs[0]!.url
    for (const r of regs) {
      const pdf = new Uint8Array(
        await (
          await fetch(`${base}/api/orders/${r.order_id}/registered.pdf`, {
            headers: { authorization: `Bearer ${state.clerkToken}` },
          })
        ).arrayBuffer(),
      )
      const report = await (await fetch(`${base}/api/verify`, { method: 'POST', body: pdf })).json()
      expect(report.allValid).toBe(true)
      // visa, signature, seal, and the document time-stamp of B-LTA
      expect(report.signatures).toHaveLength(4)
      expect(report.signatures.at(-1).subFilter).toBe('ETSI.RFC3161')
      expect(report.signatures.every((s: { trusted: boolean }) => s.trusted)).toBe(true)
      expect(report.ours).toMatchObject({ orderId: r.order_id, number: r.number, stage: 'sealed' })
    }

    // the audit chains verify, every organization's and every order's
    const audit = await (
      await fetch(`${base}/api/audit/verify`, { headers: { authorization: `Bearer ${state.adminToken}` } })
    ).json()
    expect(audit.chains.filter((c: { ok: boolean }) => !c.ok)).toEqual([])
    expect(audit.ok).toBe(true)
    expect(audit.chains.filter((c: { scope: string }) => c.scope === 'order')).toHaveLength(orders.length)

    // no half-written file: every stored file is whole (its bytes give its SHA-256) and every PDF passes qpdf
    // (last: qpdf blocks the event loop, and a keep-alive socket closed meanwhile fails the next fetch); a
    // registered order has exactly one sealed file, the one its row points at
    type FileRow = {
      order_id: string
      version: number
      stage: string
      format: string
      revision: number
      bytes: Buffer
      sha256: string
      appended_to: number | null
    }
    const rows = await sql<FileRow[]>`
      select order_id, version, stage, format, revision, bytes, sha256, appended_to from renderings`
    // a signed revision or a sealed file is stored as what it appends to a signed revision: put each together
    const signedRow = new Map(
      rows.filter((r) => r.stage === 'signed').map((r) => [`${r.order_id}/${r.version}/${r.format}/${r.revision}`, r]),
    )
    const whole = (r: FileRow): Buffer => {
      if (r.appended_to === null) return r.bytes
      const before = signedRow.get(`${r.order_id}/${r.version}/${r.format}/${r.appended_to}`)
      expect(before, `the revision ${r.appended_to} of ${r.order_id} is stored`).toBeDefined()
      return Buffer.concat([whole(before!), r.bytes])
    }
    const files = rows.map((r) => ({ ...r, bytes: whole(r) }))
    const dir = mkdtempSync(join(tmpdir(), 'orders-faults-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const checkQpdf = hasTool('qpdf')
    for (const [i, f] of files.entries()) {
      expect(sha256(f.bytes)).toBe(f.sha256)
      if (f.format === 'pdf' && checkQpdf) {
        const path = join(dir, `${i}.pdf`)
        writeFileSync(path, f.bytes)
        expect(run('qpdf', ['--check', path])).toContain('No syntax or stream encoding errors')
      }
    }
    for (const r of regs) {
      const sealed = files.filter((f) => f.order_id === r.order_id && f.stage === 'sealed')
      expect(sealed).toHaveLength(1)
      expect(byId.get(r.order_id)!.document_sha256).toBe(sealed[0]!.sha256)
    }

    await Promise.all(procs.map((p) => stop(p, 'SIGTERM')))
  }, 600_000)

  it('sends each due reminder once although the process is killed twice in the middle of the run', async () => {
    const { url, sql } = state
    expect(url).toBeTruthy()
    // the letters wait 300 ms for each recipient: the run lasts long enough to be killed inside it
    const smtp = await startSmtp(0, { delayMs: 300 })
    cleanups.push(smtp.close)
    const items = await sql`select i.id, e.email from control_items i
      join executors e on e.id = i.responsible_id where e.email is not null`
    const recipients = [...new Set(items.map((i) => i.email as string))]
    expect(recipients.length).toBe(EXECUTORS.length)
    const expected = recipients.length + 1 // and the controller's summary

    // 25 days later: the items are overdue and the day's run starts with the process
    const env = { DATABASE_URL: url, SMTP_URL: smtp.url, CLOCK_OFFSET_DAYS: '25' }
    const killedAfter: number[] = []
    for (const killAt of [1, 3]) {
      const proc = await start(env)
      expect(await until(() => smtp.letters.length >= killAt, 120_000)).toBe(true)
      await stop(proc, 'SIGKILL')
      killedAfter.push(smtp.letters.length)
    }
    await start(env)
    const messages = () => new Set(smtp.letters.map((l) => messageId(l.raw))).size
    expect(await until(() => messages() >= expected, 120_000)).toBe(true)
    await pause(5000) // room for a duplicate to arrive, if one were sent

    const letters = smtp.letters.map((l) => ({ to: l.to, id: messageId(l.raw), text: bodyOf(l.raw) }))
    const to = (address: string) => letters.filter((l) => l.to.includes(address))
    // Exactly once per message: one Message-ID per recipient. SMTP cannot promise more: a process killed after
    // the server accepted a letter and before its claim committed sends it again on restart, as the same
    // message. So a letter may come twice only if it was the one in flight at a kill, and only once more.
    const inFlightAtKill = new Set(killedAfter.map((n) => letters[n - 1]!.id))
    const repeated = letters.filter((l, i) => letters.findIndex((m) => m.id === l.id) !== i)
    console.log(
      `reminder letters: ${letters.length}, messages: ${messages()}, repeated after a kill: ${repeated.length}`,
    )
    expect(repeated.length).toBeLessThanOrEqual(killedAfter.length)
    for (const r of repeated) expect(inFlightAtKill).toContain(r.id)
    expect(new Set(repeated.map((r) => r.id)).size).toBe(repeated.length)
    for (const address of recipients) {
      const mine = to(address)
      expect(new Set(mine.map((l) => l.id)).size).toBe(1)
      // the letter lists every item of its executor, none left for a later letter
      const count = items.filter((i) => i.email === address).length
      for (const l of mine) expect(l.text.match(/просрочено/g)?.length).toBe(count)
    }
    expect(new Set(to('controller@school.test').map((l) => l.id)).size).toBe(1)
    expect(messages()).toBe(expected)
    // every claim made was sent: none left claimed by a killed run
    const claims = await sql`select kind, sent_at from reminders`
    expect(claims.filter((c) => c.sent_at === null)).toEqual([])
    expect(claims.filter((c) => c.kind === 'executor')).toHaveLength(items.length)
  }, 600_000)
})
