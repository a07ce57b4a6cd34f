import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, seriousViolations } from '../support/browser'
import { fixturesDir, sampleText } from '../support/import'
import { client, type RunningServer, startServer } from '../support/server'
import { hasTool } from '../support/tools'

/**
 * On a new order, «Вставить текст приказа» and «Загрузить .docx» fill the whole form from the import, the
 * importer's doubts beside their fields; the clerk saves the draft as filled.
 */
const ADMIN = { email: 'admin@import.test', password: 'admin-password-1' }
const CLERK = { email: 'clerk@import.test', password: 'clerk-password-1' }

describe.skipIf(!hasTool('chromium'))('the editor filled from an order’s text', () => {
  let server: RunningServer
  let browser: Browser
  let dir: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'orders-import-'))
    server = await startServer({ DATA_DIR: dir, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password })
    const admin = client(server.url)
    await admin.signIn(ADMIN.email, ADMIN.password)
    const org = (await admin.call('POST', '/api/organizations', { name: ['ШКОЛА № 5'], place: 'Смоленск' })).body
    const res = await admin.call('POST', '/api/users', {
      email: CLERK.email,
      name: 'Клерк',
      role: 'clerk',
      password: CLERK.password,
      organizationId: org.id,
    })
    expect(res.status).toBe(201)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('pasted text and a .docx fill the form; the doubts stand beside their fields; the draft saves', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${server.url}/signin`)
    await page.fill('#email', CLERK.email)
    await page.fill('#password', CLERK.password)
    await Promise.all([page.waitForURL((u) => u.pathname !== '/signin'), page.click('button[type=submit]')])
    await page.goto(`${server.url}/orders/new`)

    await page.click('#import summary')
    await page.fill('#import-text', sampleText('001_b5a9738c17053c3d'))
    await page.click('#import-paste')
    await page.waitForFunction(() =>
      document.getElementById('import-result')?.textContent?.startsWith('Приказ заполнен'),
    )
    expect(await page.inputValue('[data-path="title"]')).toMatch(/^Об утверждении плана мероприятий/)
    expect(await page.inputValue('[data-path="points.1.executors"]')).toBe('')
    expect(await page.inputValue('[data-path="signer.name"]')).toBe('Т.А. Оловянникова')
    // the mark citing «226/1-09» under an order numbered «226/1-г»: said beside the appendix and in the list
    await page.waitForFunction(() => document.getElementById('problems')?.textContent?.includes('226/1-09'))
    expect(await page.locator('.problems .doubt').count()).toBeGreaterThan(0)
    expect(await seriousViolations(page)).toEqual([])

    await page.setInputFiles('#import-file', join(fixturesDir, 'import', 'docx', '000_1039cd3ac12a3b5b.docx'))
    await page.waitForFunction(() =>
      (document.querySelector('[data-path="title"]') as HTMLTextAreaElement | null)?.value.includes('2023 /2024'),
    )
    expect(await page.inputValue('[data-path="points.2.points.0.deadline"]')).toBe('не позднее 30.11.2023')
    // beside the point's own text: the slot of points.2.points.0.text holds the doubt on that point
    await page
      .locator('[data-problems-for="points.2.points.0.text"] .doubt', { hasText: 'Пункт написан «2.1.»' })
      .waitFor({ timeout: 10_000 })

    await Promise.all([page.waitForURL(/\/orders\/[^/]+\?saved=1$/), page.click('#save')])
    expect(errors).toEqual([])
  }, 120_000)
})
