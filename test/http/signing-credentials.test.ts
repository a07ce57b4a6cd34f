import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testDatabases } from '../support/databases'
import { sampleContent, tokenOf, useHarness } from '../support/harness'
import { makePkcs12 as makeP12 } from '../support/pkcs12'
import { hasTool, run } from '../support/tools'

const dir = mkdtempSync(join(tmpdir(), 'orders-p12-'))
const HOLDER = 'Загрузова Анна Сергеевна'

const makePkcs12 = (name: string, password: string) => makeP12(name, { subject: `/CN=${HOLDER}/O=Школа`, password })

describe.each(testDatabases())('PKCS#12 upload by an admin ($name)', ({ open }) => {
  const h = useHarness(open)
  const upload = async (token: string, fields: Record<string, string | Uint8Array>) => {
    const form = new FormData()
    for (const [k, v] of Object.entries(fields)) {
      if (typeof v === 'string') form.append(k, v)
      else form.append(k, new Blob([v as BlobPart]), 'key.p12')
    }
    const res = await h.app.request('/api/signing/credentials', {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${token}` },
    })
    return { status: res.status, body: await res.json() }
  }

  it.runIf(hasTool('openssl') && hasTool('pdfsig'))(
    "checked on upload, then used for that person's next signature",
    async () => {
      const file = makePkcs12('dir', 'p12-secret')
      // the service's clock after the certificate's start (openssl dates it now, to the second)
      await h.setClock(new Date(Date.now() + 1000))
      const admin = h.orgs[0]!.admin
      const email = 'dir@test.local'
      expect((await upload(h.orgs[0]!.clerk, { file, password: 'p12-secret', email })).status).toBe(403)
      const wrong = await upload(admin, { file, password: 'not it', email })
      expect(wrong.status).toBe(422)
      expect(wrong.body.error.message).toContain('пароль')
      expect((await upload(admin, { file: new TextEncoder().encode('not a pfx'), password: 'x', email })).status).toBe(
        422,
      )
      expect((await upload(admin, { file, password: 'p12-secret', email: 'not an address' })).status).toBe(422)
      // a certificate no longer valid at the service's time is refused
      const start = h.clock.now()
      h.clock.set(new Date(start.getTime() + 21 * 86_400_000))
      const late = await upload(admin, { file, password: 'p12-secret', email })
      h.clock.set(start)
      expect(late.status).toBe(422)
      expect(late.body.error.message).toContain('недействителен')

      const ok = await upload(admin, { file, password: 'p12-secret', email: 'DIR@test.local' })
      expect(ok.body).toMatchObject({ commonName: HOLDER })
      expect(ok.status).toBe(201)
      expect(ok.body.commonName).toBe(HOLDER)
      expect(ok.body.holder).toBe(email)
      expect(JSON.stringify(ok.body)).not.toContain('p12-secret')

      const clerk = h.orgs[0]!.clerk
      const id = (await h.call('POST', '/api/orders', { token: clerk, body: sampleContent() })).body.id
      const links = (
        await h.call('POST', `/api/orders/${id}/submit`, {
          token: clerk,
          body: {
            approvers: [],
            sequential: false,
            // the holder's account (the upload named its e-mail): the route names it by id
            signer: {
              userId: (
                await h.addPerson({ name: 'Смирнова Елена Викторовна', position: 'Начальник', email, role: 'director' })
              ).userId,
            },
          },
        })
      ).body.links as { url: string }[]
      expect((await h.call('POST', `/api/links/${tokenOf(links[0]!.url)}/sign`, { body: {} })).status).toBe(200)
      const res = await h.app.request(`/api/orders/${id}/signed.pdf`, { headers: { authorization: `Bearer ${clerk}` } })
      writeFileSync(join(dir, 'signed.pdf'), new Uint8Array(await res.arrayBuffer()))
      const out = run('pdfsig', [join(dir, 'signed.pdf')])
      expect(out).toContain('Signature Validation: Signature is Valid.')
      expect([...out.matchAll(/Signer Certificate Common Name: (.*)/g)].map((m) => m[1])).toEqual([HOLDER])
    },
  )
})
