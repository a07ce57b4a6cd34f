import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { disciplineColumns, type DisciplineLine, formatDisciplineValue } from '../../src/domain/discipline'
import { registerOrder } from '../support/control'
import { testDatabases } from '../support/databases'
import { sampleContent, useHarness } from '../support/harness'
import { hasTool, run } from '../support/tools'

const pdfTools = hasTool('pdftotext') && hasTool('pdftoppm')

/** A line as every format prints it: the formatted figures, empty ones left out. */
const printed = (line: DisciplineLine) =>
  disciplineColumns
    .slice(1)
    .map(([key]) => formatDisciplineValue(key, line[key]))
    .filter(Boolean)

/** Pixels of a colour (±12 per channel) in a binary PPM (P6) image, as pdftoppm writes it. */
const countColour = (ppm: Buffer, [r, g, b]: [number, number, number]) => {
  const header = ppm.toString('latin1', 0, 50).match(/^P6\s+(\d+)\s+(\d+)\s+255\s/)!
  let n = 0
  for (let i = header[0].length; i + 2 < ppm.length; i += 3)
    if (Math.abs(ppm[i]! - r) < 12 && Math.abs(ppm[i + 1]! - g) < 12 && Math.abs(ppm[i + 2]! - b) < 12) n++
  return n
}

describe.each(testDatabases())('discipline report ($name)', ({ open }) => {
  const h = useHarness(open)
  let orderId = ''

  it('counts each item once per executor, reconciles the totals and gives the same numbers in four formats', async () => {
    await h.setClock(new Date('2026-03-10T09:00:00Z'))
    orderId = await registerOrder(
      h,
      sampleContent({
        points: [
          { text: 'А.', executors: ['Иванова И.И.'], deadline: 'до 20.03.2026' }, // reported 15.03: on time
          { text: 'Б.', executors: ['Иванова И.И.'], deadline: 'до 20.03.2026' }, // reported 25.03: 5 days late
          { text: 'В.', executors: ['Петров П.П.'], deadline: 'до 23.03.2026' }, // not reported: 7 days overdue on 30.03
          { text: 'Г.', executors: ['Петров П.П.'], deadline: 'до 30.06.2026' }, // not yet due
          { text: 'Д.', executors: ['Петров П.П.'], deadline: 'до 29.05.2026' }, // removed
          { text: 'Е.', deadline: 'до 15.04.2026' }, // no executor, not yet due
        ],
      }),
    )
    const controller = h.orgs[0]!.controller
    const items = (await h.call('GET', `/api/control?orderId=${orderId}`, { token: controller })).body.items as any[]
    const id = (text: string) => items.find((i) => i.text === text).id
    const act = (text: string, action: string, body?: unknown) =>
      h.call('POST', `/api/control/${id(text)}/${action}`, { token: controller, body })
    await h.setClock(new Date('2026-03-15T09:00:00Z'))
    await act('А.', 'report', { text: 'Сделано' })
    await h.setClock(new Date('2026-03-25T09:00:00Z'))
    await act('Б.', 'report', { text: 'Сделано' })
    await act('А.', 'accept')
    await act('Б.', 'accept')
    await act('Д.', 'remove', { reason: 'Не нужно' })
    await h.setClock(new Date('2026-03-30T09:00:00Z'))
    const token = h.orgs[0]!.controller
    const url = '/api/reports/discipline?from=2026-01-01&to=2026-12-31'

    const json = await h.call('GET', url, { token })
    expect(json.status).toBe(200)
    const line = (executor: string, counts: Partial<DisciplineLine>) => ({
      executor,
      items: 0,
      onTime: 0,
      late: 0,
      overdue: 0,
      open: 0,
      removed: 0,
      averageDelayDays: null,
      rate: null,
      ...counts,
    })
    expect(json.body.asOf).toBe('2026-03-30')
    expect(json.body.executors).toEqual([
      expect.objectContaining(line('Иванова И.И.', { items: 2, onTime: 1, late: 1, averageDelayDays: 5, rate: 0.5 })),
      expect.objectContaining(
        line('Петров П.П.', { items: 3, overdue: 1, open: 1, removed: 1, averageDelayDays: 7, rate: 0 }),
      ),
      expect.objectContaining(line('без исполнителя', { items: 1, open: 1 })),
    ])
    expect(json.body.total).toEqual(
      expect.objectContaining(
        line('Итого', {
          items: 6,
          onTime: 1,
          late: 1,
          overdue: 1,
          open: 2,
          removed: 1,
          averageDelayDays: 6,
          rate: 0.3333,
        }),
      ),
    )
    for (const l of [...json.body.executors, json.body.total])
      expect(l.items).toBe(l.onTime + l.late + l.overdue + l.open + l.removed)
    const expected = [...json.body.executors, json.body.total].map((l: DisciplineLine) => [l.executor, ...printed(l)])

    const csv = await h.call('GET', `${url}&format=csv`, { token })
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const csvBytes = new Uint8Array(
      await (await h.app.request(`${url}&format=csv`, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer(),
    )
    expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const csvLines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .map((l) => l.split(';'))
    expect(csvLines[0]).toEqual(disciplineColumns.map(([, t]) => t))
    expect(csvLines.slice(1).map((l) => l.filter(Boolean))).toEqual(expected)

    const xlsx = await h.app.request(`${url}&format=xlsx`, { headers: { authorization: `Bearer ${token}` } })
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never)
    const sheet = book.worksheets[0]!
    const sheetLines: DisciplineLine[] = []
    sheet.eachRow((row, n) => {
      if (n < 3) return
      const v = (row.values as unknown[]).slice(1)
      sheetLines.push(Object.fromEntries(disciplineColumns.map(([key], i) => [key, v[i] ?? null])) as DisciplineLine)
    })
    expect(sheetLines.map((l) => [l.executor, ...printed(l)])).toEqual(expected)

    if (!pdfTools) return
    const pdf = await h.app.request(`${url}&format=pdf`, { headers: { authorization: `Bearer ${token}` } })
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    const dir = mkdtempSync(join(tmpdir(), 'discipline-'))
    const file = join(dir, 'report.pdf')
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()))
    const text = run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'])
    for (const [executor, ...figures] of expected) {
      const row = text.split('\n').find((l) => l.trim().startsWith(executor!) && /\d/.test(l))
      expect(row, executor).toBeDefined()
      expect(row!.trim().slice(executor!.length).trim().split(/\s+/)).toEqual(figures)
    }
    // the bar chart: on time, late and overdue are drawn in their colours
    run('pdftoppm', ['-r', '50', '-f', '1', '-l', '1', file, join(dir, 'page')])
    const ppm = readFileSync(join(dir, 'page-1.ppm'))
    expect(countColour(ppm, [0x2e, 0x7d, 0x32])).toBeGreaterThan(50)
    expect(countColour(ppm, [0xf9, 0xa8, 0x25])).toBeGreaterThan(50)
    expect(countColour(ppm, [0xc6, 0x28, 0x28])).toBeGreaterThan(50)
  })

  it('shows the controller the same figures on the page, each executor with a bar of on time, late and overdue', async () => {
    const page = await h.call('GET', '/reports/discipline?from=2026-01-01&to=2026-12-31', {
      token: h.orgs[0]!.controller,
    })
    expect(page.status).toBe(200)
    const body = page.text.slice(page.text.indexOf('<tbody>'), page.text.indexOf('</tbody>'))
    const rows = [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map((m) =>
      [...m[1]!.matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((c) => c[1]),
    )
    expect(rows).toEqual([
      ['Иванова И.И.', '2', '1', '1', '0', '0', '0', '5', '50 %'],
      ['Петров П.П.', '3', '0', '0', '1', '1', '1', '7', '0 %'],
      ['без исполнителя', '1', '0', '0', '0', '1', '0', '—', '—'],
      ['Итого', '6', '1', '1', '1', '2', '1', '6', '33.3 %', ''],
    ])
    // the widest bar (Иванова's two) fills the 180 pixels; Петров's one overdue half of them
    const bars = [...body.matchAll(/<svg[^>]*aria-label="([^"]*)"[^>]*>(.*?)<\/svg>/gs)].map((m) => [
      m[1],
      [...m[2]!.matchAll(/class="bar-(\w+)" x="([\d.]+)" y="0" width="([\d.]+)"/g)].map((r) => r.slice(1).join(' ')),
    ])
    expect(bars).toEqual([
      ['Иванова И.И.: в срок 1, с нарушением срока 1, просрочено 0', ['on_time 0 90', 'late 90 90', 'overdue 180 0']],
      ['Петров П.П.: в срок 0, с нарушением срока 0, просрочено 1', ['on_time 0 0', 'late 0 0', 'overdue 0 90']],
      ['без исполнителя: в срок 0, с нарушением срока 0, просрочено 0', ['on_time 0 0', 'late 0 0', 'overdue 0 0']],
    ])
    expect(page.text).toContain('href="/api/reports/discipline?from=2026-01-01&amp;to=2026-12-31&amp;format=xlsx"')
  })

  it('is the controller’s, over a valid period', async () => {
    const url = '/api/reports/discipline?from=2026-01-01&to=2026-12-31'
    expect((await h.call('GET', url, { token: h.orgs[0]!.clerk })).status).toBe(403)
    expect((await h.call('GET', url)).status).toBe(401)
    const reversed = await h.call('GET', '/api/reports/discipline?from=2026-12-31&to=2026-01-01', {
      token: h.orgs[0]!.controller,
    })
    expect(reversed.status).toBe(422)
    // a period of one day: the day both А and Б were due
    const day = await h.call('GET', '/api/reports/discipline?from=2026-03-20&to=2026-03-20', {
      token: h.orgs[0]!.controller,
    })
    expect(day.status).toBe(200)
    expect(day.body.total.items).toBe(2)
    // another organization's report holds none of these items
    const other = await h.call('GET', url, { token: h.orgs[1]!.controller })
    expect(other.body.total.items).toBe(0)
  })

  it('reads months that are over from their tallies, which follow what is done to their items later', async () => {
    // on 1 July January to June are over: every item of the first test is in a tallied month, and those
    // awaiting a report with a due date are overdue: В since 23.03 (100 days), Г since 30.06 (1), Е since 15.04 (77)
    await h.setClock(new Date('2026-07-01T09:00:00Z'))
    const token = h.orgs[0]!.controller
    const url = '/api/reports/discipline?from=2026-01-01&to=2026-12-31'
    const lines = async () =>
      ((await h.call('GET', url, { token })).body.executors as DisciplineLine[]).map((l) => [
        l.executor,
        l.items,
        l.onTime,
        l.late,
        l.overdue,
        l.open,
        l.removed,
        l.averageDelayDays,
      ])
    expect(await lines()).toEqual([
      ['Иванова И.И.', 2, 1, 1, 0, 0, 0, 5],
      ['Петров П.П.', 3, 0, 0, 2, 0, 1, 50.5],
      ['без исполнителя', 1, 0, 0, 1, 0, 0, 77],
    ])
    // В, of March, is reported and accepted today: done 100 days late, no longer overdue
    const items = (await h.call('GET', `/api/control?orderId=${orderId}`, { token })).body.items as any[]
    const v = items.find((i) => i.text === 'В.').id
    expect((await h.call('POST', `/api/control/${v}/report`, { token, body: { text: 'Сделано' } })).status).toBe(200)
    expect((await h.call('POST', `/api/control/${v}/accept`, { token })).status).toBe(200)
    expect(await lines()).toEqual([
      ['Иванова И.И.', 2, 1, 1, 0, 0, 0, 5],
      ['Петров П.П.', 3, 0, 1, 1, 0, 1, 50.5],
      ['без исполнителя', 1, 0, 0, 1, 0, 0, 77],
    ])
  })
})
