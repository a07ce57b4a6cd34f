import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, screenshot, seriousViolations, submitWithKeyboard } from '../support/browser'
import { sampleContent } from '../support/harness'
import { addJournal, addPersonOver, client, type RunningServer, startServer } from '../support/server'
import { hasTool, run } from '../support/tools'

const ADMIN = { email: 'root@profile.test', password: 'admin-password-1' }
const ORG_ADMIN = { email: 'admin@profile.test', password: 'admin-password-2' }
const CLERK = { email: 'clerk@profile.test', password: 'clerk-password-1' }

/** The admin renames the organization on its page; the next draft prints the new letterhead, a registered one not. */
describe.skipIf(!hasTool('chromium') || !hasTool('pdftotext'))('the organization profile in Chromium', () => {
  let server: RunningServer
  let browser: Browser
  let dir: string
  let orgId: string
  let registeredId: string
  const clerk = () => client(server.url)

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'orders-profile-'))
    server = await startServer({ DATA_DIR: dir, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password })
    const root = client(server.url)
    await root.signIn(ADMIN.email, ADMIN.password)
    orgId = (
      await root.call('POST', '/api/organizations', { name: ['УПРАВЛЕНИЕ ОБРАЗОВАНИЯ (ДЕМО)'], place: 'г. Город' })
    ).body.id
    for (const [who, role] of [
      [ORG_ADMIN, 'admin'],
      [CLERK, 'clerk'],
    ] as const)
      expect((await root.call('POST', '/api/users', { ...who, name: role, role, organizationId: orgId })).status).toBe(
        201,
      )
    await addJournal(root, orgId)
    const director = await addPersonOver(server.url, root, orgId, {
      email: 'director@profile.test',
      name: 'Смирнова Елена Викторовна',
      role: 'director',
    })
    // an order registered under the demo letterhead
    const c = clerk()
    await c.signIn(CLERK.email, CLERK.password)
    registeredId = (await c.call('POST', '/api/orders', sampleContent())).body.id
    const submitted = await c.call('POST', `/api/orders/${registeredId}/submit`, {
      approvers: [],
      signer: director.ref,
    })
    expect(submitted.status).toBe(200)
    const link = new URL(submitted.body.links.at(-1).url).pathname
    expect((await director.client.call('POST', `/api${link}/sign`, {})).status).toBe(200)
    expect((await c.call('POST', `/api/orders/${registeredId}/register`, {})).status).toBe(200)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  /** The words of an order's PDF as the clerk downloads it. */
  const pdfWords = async (id: string, file: string) => {
    const token = (await (
      await fetch(`${server.url}/api/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(CLERK),
      })
    ).json()) as { token: string }
    const res = await fetch(`${server.url}/api/orders/${id}/document.pdf`, {
      headers: { authorization: `Bearer ${token.token}` },
    })
    expect(res.status).toBe(200)
    writeFileSync(join(dir, file), new Uint8Array(await res.arrayBuffer()))
    return run('pdftotext', [join(dir, file), '-']).replace(/\s+/g, ' ')
  }

  it('renames the organization on its page: the next draft prints it, the registered order does not', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${server.url}/signin`)
    await page.fill('#email', ORG_ADMIN.email)
    await page.fill('#password', ORG_ADMIN.password)
    await Promise.all([page.waitForURL((u) => u.pathname !== '/signin'), page.click('button[type=submit]')])
    await page.goto(`${server.url}/admin/organizations`)
    await Promise.all([
      page.waitForURL(`**/admin/organizations/${orgId}`),
      page.getByRole('link', { name: 'Изменить' }).click(),
    ])
    expect(await page.inputValue('#name')).toBe('УПРАВЛЕНИЕ ОБРАЗОВАНИЯ (ДЕМО)')
    await page.fill('#parent', 'АДМИНИСТРАЦИЯ ГОРОДА СМОЛЕНСКА')
    await page.fill('#name', 'КОМИТЕТ\nПО ОБРАЗОВАНИЮ')
    await page.fill('#place', 'г. Смоленск')
    await page.selectOption('#defaultSignerId', { label: 'Смирнова Елена Викторовна, Директор' })
    const saved = await submitWithKeyboard(page, page.getByRole('button', { name: 'Сохранить' }), 'profile-save')
    expect(saved.status()).toBe(303)
    await page.waitForURL(/done=saved/)
    expect(await page.locator('.notice.ok').textContent()).toContain('Сохранено.')
    expect(await page.locator('section.card li').first().textContent()).toContain(
      'изменено: наименование, вышестоящий орган, место издания, подписант по умолчанию',
    )
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'organization-profile-1366')
    await page.setViewportSize({ width: 390, height: 844 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await screenshot(page, 'organization-profile-390')
    expect(errors).toEqual([])
    await context.close()

    const c = clerk()
    await c.signIn(CLERK.email, CLERK.password)
    const next = (await c.call('POST', '/api/orders', sampleContent())).body.id
    const draft = await pdfWords(next, 'next.pdf')
    expect(draft).toContain('АДМИНИСТРАЦИЯ ГОРОДА СМОЛЕНСКА КОМИТЕТ ПО ОБРАЗОВАНИЮ')
    expect(draft).toContain('г. Смоленск')
    const registered = await pdfWords(registeredId, 'registered.pdf')
    expect(registered).toContain('УПРАВЛЕНИЕ ОБРАЗОВАНИЯ (ДЕМО)')
    expect(registered).toContain('г. Город')
    expect(registered).not.toContain('КОМИТЕТ')
  })
})
