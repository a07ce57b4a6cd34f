import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { testDatabases } from '../support/databases'
import { type Harness, sampleContent, tokenOf, useHarness } from '../support/harness'
import { director } from '../support/people'
import { signInByForm } from '../support/session'
import { pdfPlainText } from '../support/tools'

/** An order signed by the harness's first director and registered (a litera number of `literaOf` if given). */
const registered = async (h: Harness, title: string, literaOf?: string) => {
  const clerk = h.orgs[0]!.clerk
  const id = (await h.call('POST', '/api/orders', { token: clerk, body: sampleContent({ title }) })).body.id
  const link = (
    await h.call('POST', `/api/orders/${id}/submit`, {
      token: clerk,
      body: { approvers: [], sequential: false, signer: director() },
    })
  ).body.links[0].url
  expect((await h.call('POST', `/api/links/${tokenOf(link)}/sign`)).status).toBe(200)
  const reg = await h.call('POST', `/api/orders/${id}/register`, { token: clerk, body: literaOf ? { literaOf } : {} })
  expect(reg.status).toBe(200)
  return reg.body.number as string
}

describe.each(testDatabases())('the registration journal ($name)', ({ open }) => {
  const h = useHarness(open)

  it('lists a year: numbers in order with litera numbers after theirs, signer, state, the closing line', async () => {
    const clerk = h.orgs[0]!.clerk
    const journal = h.orgs[0]!.journal
    await registered(h, 'О первом')
    await registered(h, 'О втором')
    await registered(h, '=HYPERLINK("http://evil.test","О литерном")', '1-ОД')
    const record = (await h.call('GET', `/api/journals/${journal}/record?year=2026`, { token: clerk })).body
    expect(record.lines.map((l: any) => [l.number, l.title, l.status])).toEqual([
      ['1-ОД', 'О первом', 'registered'],
      ['1/1-ОД', '=HYPERLINK("http://evil.test","О литерном")', 'registered'],
      ['2-ОД', 'О втором', 'registered'],
    ])
    expect(record.lines[0].signer).toBeTruthy()
    expect(record.closing).toEqual({ count: 3, first: '1-ОД', last: '2-ОД' })
    expect(record.years).toEqual([2026])
    // another year is empty, and says so
    expect((await h.call('GET', `/api/journals/${journal}/record?year=2025`, { token: clerk })).body.closing).toBeNull()

    // XLSX: the same cells, the title that looks like a formula kept as text
    const xlsx = await h.app.request(`/api/journals/${journal}/record?year=2026&format=xlsx`, {
      headers: { authorization: `Bearer ${clerk}` },
    })
    expect(xlsx.status).toBe(200)
    expect(decodeURIComponent(xlsx.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe(
      'Журнал регистрации «Приказы» за 2026 год.xlsx',
    )
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never)
    const sheet = book.worksheets[0]!
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][]
    const literaRow = rows.find((r) => r[1] === '1/1-ОД')!
    expect(literaRow[4]).toBe('\'=HYPERLINK("http://evil.test","О литерном")')
    expect(rows.at(-1)![1]).toBe('За 2026 год зарегистрировано документов: 3, с № 1-ОД по № 2-ОД.')

    // PDF: every number and the closing line come back out as text
    const pdf = await h.app.request(`/api/journals/${journal}/record?year=2026&format=pdf`, {
      headers: { authorization: `Bearer ${clerk}` },
    })
    const text = await pdfPlainText(new Uint8Array(await pdf.arrayBuffer()))
    for (const number of ['1-ОД', '1/1-ОД', '2-ОД', 'О втором']) expect(text).toContain(number)
    expect(text.replace(/\s+/g, ' ')).toContain('зарегистрировано документов: 3, с № 1-ОД по № 2-ОД')
  })

  it('is the organization’s own: another organization, a malformed year or id are refused, nothing else shown', async () => {
    const journal = h.orgs[0]!.journal
    expect((await h.call('GET', `/api/journals/${journal}/record`, { token: h.orgs[1]!.clerk })).status).toBe(403)
    expect((await h.call('GET', `/api/journals/${journal}/record`)).status).toBe(401)
    expect((await h.call('GET', '/api/journals/nope/record', { token: h.orgs[0]!.clerk })).status).toBe(404)
    for (const q of ['year=20x6', 'year=1066', 'format=docx', 'extra=1'])
      expect((await h.call('GET', `/api/journals/${journal}/record?${q}`, { token: h.orgs[0]!.clerk })).status).toBe(
        422,
      )
    // the controller and the director read it as well as the clerk
    expect((await h.call('GET', `/api/journals/${journal}/record`, { token: h.orgs[0]!.controller })).status).toBe(200)
  })

  it('is a page: the table, the closing line, the files and printing one click away', async () => {
    const { session } = await signInByForm(h.app)
    const journal = h.orgs[0]!.journal
    const list = await h.app.request('/journals', { headers: { cookie: session } })
    expect(list.status).toBe(200)
    expect(await list.text()).toContain(`href="/journals/${journal}"`)
    const page = await (await h.app.request(`/journals/${journal}?year=2026`, { headers: { cookie: session } })).text()
    expect(page).toContain('зарегистрировано документов: 3, с № 1-ОД по № 2-ОД')
    expect(page).toContain(`/api/journals/${journal}/record?year=2026&amp;format=xlsx`)
    expect(page).toContain('data-print-page')
    expect(page).toMatch(/<tr class="litera"><td class="num">1\/1-ОД<\/td>/)
    // a title that looks like markup is text on the page
    expect(page).toContain('=HYPERLINK(&quot;http://evil.test&quot;')
    const go = await h.app.request(`/journals/go?journal=${journal}&year=2025`, { headers: { cookie: session } })
    expect(go.headers.get('location')).toBe(`/journals/${journal}?year=2025`)
    expect(await (await h.app.request(go.headers.get('location')!, { headers: { cookie: session } })).text()).toContain(
      'За 2025 год в журнале нет регистраций',
    )
  })
})
