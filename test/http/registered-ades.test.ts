import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findCa } from '../../src/db/signing-credentials'
import { issueToken } from '../../src/services/auth'
import { testDatabases } from '../support/databases'
import { PASSWORD, sampleContent, tokenOf, useHarness } from '../support/harness'
import { accountsFor } from '../support/people'
import { run } from '../support/tools'

/** pyHanko lives outside CI (README): the test runs where it is installed. */
const pyhanko = process.env.PYHANKO ?? '/work/pyhanko-venv/bin/pyhanko'

const approvers = [
  { name: 'Иванова Ирина Петровна', position: 'Заместитель начальника', email: 'ivanova@test.local' },
  { name: 'Петров Пётр Сергеевич', position: 'Юрисконсульт', email: 'petrov@test.local' },
]
const director = { name: 'Смирнова Елена Викторовна', position: 'Начальник управления', email: 'dir@test.local' }

/** pyHanko's AdES (LTA) verdict for each signature field, at a validation time or now. */
const adesVerdicts = (dir: string, at?: Date) => {
  const args = ['sign', 'adesverify', '--executive-summary', '--trust', join(dir, 'ca.pem'), '--trust-replace']
  if (at) args.push('--validation-time', at.toISOString())
  const res = spawnSync(pyhanko, [...args, join(dir, 'registered.pdf')], { encoding: 'utf8', timeout: 300_000 })
  return Object.fromEntries(
    [...res.stdout.matchAll(/^([^:\n]+):[0-9a-f]{64}:(\w+)$/gm)].map((m) => [m[1]!, m[2]!] as const),
  )
}

describe.each(testDatabases().slice(0, 1))('pyHanko’s AdES validation of a registered file ($name)', ({ open }) => {
  const h = useHarness(open)

  // The harness clock stands still; here it follows the system clock, so each signing time, CRL and time-stamp
  // is a distinct moment and "now" is right after the registration, as for a file just made.
  const tick = async () => {
    await new Promise((r) => setTimeout(r, 1100))
    h.clock.set(new Date())
  }

  it.runIf(existsSync(pyhanko))(
    'judges every signature VALID with the CA as the only root, now and five years on',
    async () => {
      await tick()
      const clerk = (await issueToken(h.deps, { email: 'clerk0@test.local', password: PASSWORD })).token
      const id = (await h.call('POST', '/api/orders', { token: clerk, body: sampleContent() })).body.id as string
      await tick()
      const route = await accountsFor(h)({ approvers, sequential: true, signer: director })
      const sub = await h.call('POST', `/api/orders/${id}/submit`, { token: clerk, body: route })
      expect(sub.status).toBe(200)
      const tokens = (sub.body.links as { url: string }[]).map((l) => tokenOf(l.url))
      for (const t of tokens.slice(0, 2)) {
        await tick()
        expect((await h.call('POST', `/api/links/${t}/approve`, { body: {} })).status).toBe(200)
      }
      await tick()
      expect((await h.call('POST', `/api/links/${tokens[2]}/sign`)).status).toBe(200)
      await tick()
      expect((await h.call('POST', `/api/orders/${id}/register`, { token: clerk, body: {} })).body.sealed).toBe(true)
      const res = await h.app.request(`/api/orders/${id}/registered.pdf`, {
        headers: { authorization: `Bearer ${clerk}` },
      })
      const dir = mkdtempSync(join(tmpdir(), 'orders-ades-'))
      writeFileSync(join(dir, 'registered.pdf'), new Uint8Array(await res.arrayBuffer()))
      writeFileSync(join(dir, 'ca.der'), (await findCa(h.deps.db, h.orgs[0]!.id))!.certificate)
      writeFileSync(join(dir, 'ca.pem'), run('openssl', ['x509', '-inform', 'DER', '-in', join(dir, 'ca.der')]))

      const all = { visa1: 'VALID', visa2: 'VALID', signer: 'VALID', seal: 'VALID' }
      expect(adesVerdicts(dir)).toEqual(all)
      // five years on every person's certificate has expired: only the document time-stamp's proof of existence
      // and the DSS's CRLs carry the signatures (past signature validation)
      const later = new Date(Date.now() + 5 * 365.25 * 86_400_000)
      expect(adesVerdicts(dir, later)).toEqual(all)
    },
    600_000,
  )
})
