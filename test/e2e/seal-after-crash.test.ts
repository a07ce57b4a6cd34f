import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/client'
import { renderings } from '../../src/db/schema'
import { freshPostgresDatabase, postgresUrl } from '../support/databases'
import { sampleContent, tokenOf } from '../support/harness'
import { addJournal, addPersonOver, client, type RunningServer, startServer } from '../support/server'
import { hasTool, run } from '../support/tools'

const ADMIN = { ADMIN_EMAIL: 'admin@school.test', ADMIN_PASSWORD: 'admin-password-1' }
const CLERK = { email: 'clerk@school.test', password: 'clerk-password-1' }
const servers: RunningServer[] = []
const cleanups: (() => Promise<void> | void)[] = []
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop('SIGKILL')))
  for (const c of cleanups) await c()
})

const start = async (env: Record<string, string>) => {
  const s = await startServer({ ...ADMIN, ...env })
  servers.push(s)
  return s
}

/** A file of an order over HTTP, with the clerk's bearer token. */
const download = async (base: string, path: string) => {
  const signIn = await fetch(`${base}/api/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(CLERK),
  })
  const { token } = (await signIn.json()) as { token: string }
  const res = await fetch(base + path, { headers: { authorization: `Bearer ${token}` } })
  return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()) }
}

const cases = [
  {
    name: 'pglite',
    env: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'orders-crash-'))
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
      return { vars: { DATA_DIR: dir }, open: () => openDatabase({ dataDir: dir }) }
    },
  },
  ...(postgresUrl
    ? [
        {
          name: 'postgres',
          env: async () => {
            const { url, drop } = await freshPostgresDatabase(postgresUrl!)
            cleanups.push(drop)
            return { vars: { DATABASE_URL: url }, open: () => openDatabase({ url }) }
          },
        },
      ]
    : []),
]

describe.each(cases)('the process dies between the registration commit and the seal ($name)', ({ env }) => {
  it.runIf(hasTool('pdfsig'))(
    'after a normal restart the sweeper seals the order exactly once; every signature valid',
    async () => {
      const { vars, open } = await env()
      const dir = mkdtempSync(join(tmpdir(), 'orders-crash-files-'))
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
      // FAIL_AFTER_REGISTRATION_COMMIT=1: the test-only switch (src/config.ts) that SIGKILLs the process
      // right after the number is committed
      const first = await start({ ...vars, FAIL_AFTER_REGISTRATION_COMMIT: '1' })
      const admin = client(first.url)
      await admin.signIn(ADMIN.ADMIN_EMAIL, ADMIN.ADMIN_PASSWORD)
      const org = (await admin.call('POST', '/api/organizations', { name: ['МБОУ «СШ № 5»'], place: 'Смоленск' })).body
      await admin.call('POST', '/api/users', {
        ...CLERK,
        name: 'Делопроизводитель',
        role: 'clerk',
        organizationId: org.id,
      })
      await addJournal(admin, org.id)
      const clerk = client(first.url)
      await clerk.signIn(CLERK.email, CLERK.password)
      const id = (await clerk.call('POST', '/api/orders', sampleContent())).body.id as string
      const deputy = await addPersonOver(first.url, admin, org.id, {
        email: 'ivanova@school.test',
        name: 'Иванова Ирина Петровна',
        role: 'approver',
      })
      const director = await addPersonOver(first.url, admin, org.id, {
        email: 'smirnova@school.test',
        name: 'Смирнова Елена Викторовна',
        role: 'director',
      })
      const links = (
        await clerk.call('POST', `/api/orders/${id}/submit`, {
          approvers: [deputy.ref],
          sequential: true,
          signer: director.ref,
        })
      ).body.links.map((l: { url: string }) => tokenOf(l.url))
      expect((await deputy.client.call('POST', `/api/links/${links[0]}/approve`, {})).status).toBe(200)
      expect((await director.client.call('POST', `/api/links/${links[1]}/sign`, {})).body.status).toBe('signed')
      const signed = await download(first.url, `/api/orders/${id}/signed.pdf`)
      expect(signed.status).toBe(200)

      const exited = new Promise((resolve) => first.proc.once('exit', (_code, signal) => resolve(signal)))
      // the answer never comes: the process is killed between the commit and the seal
      await expect(clerk.call('POST', `/api/orders/${id}/register`, {})).rejects.toThrow()
      expect(await exited).toBe('SIGKILL')

      const second = await start(vars)
      const again = client(second.url)
      await again.signIn(CLERK.email, CLERK.password)
      const order = (await again.call('GET', `/api/orders/${id}`)).body
      expect(order.status).toBe('registered')
      expect(order.number).toBe('1-г')
      const registered = await download(second.url, `/api/orders/${id}/registered.pdf`)
      expect(registered.status).toBe(200)
      expect(Buffer.from(registered.bytes.subarray(0, signed.bytes.length)).equals(Buffer.from(signed.bytes))).toBe(
        true,
      )
      writeFileSync(join(dir, 'signed.pdf'), signed.bytes)
      writeFileSync(join(dir, 'registered.pdf'), registered.bytes)
      // the signatures pdfsig finds, each valid; the registered file ends with a document time-stamp (B-LTA),
      // which pdfsig lists but does not validate
      const count = (file: string) => {
        const out = run('pdfsig', [join(dir, file)])
        // the fields reserved for later signatures (the seal's, before registration) are listed, not signed
        const blocks = out
          .split(/Signature #\d+:/)
          .slice(1)
          .filter((b) => !b.includes('is not signed') && !b.includes('Signature Field Name: Штамп времени документа'))
        for (const b of blocks) expect(b).toContain('Signature Validation: Signature is Valid.')
        return blocks.length
      }
      expect(count('signed.pdf')).toBe(2)
      expect(count('registered.pdf')).toBe(3)
      // registering again is refused and changes nothing
      expect((await again.call('POST', `/api/orders/${id}/register`, {})).status).toBe(409)
      await second.stop('SIGTERM')

      // exactly once: one sealed file stored for the order
      const database = await open()
      try {
        const sealed = await database.db
          .select({ revision: renderings.revision })
          .from(renderings)
          .where(and(eq(renderings.orderId, id), eq(renderings.stage, 'sealed')))
        expect(sealed).toHaveLength(1)
      } finally {
        await database.close()
      }
    },
    180_000,
  )
})
