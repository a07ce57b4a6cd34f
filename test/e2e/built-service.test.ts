import { mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { sampleContent } from '../support/harness'
import { client, startArgs, startServer, type RunningServer } from '../support/server'

const dir = mkdtempSync(join(tmpdir(), 'orders-built-'))
let server: RunningServer | undefined
afterAll(async () => {
  await server?.stop('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

/**
 * The build `npm start` runs (src/build.mjs: one bundle in dist/, packages external, code split) finds
 * at run time everything the sources find beside themselves: the migrations, the built-in templates,
 * the pages' assets, the rendering thread's entry and the signing code loaded with the first signature.
 */
describe('the built service (npm start)', () => {
  it('runs plain JavaScript from dist/', () => {
    expect(startArgs).toEqual(['dist/main.js'])
  })

  it('migrates a new data directory, renders on its threads, signs and verifies', async () => {
    server = await startServer({ DATA_DIR: dir })
    const base = server.url
    // drizzle/ (migrations applied on the new directory, the journal read for readiness)
    const ready = await (await fetch(`${base}/api/health/ready`)).json()
    expect(ready.checks.migrations).toMatchObject({ ok: true })
    // src/http/assets
    const css = await fetch(`${base}/assets/app.css`)
    expect(css.status).toBe(200)
    expect((await css.text()).length).toBeGreaterThan(100)

    const line = (role: string) =>
      server!
        .output()
        .split('\n')
        .find((l) => l.trim().startsWith(role))!
    const [, email, password] = line('clerk').trim().split(/\s+/)
    const clerk = client(base)
    await clerk.signIn(email!, password!)
    const token = await signInToken(base, email!, password!)
    const id = (await clerk.call('POST', '/api/orders', sampleContent())).body.id
    const file = async (path: string) => {
      const res = await fetch(`${base}/api/orders/${id}/${path}`, {
        headers: { authorization: `Bearer ${token}` },
      })
      expect(res.status).toBe(200)
      return new Uint8Array(await res.arrayBuffer())
    }
    // dist/render-worker.js on a rendering thread
    expect(new TextDecoder().decode((await file('document.pdf')).slice(0, 5))).toBe('%PDF-')
    // templates/ (the built-in DOCX template), rendered on a thread too
    expect(new TextDecoder().decode((await file('document.docx')).slice(0, 2))).toBe('PK')

    // the signing code, an `import()` of its own chunk, with the first signature and the first verification
    // the demo's director, picked from the organization's people, signs signed in as herself
    const [, directorEmail, directorPassword] = line('director').trim().split(/\s+/)
    const people = (await clerk.call('GET', '/api/people')).body.items as { id: string; email: string }[]
    const link = (
      await clerk.call('POST', `/api/orders/${id}/submit`, {
        approvers: [],
        sequential: false,
        signer: { userId: people.find((p) => p.email === directorEmail)!.id },
      })
    ).body.links[0].url as string
    const director = client(base)
    await director.signIn(directorEmail!, directorPassword!)
    expect((await director.call('POST', `/api/links/${link.split('/links/')[1]}/sign`)).body.status).toBe('signed')
    const report = await (await fetch(`${base}/api/verify`, { method: 'POST', body: await file('signed.pdf') })).json()
    expect(report.allValid).toBe(true)
    expect(report.ours).toMatchObject({ orderId: id })
  }, 180_000)

  it('answers what node itself refuses (a URL over 16 KB, a request that is not HTTP) with the JSON error, in Russian', async () => {
    const long = await fetch(`${server!.url}/api/orders?q=${'щ'.repeat(4000)}`)
    expect(long.status).toBe(431)
    expect(long.headers.get('content-type')).toContain('application/json')
    expect((await long.json()).error).toMatchObject({ code: 'too_large', message: expect.stringContaining('16 КБ') })
    const { port } = new URL(server!.url)
    const raw = await new Promise<string>((resolve, reject) => {
      let answer = ''
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('НЕ HTTP\r\n\r\n'))
      socket.on('data', (d) => {
        answer += d.toString()
      })
      socket.on('end', () => resolve(answer))
      socket.on('error', reject)
    })
    expect(raw).toMatch(/^HTTP\/1\.1 400 /)
    expect(raw).toContain('Запрос не читается как HTTP/1.1')
  })
})

const signInToken = async (base: string, email: string, password: string) =>
  (
    await (
      await fetch(`${base}/api/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      })
    ).json()
  ).token as string
