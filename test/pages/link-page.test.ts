import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../support/browser'
import { sampleContent } from '../support/harness'
import { addPersonOver, client, startServer, type RunningServer } from '../support/server'
import { hasTool } from '../support/tools'

const haveChromium = hasTool('chromium')

describe.skipIf(!haveChromium)('the link page in headless Chromium', () => {
  let server: RunningServer
  let browser: Browser
  let dir: string
  const api = () => client(server.url)

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'orders-page-'))
    server = await startServer({ DATA_DIR: dir, ADMIN_EMAIL: 'admin@page.test', ADMIN_PASSWORD: 'admin-password-1' })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  const submitted = async () => {
    const admin = api()
    await admin.signIn('admin@page.test', 'admin-password-1')
    const org = (await admin.call('POST', '/api/organizations', { name: ['ШКОЛА'] })).body
    const email = `clerk${Math.random().toString(36).slice(2, 8)}@page.test`
    await admin.call('POST', '/api/users', {
      email,
      name: 'Клерк',
      role: 'clerk',
      password: 'clerk-password-1',
      organizationId: org.id,
    })
    const clerk = api()
    await clerk.signIn(email, 'clerk-password-1')
    // the people of the route, each with an account: the link page acts for them signed in
    const suffix = Math.random().toString(36).slice(2, 8)
    const deputy = { email: `deputy${suffix}@page.test`, name: 'Романова Ирина Евгеньевна', role: 'approver' as const }
    const chief = { email: `director${suffix}@page.test`, name: 'Петров Сергей Николаевич', role: 'director' as const }
    const [deputyMade, chiefMade] = [
      await addPersonOver(server.url, admin, org.id, deputy),
      await addPersonOver(server.url, admin, org.id, chief),
    ]
    const id = (await clerk.call('POST', '/api/orders', sampleContent({ title: 'О проведении олимпиады' }))).body.id
    const links = (
      await clerk.call('POST', `/api/orders/${id}/submit`, {
        approvers: [deputyMade.ref],
        sequential: true,
        signer: chiefMade.ref,
      })
    ).body.links
    const path = (url: string) => new URL(url).pathname
    /** a browser page signed in as one of them */
    const pageOf = async (who: { email: string }) => {
      const page = await (await browser.newContext()).newPage()
      await page.goto(`${server.url}/signin`)
      await page.fill('#email', who.email)
      await page.fill('#password', deputyMade.password)
      await Promise.all([page.waitForURL((u) => u.pathname !== '/signin'), page.click('button[type=submit]')])
      return page
    }
    return {
      clerk,
      id,
      approver: path(links[0].url),
      signer: path(links[1].url),
      deputyPage: () => pageOf(deputy),
      chiefPage: () => pageOf(chief),
    }
  }

  it('shows the document to the approver, who approves; the signer then signs; a used link says so', async () => {
    const { clerk, id, approver, signer, deputyPage, chiefPage } = await submitted()
    const director = await chiefPage()
    await director.goto(server.url + signer)
    expect(await director.textContent('body')).toContain('Подписание станет доступно после согласования')

    const page = await deputyPage()
    await page.goto(server.url + approver)
    expect(await page.textContent('h1')).toBe('Согласование документа')
    expect(await page.textContent('.doc')).toContain('О проведении олимпиады')
    expect(await page.textContent('.doc')).toContain('1. Утвердить план мероприятий')
    // the same view as the PDF and the DOCX: the control clause is the last numbered point, the date a blank
    expect(await page.textContent('.doc')).toContain('3. Контроль за исполнением')
    expect(await page.textContent('.doc')).toContain('от __________ № ______')
    await page.click('text=Согласовать')
    await page.waitForSelector('#result:not([hidden])')
    expect(await page.textContent('#result')).toContain('Состояние приказа: на подписании')

    await director.goto(server.url + signer)
    // the state first, in words; the visas (who, when) before the decision
    expect(await director.textContent('#state')).toBe('Документ согласован и ждёт вашей подписи.')
    expect(await director.textContent('.visas')).toMatch(/согласовано \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}/)
    // signing asks once more; «Отмена» signs nothing
    await director.getByRole('button', { name: 'Подписать', exact: true }).click()
    await director.getByRole('button', { name: 'Отмена' }).click()
    expect((await clerk.call('GET', `/api/orders/${id}`)).body.status).toBe('signature')
    await director.getByRole('button', { name: 'Подписать', exact: true }).click()
    await director.getByRole('button', { name: 'Да, подписать' }).click()
    await director.waitForSelector('#result:not([hidden])')
    expect(await director.textContent('#result')).toContain('Состояние приказа: подписан')
    expect((await clerk.call('GET', `/api/orders/${id}`)).body.status).toBe('signed')

    const gone = await page.goto(server.url + approver)
    expect(gone!.status()).toBe(410)
    expect(await page.textContent('h1')).toBe('Ссылка больше не действует')
    await page.close()
  })

  it('requires a comment to return, said where it is typed; the return goes with it', async () => {
    const { clerk, id, approver, deputyPage } = await submitted()
    const page = await deputyPage()
    await page.goto(server.url + approver)
    await page.click('text=Вернуть на доработку')
    await page.waitForSelector('#comment-error:not([hidden])')
    expect(await page.textContent('#comment-error')).toContain('Напишите, что исправить')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('comment')
    expect((await clerk.call('GET', `/api/orders/${id}`)).body.status).toBe('approval')
    await page.fill('#comment', 'Уточните сроки')
    await page.click('text=Вернуть на доработку')
    await page.waitForFunction(() => document.querySelector('#result')?.textContent?.includes('возвращён на доработку'))
    expect((await clerk.call('GET', `/api/orders/${id}`)).body.status).toBe('draft')
    await page.close()
  })

  it('lets the director return the order with a comment instead of signing: every link revoked, the list marks it', async () => {
    const { clerk, id, approver, signer, deputyPage, chiefPage } = await submitted()
    const page = await deputyPage()
    await page.goto(server.url + approver)
    await page.click('text=Согласовать')
    await page.waitForSelector('#result:not([hidden])')
    await page.close()
    const director = await chiefPage()
    await director.goto(server.url + signer)
    await director.fill('#comment', 'Срок в п. 2 нереален')
    await director.click('text=Вернуть на доработку')
    await director.waitForFunction(() => document.querySelector('#result')?.textContent?.includes('возвращён'))
    const order = (await clerk.call('GET', `/api/orders/${id}`)).body
    expect(order.status).toBe('draft')
    const gone = await director.goto(server.url + signer)
    expect(gone!.status()).toBe(410)
    const list = (await clerk.call('GET', '/api/orders?status=draft')).body.items.find(
      (o: { id: string }) => o.id === id,
    )
    expect(list.returned).toMatchObject({ role: 'signer', comment: 'Срок в п. 2 нереален' })
    await director.close()
  })
})
