import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import { afterAll, describe, expect, it } from 'vitest'
import { type Database, openDatabase } from '../../src/db/client'
import { isMigrated, migrateDatabase } from '../../src/db/migrate'
import { queryRows } from '../../src/db/raw'
import { createRenderPool } from '../../src/documents/render-pool'
import { createApp } from '../../src/http/app'
import { systemClock } from '../../src/services/context'
import { freshPostgresDatabase, postgresUrl } from '../support/databases'
import { testKeys } from '../support/harness'

/**
 * A database made and filled by the first released version (e06335e: migrations 0000–0002), through its own
 * HTTP API, kept as plain SQL (test/fixtures/first-release/first-release.sql, made by make.sh there). The
 * current migrations take it to today's schema, and the current code reads, renders and verifies every order
 * and goes on with their lives.
 */
const fixture = readFileSync(
  fileURLToPath(new URL('../fixtures/first-release/first-release.sql', import.meta.url)),
  'utf8',
)
const PASSWORD = 'first-release-1'

type Loaded = Database & { drop?: () => Promise<void> }
const cases: { name: string; load: () => Promise<Loaded> }[] = [
  {
    name: 'pglite',
    load: async () => {
      const database = await openDatabase({})
      const client = (database.db as unknown as { $client: { exec: (q: string) => Promise<unknown> } }).$client
      await client.exec(fixture)
      // the dump empties search_path for its session, which is PGlite's only one
      await client.exec('reset search_path')
      return database
    },
  },
  ...(postgresUrl
    ? [
        {
          name: 'postgres',
          load: async () => {
            const { url, drop } = await freshPostgresDatabase(postgresUrl!)
            const loader = postgres(url, { max: 1, onnotice: () => {} })
            await loader.unsafe(fixture)
            await loader.end()
            return { ...(await openDatabase({ url })), drop }
          },
        },
      ]
    : []),
]

const closers: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const c of closers.reverse()) await c()
})

describe.each(cases)('from the first released schema to the current one ($name)', ({ load }) => {
  it('every order still reads, renders and verifies, and goes on with its life', async () => {
    const database = await load()
    closers.push(async () => {
      await database.close()
      await database.drop?.()
    })
    const rows = <T extends Record<string, unknown>>(q: ReturnType<typeof sql>) => queryRows<T>(database.db, q)
    type Order = { id: string; status: string; number: string | null; title: string; version: number; kind: string }
    const before = await rows<Order>(sql`select id, snapshot ->> 'value' as status, number, title, version, kind
      from orders order by created_at, id`)
    expect(before.map((o) => o.status).sort()).toEqual([
      'approval',
      'cancelled',
      'draft',
      'draft',
      'draft',
      'registered',
      'registered',
      'registered',
      'registered',
      'signed',
    ])
    expect(await isMigrated(database.db)).toBe(false)
    // the old routes typed people by name and e-mail; the deputy's e-mail is an account of the organization by
    // now (made here, in the old schema), the director's is none
    await database.db.execute(sql`insert into users (id, organization_id, email, name, position, role, password_hash, created_at)
      select '0d0d0d0d-0000-4000-8000-000000000001', organization_id, 'Deputy@old.test', 'Романова Ирина Евгеньевна',
        'Заместитель', 'clerk', password_hash, now() from users where email = 'clerk@old.test'`)

    await migrateDatabase(database)
    // migration 0014 binds each typed person whose e-mail is an account of the order's organization to it
    const bound = await rows<{ email: string; user_id: string | null }>(
      sql`select distinct email, user_id::text from approvals order by email`,
    )
    expect(bound).toEqual([
      { email: 'deputy@old.test', user_id: '0d0d0d0d-0000-4000-8000-000000000001' },
      { email: 'director@old.test', user_id: null },
    ])
    expect(await isMigrated(database.db)).toBe(true)
    // migration 0022 pins every saved version to the letterhead it has printed with: its organization's as it is
    const pins = await rows<{ versions: number; pinned: number }>(sql`select count(*)::int as versions,
        count(*) filter (where v.letterhead -> 'name' = g.name and v.letterhead -> 'place' = to_jsonb(g.place)
          and v.letterhead -> 'directive' = 'null'::jsonb)::int as pinned
      from order_versions v join orders o on o.id = v.order_id join organizations g on g.id = o.organization_id`)
    expect(pins[0]!.versions).toBeGreaterThan(before.length)
    expect(pins[0]!.pinned).toBe(pins[0]!.versions)

    const renderer = createRenderPool({ threads: 1 })
    closers.push(() => renderer.close())
    const app = createApp(
      { db: database.db, clock: systemClock, linkTtlDays: 7, publicUrl: 'http://t', renderer, keys: testKeys },
      { log: () => {} },
    )
    const call = async (token: string | undefined, method: string, path: string, body?: unknown) => {
      const res = await app.request(path, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const type = res.headers.get('content-type') ?? ''
      return {
        status: res.status,
        body: type.includes('json') ? await res.json() : undefined,
        bytes: type.includes('json') ? undefined : new Uint8Array(await res.arrayBuffer()),
      }
    }
    // the passwords the old code hashed still sign in
    const signIn = async (email: string) => {
      const res = await call(undefined, 'POST', '/api/auth/token', { email, password: PASSWORD })
      expect(res.status).toBe(200)
      return res.body.token as string
    }
    const clerk = await signIn('clerk@old.test')
    const admin = await signIn('admin@old.test')

    // every order reads as the old code left it, and renders as PDF and DOCX
    for (const o of before) {
      const read = await call(clerk, 'GET', `/api/orders/${o.id}`)
      expect(read.status).toBe(200)
      expect(read.body).toMatchObject({ id: o.id, status: o.status, number: o.number, version: o.version })
      expect(read.body.content.title).toBe(o.title)
      const history = await call(clerk, 'GET', `/api/orders/${o.id}/history`)
      expect(history.status).toBe(200)
      expect(history.body.events.length).toBeGreaterThan(0)
      const pdf = await call(clerk, 'GET', `/api/orders/${o.id}/document.pdf`)
      expect(pdf.status).toBe(200)
      expect(Buffer.from(pdf.bytes!.subarray(0, 5)).toString()).toBe('%PDF-')
      const docx = await call(clerk, 'GET', `/api/orders/${o.id}/document.docx`)
      expect(docx.status).toBe(200)
      expect(Buffer.from(docx.bytes!.subarray(0, 2)).toString()).toBe('PK')
    }
    // the list and the full-text search (whose table came in 0002) find them
    const list = await call(clerk, 'GET', '/api/orders?limit=100')
    expect(list.status).toBe(200)
    expect(list.body.items).toHaveLength(before.length)
    const found = await call(clerk, 'GET', `/api/orders?q=${encodeURIComponent('дорожной карты')}&limit=100`)
    // every title but the second version's («ред. 2») says «дорожная карта»
    expect(found.body.items.map((o: { id: string }) => o.id).sort()).toEqual(
      before
        .filter((o) => o.title.includes('дорожная карта'))
        .map((o) => o.id)
        .sort(),
    )
    expect(found.body.items).toHaveLength(before.length - 1)

    // every audit chain the old code wrote verifies under today's verification
    const audit = await call(admin, 'GET', '/api/audit/verify')
    expect(audit.status).toBe(200)
    expect(audit.body.chains.filter((c: { ok: boolean }) => !c.ok)).toEqual([])
    expect(audit.body.ok).toBe(true)
    expect(audit.body.chains.filter((c: { scope: string }) => c.scope === 'order')).toHaveLength(before.length)

    // life goes on: the signed order takes the next number of its journal after the old ones (1-ОД, 2-ОД, 1/1-ОД)
    const numbers = before.filter((o) => o.number).map((o) => o.number)
    expect(numbers.sort()).toEqual(['1-ОД', '1-р', '1/1-ОД', '2-ОД'])
    const signed = before.find((o) => o.status === 'signed')!
    const registered = await call(clerk, 'POST', `/api/orders/${signed.id}/register`, {})
    expect(registered.status).toBe(200)
    expect(registered.body.number).toBe('3-ОД')
    // the order the old code sent for approval (nothing pinned then) gets fresh links; its approver's visa and
    // the director's signature go on the file made at the first decision, and it is registered and sealed
    // (the deputy, bound to her account, decides signed in as it and never by the link alone; the director, typed
    // with no account, still decides by the link until decided)
    const inApproval = before.find((o) => o.status === 'approval')!
    const deputy = await signIn('deputy@old.test')
    for (const [decision, next, as] of [
      ['approve', 'signature', deputy],
      ['sign', 'signed', undefined],
    ]) {
      const links = await call(clerk, 'POST', `/api/orders/${inApproval.id}/links/reissue`)
      expect(links.status).toBe(200)
      const token = (links.body.links[0].url as string).split('/links/')[1]
      if (as) {
        expect((await call(undefined, 'POST', `/api/links/${token}/${decision}`, {})).status).toBe(401)
        expect((await call(clerk, 'POST', `/api/links/${token}/${decision}`, {})).status).toBe(403)
      }
      expect((await call(as, 'POST', `/api/links/${token}/${decision}`, {})).body).toMatchObject({ status: next })
    }
    const sealed = await call(clerk, 'POST', `/api/orders/${inApproval.id}/register`, {})
    expect(sealed.body).toMatchObject({ number: '4-ОД', sealed: true })
    const file = await call(clerk, 'GET', `/api/orders/${inApproval.id}/registered.pdf`)
    expect(file.status).toBe(200)
    const report = await app.request('/api/verify', { method: 'POST', body: file.bytes })
    const verified = (await report.json()) as { allValid: boolean; signatures: unknown[] }
    expect(verified.allValid).toBe(true)
    expect(verified.signatures).toHaveLength(4) // visa, signature, seal, document time-stamp (B-LTA)
    // a draft of the old code is edited into a new version
    const draft = before.find((o) => o.status === 'draft')!
    const read = await call(clerk, 'GET', `/api/orders/${draft.id}`)
    const edited = await call(clerk, 'PUT', `/api/orders/${draft.id}`, {
      ...read.body.content,
      title: 'Новая редакция',
    })
    expect(edited.status).toBe(200)
    expect(edited.body.version).toBe(draft.version + 1)
    // and the chains still verify after the new events
    expect((await call(admin, 'GET', '/api/audit/verify')).body.ok).toBe(true)
  }, 300_000)
})
