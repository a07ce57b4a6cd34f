import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OrderContent, Point } from '../../src/domain/content'
import { launchChromium, screenshot, seriousViolations, submitWithKeyboard } from '../support/browser'
import { client, type RunningServer, startServer } from '../support/server'
import { hasTool } from '../support/tools'

const haveChromium = hasTool('chromium')
const sample000 = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'order-558.json'), 'utf8'),
) as OrderContent
const roadmap = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'order-226-1.json'), 'utf8'),
) as OrderContent

const ADMIN = { email: 'admin@pages.test', password: 'admin-password-1' }
const PASSWORD = 'page-password-1'
const users = {
  clerk: { email: 'clerk@pages.test', name: 'Иванова Мария Петровна', role: 'clerk' },
  controller: { email: 'controller@pages.test', name: 'Сидорова Анна Викторовна', role: 'controller' },
  director: {
    email: 'director@pages.test',
    name: 'Петров Сергей Николаевич',
    position: 'Начальник управления',
    role: 'director',
  },
  deputy: {
    email: 'deputy@pages.test',
    name: 'Романова Ирина Евгеньевна',
    position: 'Заместитель начальника',
    role: 'approver',
  },
  orgAdmin: { email: 'orgadmin@pages.test', name: 'Admin Latin', role: 'admin' },
}

/** A code or an English state word in a page's visible text: every word shown must be Russian. */
const rawWords = (text: string) =>
  text.match(
    /\b(?:draft|approval|signature|signed|registered|closed|cancelled|pending|approved|returned|overdue|on_control|due_soon|[a-z]+_[a-z_]+)\b/g,
  ) ?? []

describe.skipIf(!haveChromium)('the pages in headless Chromium', () => {
  let server: RunningServer
  let browser: Browser
  let dir: string
  const api = () => client(server.url)
  /** the accounts' ids: a route names people by them */
  const ids = {} as Record<keyof typeof users, string>
  let organizationId: string
  let adminApi: ReturnType<typeof client>
  /** an API client signed in as one of the users */
  const as = async (who: keyof typeof users) => {
    const c = api()
    await c.signIn(users[who].email, PASSWORD)
    return c
  }
  /**
   * A link opened by its person: not signed in, its page offers the sign-in, which comes back to the link.
   */
  const openLinkAs = async (page: Page, link: string, who: keyof typeof users) => {
    const first = await page.goto(url(link))
    expect(first?.status()).toBe(401)
    await Promise.all([
      page.waitForURL(/\/signin/),
      page.getByRole('link', { name: 'Войти и открыть документ' }).click(),
    ])
    await page.fill('#email', users[who].email)
    await page.fill('#password', PASSWORD)
    await Promise.all([page.waitForURL((u) => u.pathname === link), page.click('button[type=submit]')])
  }
  const url = (path: string) => server.url + path

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'orders-pages-'))
    server = await startServer({ DATA_DIR: dir, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password })
    const admin = api()
    await admin.signIn(ADMIN.email, ADMIN.password)
    const org = (
      await admin.call('POST', '/api/organizations', { name: ['УПРАВЛЕНИЕ ОБРАЗОВАНИЯ'], place: 'Смоленск' })
    ).body
    for (const [who, u] of Object.entries(users)) {
      const res = await admin.call('POST', '/api/users', { ...u, password: PASSWORD, organizationId: org.id })
      expect(res.status).toBe(201)
      ids[who as keyof typeof users] = res.body.id
    }
    organizationId = org.id
    adminApi = admin
    await admin.call('POST', '/api/journals', {
      name: 'Приказы по основной деятельности',
      kind: 'prikaz',
      pattern: '{n}-ОД',
      reset: 'yearly',
      organizationId: org.id,
    })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  const signedIn = async (who: keyof typeof users, viewport = { width: 1280, height: 900 }) => {
    const context = await browser.newContext({ viewport })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(url('/'))
    expect(new URL(page.url()).pathname).toBe('/signin')
    await page.fill('#email', users[who].email)
    await page.fill('#password', PASSWORD)
    await Promise.all([page.waitForURL((u) => u.pathname !== '/signin'), page.click('button[type=submit]')])
    return { context, page, errors }
  }

  /** Every page a test visits: no serious accessibility violation, a screenshot to look at. */
  const looked = async (page: Page, name: string) => {
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, name)
  }

  /** Types one point (and its sub-points) into the fieldset the editor made for it. */
  const typePoint = async (page: Page, fieldset: ReturnType<Page['locator']>, point: Point) => {
    await fieldset.getByLabel('Текст пункта').first().fill(point.text)
    if (point.executors?.length)
      await fieldset.getByLabel('Исполнители (через запятую)').first().fill(point.executors.join(', '))
    if (point.deadline) await fieldset.getByLabel('Срок').first().fill(point.deadline)
    for (const [i, sub] of (point.points ?? []).entries()) {
      await fieldset.locator(':scope > .tools').getByRole('button', { name: '+ Подпункт' }).click()
      await typePoint(page, fieldset.locator(':scope > .subpoints > fieldset').nth(i), sub)
    }
  }

  /** A tab-separated table as a spreadsheet puts it on the clipboard: the header, then the rows. */
  const asSpreadsheet = (table: NonNullable<NonNullable<OrderContent['appendices']>[number]['table']>, rows: number) =>
    [
      table.columns.map((c) => c.title).join('\t'),
      ...table.rows
        .slice(0, rows)
        .map((r) => ('section' in r ? r.section : r.cells.map((c) => c.replace(/\s+/g, ' ')).join('\t'))),
    ].join('\n')

  it('walks an order from the editor to its number: return, fix, approve, sign on a phone, register', async () => {
    const { context, page, errors } = await signedIn('clerk')
    await looked(page, '01-orders-empty')

    // the clerk drafts the 000 sample through the editor, with one appendix pasted from a spreadsheet
    await page.getByRole('link', { name: 'Новый приказ' }).first().click()
    await page.getByLabel('Заголовок («Об утверждении …»)').fill(sample000.title)
    await page.getByLabel('Преамбула («В соответствии с …»)').fill(sample000.preamble)
    for (const [i, point] of sample000.points.entries()) {
      if (i > 0) await page.getByRole('button', { name: '+ Пункт', exact: true }).click()
      await typePoint(page, page.locator('#points > fieldset').nth(i), point)
    }
    await page.getByLabel('Пункт о контроле').fill(sample000.control ?? '')
    await page.getByLabel('Должность подписывающего').fill(sample000.signer.position)
    await page.getByLabel('И.О. Фамилия подписывающего').fill(sample000.signer.name)
    await page.getByRole('button', { name: '+ Приложение' }).click()
    await page.getByLabel('Заголовок приложения').fill('План мероприятий («дорожная карта»)')
    await page.locator('#appendices select').first().selectOption('table')
    const tsv = asSpreadsheet(roadmap.appendices![0]!.table!, 6)
    await page.locator('textarea.paste').evaluate((el, text) => {
      const data = new DataTransfer()
      data.setData('text/plain', text)
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
    }, tsv)
    // the pasted header became the columns, the rows rows (a one-cell line a section row)
    const expectedRows = roadmap.appendices![0]!.table!.rows.slice(0, 6)
    await expect.poll(() => page.locator('#appendices tbody tr').count()).toBe(expectedRows.length)
    const sections = expectedRows.filter((r) => 'section' in r).length
    expect(await page.locator('#appendices tbody td[colspan]').count()).toBe(sections)
    // the clerk names the columns' roles: the deadline and executor columns put each row on control
    const columns = roadmap.appendices![0]!.table!.columns
    for (const [i, column] of columns.entries())
      if (column.role) await page.locator('#appendices thead select').nth(i).selectOption(column.role)
    // the live check lists the linter's problems beside the fields
    await expect.poll(() => page.locator('#problems li').count()).toBeGreaterThan(0)
    await looked(page, '02-editor')
    await Promise.all([page.waitForURL(/\/orders\/[0-9a-f-]{36}\?saved=1/), page.click('#save')])
    const id = new URL(page.url()).pathname.split('/')[2]!

    const clerkApi = api()
    await clerkApi.signIn(users.clerk.email, PASSWORD)
    const saved = (await clerkApi.call('GET', `/api/orders/${id}`)).body
    expect(saved.content.title).toBe(sample000.title)
    expect(saved.content.points).toEqual(sample000.points)
    expect(saved.content.appendices[0].table.columns).toEqual(
      roadmap.appendices![0]!.table!.columns.map((c) => ({ ...c, title: c.title.replace(/\s+/g, ' ') })),
    )
    await expect.poll(() => page.locator('.notice.ok').textContent()).toContain('Сохранена версия 1')
    await looked(page, '03-order-draft')

    // sent to one approver and the director; no mail here, so the links are shown to copy
    const submit = async () => {
      // the people are picked from the organization's accounts: the signer only among directors
      await page.selectOption('#a0-user', ids.deputy)
      expect(await page.locator('#signer-user option').allTextContents()).toEqual([
        '—',
        `${users.director.name}, ${users.director.position}`,
      ])
      await page.selectOption('#signer-user', ids.director)
      // the order page frames the PDF: its buttons are pressed, not clicked (see submitWithKeyboard)
      await submitWithKeyboard(page, page.getByRole('button', { name: 'Отправить', exact: true }), '04-order-submit')
      await page.waitForSelector('.link-url a')
      const hrefs = await page.locator('.link-url a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))
      return hrefs.map((h) => new URL(h).pathname)
    }
    const [approverLink, signerLink] = await submit()
    expect(approverLink).toMatch(/^\/links\//)
    await looked(page, '04-order-submitted')

    // the clerk holding the link cannot use it: the link acts only for its person
    await page.goto(url(approverLink!))
    expect(await page.locator('main').textContent()).toContain('Ссылка выдана другому сотруднику')
    await page.goto(url(`/orders/${id}`))
    // the approver, not signed in, is offered the sign-in, comes back to the link and returns it with a comment
    const approverPage = await (await browser.newContext()).newPage()
    await openLinkAs(approverPage, approverLink!, 'deputy')
    await looked(approverPage, '05-link-approver')
    await approverPage.fill('#comment', 'Уточните сроки в приложении')
    await approverPage.getByRole('button', { name: 'Вернуть на доработку' }).click()
    await approverPage.waitForSelector('#result:not([hidden])')
    expect(await approverPage.textContent('#result')).toContain('возвращён на доработку')
    // the used link now says so, with 410
    const gone = await approverPage.goto(url(approverLink!))
    expect(gone?.status()).toBe(410)
    expect(await approverPage.textContent('h1')).toBe('Ссылка больше не действует')
    await looked(approverPage, '06-link-used')

    // the clerk sees the comment, fixes the draft in the editor and resends
    await page.goto(url(`/orders/${id}`))
    expect(await page.locator('main').textContent()).toContain('Уточните сроки в приложении')
    await Promise.all([page.waitForURL(/\/edit$/), page.getByRole('link', { name: 'Редактировать' }).press('Enter')])
    const firstDeadline = page.locator('#points > fieldset').first().getByLabel('Срок').first()
    await firstDeadline.fill('до 30.06.2030')
    await looked(page, '07-editor-version-2')
    await Promise.all([page.waitForURL(/\?saved=2/), page.click('#save')])
    const [approverLink2, signerLink2] = await submit()
    expect(signerLink2).not.toBe(signerLink)

    await approverPage.goto(url(approverLink2!))
    await approverPage.getByRole('button', { name: 'Согласовать' }).click()
    await approverPage.waitForSelector('#result:not([hidden])')
    expect(await approverPage.textContent('#result')).toContain('на подписании')

    // the director signs in a phone-sized window
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    const phonePage = await phone.newPage()
    await openLinkAs(phonePage, signerLink2!, 'director')
    await looked(phonePage, '08-link-director-phone')
    const width = await phonePage.evaluate(() => document.documentElement.scrollWidth)
    expect(width).toBeLessThanOrEqual(390)
    await phonePage.getByRole('button', { name: 'Подписать' }).tap()
    await phonePage.getByRole('button', { name: 'Да, подписать' }).tap()
    await phonePage.waitForSelector('#result:not([hidden])')
    expect(await phonePage.textContent('#result')).toContain('подписан')

    // the clerk registers it: the journal's next number is shown, then taken
    await page.goto(url(`/orders/${id}`))
    expect(await page.locator('#journalId').textContent()).toContain('следующий номер 1-ОД')
    // the current file is the signed one, named as a clerk names it
    expect(await page.locator('.files .file-name').textContent()).toMatch(/^Приказ «.+» \(подписан\)\.pdf$/)
    // a click here was the flake: lost in the PDF viewer's frame, no form sent, a wait for a page that never came;
    // the first step asks for nothing irreversible: it shows the number the order will take
    await Promise.all([
      page.waitForURL(/\/register\?/, { waitUntil: 'domcontentloaded' }),
      page.getByRole('button', { name: 'Зарегистрировать…' }).press('Enter'),
    ])
    expect(await page.locator('.big-number').textContent()).toBe('№ 1-ОД')
    expect((await clerkApi.call('GET', `/api/orders/${id}`)).body.status).toBe('signed')
    await looked(page, '09-order-register-confirm')
    const registered = await submitWithKeyboard(
      page,
      page.getByRole('button', { name: 'Зарегистрировать под № 1-ОД' }),
      '09-order-register',
    )
    expect(registered.status()).toBe(303)
    // the page, not its frame: the PDF viewer in the frame loads late on a busy machine
    await page.waitForURL(/done=registered/, { waitUntil: 'domcontentloaded' })
    expect(await page.locator('main > p').first().textContent()).toContain('№ 1-ОД')
    expect(await page.locator('.files .file-name').textContent()).toBe(
      `Приказ № 1-ОД от ${(await clerkApi.call('GET', `/api/orders/${id}`)).body.date.split('-').reverse().join('.')}.pdf`,
    )
    await looked(page, '09-order-registered')
    // the record's pages, on a wide screen and a phone: Russian words only, nothing wider than the phone
    const journalId = (await clerkApi.call('GET', '/api/journals')).body.items[0].id
    const phoneView = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })
    const narrow = await phoneView.newPage()
    await narrow.context().addCookies(await context.cookies())
    for (const [name, path] of [
      ['12-start', '/start'],
      ['13-search-number', `/orders?q=${encodeURIComponent('1-ОД')}`],
      ['14-journal', `/journals/${journalId}`],
      ['15-approval-sheet', `/orders/${id}/approval-sheet`],
      ['16-verify', `/verify/${id}`],
    ] as const) {
      for (const [view, p] of [
        ['', page],
        ['-390', narrow],
      ] as const) {
        expect((await p.goto(url(path)))?.status(), path).toBe(200)
        await looked(p, `${name}${view}`)
        expect(rawWords(await p.evaluate(() => document.body.innerText)), path).toEqual([])
        if (view) expect(await p.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390)
      }
    }
    expect(await page.goto(url('/start')).then(() => page.locator('.pile').allTextContents())).toContain(
      '0 подписаны — ждут регистрации',
    )
    await page.goto(url(`/orders?q=${encodeURIComponent('1-ОД')}`))
    expect(await page.locator('main tbody tr').count()).toBe(1)
    await page.goto(url(`/journals/${journalId}`))
    expect(await page.locator('.closing').textContent()).toMatch(/зарегистрировано документов: 1, с № 1-ОД по № 1-ОД/)
    await phoneView.close()
    expect((await clerkApi.call('GET', `/api/orders/${id}`)).body).toMatchObject({
      status: 'registered',
      number: '1-ОД',
    })

    // the controller works the board: reports one item, extends another, removes a third
    const onControl = (await clerkApi.call('GET', `/api/control?orderId=${id}`)).body.items as {
      id: string
      due: string | null
      status: string
    }[]
    const rowsWithBoth = expectedRows.filter((r) => 'cells' in r && r.cells[4]?.trim() && r.cells[5]?.trim()).length
    expect(onControl.length).toBeGreaterThanOrEqual(rowsWithBoth)
    const [reported, extended, removed] = onControl
    const controller = await signedIn('controller')
    const board = controller.page
    await board.goto(url('/control'))
    expect(await board.locator('main tbody tr').count()).toBe(onControl.length)
    // overdue comes first: the roadmap's deadlines of 2024 are long past
    expect(await board.locator('main h2').first().textContent()).toContain('просрочено')
    await looked(board, '11-control-board')
    const act = async (itemId: string, action: string, fields: Record<string, string>) => {
      const form = board.locator(`form[action="/control/${itemId}/${action}"]`)
      await form.locator('xpath=ancestor::details').locator('summary').click()
      for (const [name, value] of Object.entries(fields)) await form.locator(`[name="${name}"]`).fill(value)
      await Promise.all([board.waitForURL(/done=/), form.locator('button[type=submit]').click()])
    }
    await act(reported!.id, 'report', { text: 'План разработан и утверждён' })
    expect(await board.locator('.notice.ok').textContent()).toContain('Исполнение отмечено')
    await act(extended!.id, 'extend', { due: '2030-12-25', reason: 'Перенос по служебной записке' })
    await act(removed!.id, 'remove', { reason: 'Мероприятие отменено' })
    const after = async (itemId: string) => (await clerkApi.call('GET', `/api/control/${itemId}`)).body
    expect((await after(reported!.id)).status).toBe('reported')
    expect((await after(extended!.id)).due).toBe('2030-12-25')
    expect((await after(removed!.id)).status).toBe('removed')
    await board.goto(url('/control?view=executor'))
    await looked(board, '12-control-by-executor')
    // a clerk reads the board and has no decisions to take
    await page.goto(url('/control'))
    expect(await page.locator('main details').count()).toBe(0)

    // the discipline report of the period, with its chart and downloads
    await board.goto(url('/reports/discipline?from=2024-01-01&to=2030-12-31'))
    const total = board.locator('tr.total td').first()
    expect(Number(await total.textContent())).toBe(onControl.length)
    expect(await board.locator('svg[role=img]').count()).toBeGreaterThan(0)
    await looked(board, '13-discipline')
    const xlsx = await board.request.get(
      url(
        await board
          .locator('a', { hasText: 'XLSX' })
          .getAttribute('href')
          .then((h) => h!),
      ),
    )
    expect(xlsx.status()).toBe(200)
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml')
    await controller.context.close()

    // the orders list finds it by a word in another form (Russian morphology)
    await page.goto(url('/orders?q=дорожная+карта'))
    expect(await page.locator('tbody tr').count()).toBe(1)
    await looked(page, '10-orders-search')
    expect(errors).toEqual([])
    await context.close()
    await phone.close()
  }, 240_000)

  it("previews a deadline in the editor from the organization's day, whatever the browser's clock says", async () => {
    const { context, page } = await signedIn('clerk')
    // the browser's clock on another day: 21:30 UTC, when Moscow's day is already the next one
    await page.clock.setFixedTime(new Date('2030-01-01T21:30:00Z'))
    await page.goto(url('/orders/new'))
    await page.locator('#points > fieldset').first().getByLabel('Срок').first().fill('в течение года')
    const clerkApi = api()
    await clerkApi.signIn(users.clerk.email, PASSWORD)
    // the service's own answer for its today (Moscow's): the end of this year, not of 2030 or 2031
    const due = (await clerkApi.call('POST', '/api/deadlines/parse', { text: 'в течение года' })).body.due as string
    await expect
      .poll(() => page.locator('#points > fieldset').first().locator('.due').first().textContent())
      .toBe(`контрольная дата: ${due.split('-').reverse().join('.')}`)
    await context.close()
  })

  it('gives a forbidden page to the wrong role and admin pages to the admin', async () => {
    const { context, page } = await signedIn('controller')
    const res = await page.goto(url('/admin/users'))
    expect(res?.status()).toBe(403)
    expect(await page.textContent('h1')).toBe('Нет доступа')
    await looked(page, '11-forbidden')
    const editor = await page.goto(url('/orders/new'))
    expect(editor?.status()).toBe(403)
    await context.close()

    const admin = await signedIn('orgAdmin')
    for (const [path, name] of [
      ['/admin/users', '12-admin-users'],
      ['/admin/journals', '13-admin-journals'],
      ['/admin/templates', '14-admin-templates'],
    ] as const) {
      const answer = await admin.page.goto(url(path))
      expect(answer?.status()).toBe(200)
      await looked(admin.page, name)
    }
    // a new user is offered the clerk's role first, never the admin's by default
    await admin.page.goto(url('/admin/users'))
    expect(await admin.page.inputValue('#role')).toBe('clerk')
    // the organization's admin sees no other organization's menu
    expect(await admin.page.locator('nav').textContent()).not.toContain('Организации')
    // creating a journal through its form shows it with its next number
    await admin.page.goto(url('/admin/journals'))
    await admin.page.fill('#name', 'Распоряжения')
    await admin.page.selectOption('#kind', 'rasporyazhenie')
    await admin.page.fill('#pattern', '{n}-р')
    await admin.page.click('form.card button[type=submit]')
    await admin.page.waitForURL(/done=created/)
    expect(await admin.page.locator('tbody').textContent()).toContain('1-р')
    // a pattern without {n} is refused with the reason, and nothing is created
    await admin.page.fill('#name', 'Плохой')
    await admin.page.fill('#pattern', 'без номера')
    await admin.page.click('form.card button[type=submit]')
    expect(await admin.page.locator('.notice.error').textContent()).toContain('шаблон')
    expect(await admin.page.locator('tbody tr').count()).toBe(2)
    await admin.context.close()
  })

  it('shows a title with <script> as text and runs nothing of it', async () => {
    const clerkApi = api()
    await clerkApi.signIn(users.clerk.email, PASSWORD)
    const title = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
    const created = await clerkApi.call('POST', '/api/orders', { ...sample000, title })
    expect(created.status).toBe(201)
    const { context, page } = await signedIn('clerk')
    await page.goto(url(`/orders/${created.body.id}`))
    expect(await page.textContent('h1')).toBe(title)
    await page.goto(url(`/orders/${created.body.id}/edit`))
    await expect.poll(() => page.getByLabel('Заголовок («Об утверждении …»)').inputValue()).toBe(title)
    await page.goto(url('/orders'))
    expect(await page.locator('tbody').textContent()).toContain(title)
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined()
    await context.close()
  })

  it('shows no note of the address but the version saved, and says which list parameter is wrong', async () => {
    const clerkApi = api()
    await clerkApi.signIn(users.clerk.email, PASSWORD)
    const id = (await clerkApi.call('POST', '/api/orders', sample000)).body.id as string
    const { context, page } = await signedIn('clerk')
    await page.goto(url(`/orders/${id}?saved=2`))
    expect(await page.locator('.notice.ok').textContent()).toBe('Сохранена версия 2.')
    const planted = 'Сессия истекла: войдите на http://evil.example'
    await page.goto(url(`/orders/${id}?saved=${encodeURIComponent(`3. ${planted}`)}`))
    expect(await page.textContent('body')).not.toContain(planted)
    expect(await page.locator('.notice.ok').count()).toBe(0)

    const refused = await page.goto(url('/orders?status=archived'))
    expect(refused!.status()).toBe(422)
    const notice = page.locator('.notice.error')
    expect(await notice.locator('p').textContent()).toBe('Параметры списка: ошибок 1')
    expect(await notice.locator('li').textContent()).toMatch(/^status(\.0)?: Неверный вариант/)
    await context.close()
  })

  it('shows a clerk whose decision on the board was refused the board as it is theirs: no decision forms', async () => {
    const clerkApi = api()
    await clerkApi.signIn(users.clerk.email, PASSWORD)
    const points = [{ text: 'Провести этап олимпиады.', executors: ['Романова И.Е.'], deadline: 'до 25.12.2030' }]
    const id = (await clerkApi.call('POST', '/api/orders', { ...sample000, points })).body.id as string
    const signer = { userId: ids.director }
    const submitted = await clerkApi.call('POST', `/api/orders/${id}/submit`, { approvers: [], signer })
    expect(submitted.status).toBe(200)
    const signerLink = new URL(submitted.body.links.at(-1).url).pathname
    expect((await (await as('director')).call('POST', `/api${signerLink}/sign`, {})).status).toBe(200)
    expect((await clerkApi.call('POST', `/api/orders/${id}/register`, {})).status).toBe(200)
    const controllerApi = api()
    await controllerApi.signIn(users.controller.email, PASSWORD)
    const item = (await controllerApi.call('GET', `/api/control?orderId=${id}`)).body.items[0]

    const { context, page } = await signedIn('clerk')
    await page.goto(url('/control'))
    const decisionForms = 'form[action^="/control/"]'
    expect(await page.locator(decisionForms).count()).toBe(0)
    const token = await page.locator('meta[name=csrf-token]').getAttribute('content')
    const refused = await page.request.post(url(`/control/${item.id}/accept`), { form: { _csrf: token! } })
    expect(refused.status()).toBe(403)
    await page.setContent(await refused.text())
    expect(await page.locator('.notice.error').textContent()).toContain('Принимать отчёт может контролёр')
    expect(await page.locator(decisionForms).count()).toBe(0)
    expect((await controllerApi.call('GET', `/api/control/${item.id}`)).body.status).toBe(item.status)
    await context.close()
  })

  it('breaks a word longer than the line instead of widening the page: lists, the order, the board, the link', async () => {
    const word = 'Длинноесловобезпробелов'.repeat(12)
    const clerkApi = api()
    await clerkApi.signIn(users.clerk.email, PASSWORD)
    const created = await clerkApi.call('POST', '/api/orders', {
      ...sample000,
      title: `Об ${word}`,
      points: [{ text: word, executors: [`${word.slice(0, 150)} И.И.`], deadline: 'до 25.12.2030' }],
    })
    expect(created.status).toBe(201)
    const id = created.body.id as string
    // an approver whose account has a name and a position longer than the line
    const long = { email: 'long@pages.test', name: `Романова${'ю'.repeat(150)} И.Е.`, position: `Зам${word}` }
    const made = await adminApi.call('POST', '/api/users', {
      ...long,
      role: 'approver',
      password: PASSWORD,
      organizationId,
    })
    expect(made.status).toBe(201)
    const submitted = await clerkApi.call('POST', `/api/orders/${id}/submit`, {
      approvers: [{ userId: made.body.id }],
      sequential: true,
      signer: { userId: ids.director },
    })
    expect(submitted.status).toBe(200)
    const [approverLink, signerLink] = submitted.body.links.map((l: { url: string }) => new URL(l.url).pathname)
    const longApi = api()
    await longApi.signIn(long.email, PASSWORD)
    const linkContext = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const linkPage = await linkContext.newPage()
    await linkPage.goto(url('/signin'))
    await linkPage.fill('#email', long.email)
    await linkPage.fill('#password', PASSWORD)
    await Promise.all([linkPage.waitForURL((u) => u.pathname !== '/signin'), linkPage.click('button[type=submit]')])
    await linkPage.goto(url(approverLink))
    expect(await linkPage.locator('h1').textContent()).toBe('Согласование документа')
    expect(await linkPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280)
    await linkContext.close()
    expect((await longApi.call('POST', `/api/links${approverLink.slice('/links'.length)}/approve`, {})).status).toBe(
      200,
    )
    const director = await as('director')
    expect((await director.call('POST', `/api/links${signerLink.slice('/links'.length)}/sign`, {})).status).toBe(200)
    expect((await clerkApi.call('POST', `/api/orders/${id}/register`, {})).status).toBe(200)

    for (const [who, paths] of [
      ['clerk', ['/orders', `/orders/${id}`]],
      ['controller', ['/control', '/control?view=executor']],
    ] as const) {
      const { context, page } = await signedIn(who)
      for (const path of paths) {
        await page.goto(url(path))
        const width = await page.evaluate(() => document.documentElement.scrollWidth)
        if (width > 1280) await screenshot(page, `long-word-${who}-${path.replace(/\W+/g, '-')}`)
        expect(width, path).toBeLessThanOrEqual(1280)
      }
      await context.close()
    }
  })

  it('refuses a form posted without its CSRF token, and a sign-in posted from elsewhere', async () => {
    const clerkApi = api()
    await clerkApi.signIn(users.clerk.email, PASSWORD)
    const id = (await clerkApi.call('POST', '/api/orders', sample000)).body.id
    const { context, page } = await signedIn('clerk')
    const form = { reason: 'проверка' }
    const without = await page.request.post(url(`/orders/${id}/cancel`), { form })
    expect(without.status()).toBe(403)
    const wrong = await page.request.post(url(`/orders/${id}/cancel`), { form: { ...form, _csrf: 'x'.repeat(43) } })
    expect(wrong.status()).toBe(403)
    // the API, called with the session cookie, wants the token in a header
    const viaCookie = await page.request.put(url(`/api/orders/${id}`), { data: sample000 })
    expect(viaCookie.status()).toBe(403)
    expect((await clerkApi.call('GET', `/api/orders/${id}`)).body).toMatchObject({ status: 'draft', version: 1 })
    // with the token of the page the same form goes through
    const token = await page.locator('meta[name=csrf-token]').getAttribute('content')
    const withToken = await page.request.post(url(`/orders/${id}/cancel`), {
      form: { ...form, _csrf: token! },
      maxRedirects: 0,
    })
    expect(withToken.status()).toBe(303)
    expect((await clerkApi.call('GET', `/api/orders/${id}`)).body.status).toBe('cancelled')
    await context.close()

    // a sign-in form posted by another site carries no token of ours
    const foreign = await fetch(url('/signin'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: users.clerk.email, password: PASSWORD }),
      redirect: 'manual',
    })
    expect(foreign.status).toBe(403)
    expect(foreign.headers.get('set-cookie') ?? '').not.toContain('orders_session=')
  })

  it('signs out for good, and sends a stranger to the sign-in page', async () => {
    const { context, page } = await signedIn('clerk')
    const cookie = (await context.cookies()).find((c) => c.name === 'orders_session')!
    expect(cookie.httpOnly).toBe(true)
    expect(cookie.sameSite).toBe('Lax')
    await page.getByRole('button', { name: 'Выйти' }).click()
    await page.waitForURL(/\/signin/)
    // the old cookie, replayed, opens nothing
    const replay = await fetch(url('/orders'), {
      headers: { cookie: `orders_session=${cookie.value}` },
      redirect: 'manual',
    })
    expect(replay.status).toBe(302)
    expect(replay.headers.get('location')).toBe('/signin?next=%2Forders')
    await context.close()

    const stranger = await browser.newPage()
    await stranger.goto(url('/orders/new'))
    expect(new URL(stranger.url()).pathname).toBe('/signin')
    await looked(stranger, '00-signin')
    await stranger.fill('#email', users.clerk.email)
    await stranger.fill('#password', 'wrong password')
    await stranger.click('button[type=submit]')
    expect(await stranger.textContent('[role=alert]')).toContain('Неверный адрес почты или пароль')
    // an address over its limit: the page says which field and why, not only «Вход: ошибок 1»
    await stranger.fill('#email', `${'a'.repeat(400)}@pages.test`)
    await stranger.fill('#password', 'x')
    await stranger.click('button[type=submit]')
    expect(await stranger.textContent('[role=alert] p')).toBe('Вход: ошибок 1')
    expect(await stranger.textContent('[role=alert] li')).toMatch(/^email: /)
    // after a good sign-in the person lands where they were going
    await stranger.fill('#email', users.clerk.email)
    await stranger.fill('#password', PASSWORD)
    await Promise.all([stranger.waitForURL(/\/orders\/new$/), stranger.click('button[type=submit]')])
    await stranger.close()
  })

  it('sends the security headers with every page, and documents only framable by our own pages', async () => {
    const page = await fetch(url('/signin'))
    const csp = page.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).toContain("frame-ancestors 'none'")
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
    const html = await page.text()
    // no inline script anywhere: every <script> has a src (or is a JSON data block)
    expect(html).not.toMatch(/<script(?![^>]*\b(src=|type="application\/json"))[^>]*>/)
    const docs = await fetch(url('/docs'))
    expect(await docs.text()).not.toMatch(/<script>(?!<\/script>)/)
  })
})

// keep the type import used when the suite is skipped
export type { BrowserContext }
