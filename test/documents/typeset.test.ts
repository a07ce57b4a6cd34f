import { describe, expect, it } from 'vitest'
import { buildOrderView, pointLines, type ViewTable } from '../../src/documents/order-view'
import { wrappable } from '../../src/documents/pdf-layout'
import {
  breakableAddresses,
  breakableRuns,
  CELL_PADDING,
  columnWidths,
  fitLines,
  isWide,
  mm,
  runPieces,
  signerLayout,
  TEXT_WIDTH,
  textWidth,
} from '../../src/documents/typeset'
import { sampleContent } from '../support/harness'

const ZWSP = '\u200b'

describe('typesetting decisions', () => {
  it('measures text in Tinos as Times New Roman would: 14 pt, bold wider, a space a quarter em', () => {
    expect(textWidth(' ', 14)).toBeCloseTo(3.5, 1)
    expect(textWidth('образования', 14, { bold: true })).toBeGreaterThan(textWidth('образования', 14))
    expect(textWidth('образования', 28)).toBeCloseTo(2 * textWidth('образования', 14), 5)
    expect(textWidth('', 14)).toBe(0)
  })

  it('breaks an e-mail or a URL after @ . / - _ only, a long word after / - _, a short word never', () => {
    expect(runPieces('ivanova.elena@school5-smolensk.ru')).toEqual([
      'ivanova.',
      'elena@',
      'school5-',
      'smolensk.',
      'ru',
    ])
    expect(runPieces('https://site.ru/a_b/c')).toEqual(['https://', 'site.', 'ru/', 'a_', 'b/', 'c'])
    expect(runPieces('Мероприятие/направление')).toEqual(['Мероприятие/', 'направление'])
    expect(runPieces('зам.руководителя')).toEqual(['зам.руководителя'])
    expect(runPieces('www.example.ru')).toEqual(['www.', 'example.', 'ru'])
    expect(runPieces('1.1.1.1.1.1.1.')).toEqual(['1.1.1.1.1.1.1.'])
    expect(runPieces('п/п')).toEqual(['п/п'])
    expect(runPieces('a-b-c-d-e-f')).toEqual(['a-b-c-d-e-f'])
    expect(runPieces('abcdefghijk-')).toEqual(['abcdefghijk-'])
    expect(runPieces('abcdefghij--klm')).toEqual(['abcdefghij--', 'klm'])
  })

  it('marks the breaks of e-mails and URLs for Word with zero-width spaces, other words untouched', () => {
    expect(breakableAddresses('почта a.b@c-d.ru и сайт-визитка организации')).toBe(
      `почта a.b@c-d.ru и сайт-визитка организации`,
    )
    expect(breakableAddresses('на kachestvo@verhnedneprovsk.ru  и https://x.ru/a/b')).toBe(
      `на kachestvo@${ZWSP}verhnedneprovsk.${ZWSP}ru  и https://${ZWSP}x.${ZWSP}ru/${ZWSP}a/${ZWSP}b`,
    )
  })

  it('marks every long run of a table cell for Word, short words untouched', () => {
    expect(breakableRuns('решения/ожидаемые  п/п')).toBe(`решения/${ZWSP}ожидаемые  п/п`)
  })

  it('gives pdfmake the same break places, and keeps short hyphenated words whole when justified', () => {
    expect(wrappable('Обычный текст без ничего')).toBe('Обычный текст без ничего')
    expect(wrappable('адрес kachestvo@verhnedneprovsk.ru.')).toBe(`адрес kachestvo@${ZWSP}verhnedneprovsk.${ZWSP}ru.`)
    expect(wrappable('53-й сессии', { justified: true })).toEqual([{ text: '53-й', noWrap: true }, ' сессии'])
    expect(wrappable('решением 53-й сессии', { justified: true })).toEqual([
      'решением ',
      { text: '53-й', noWrap: true },
      ' сессии',
    ])
    expect(wrappable('53-й сессии')).toBe('53-й сессии')
  })

  it('fits words into lines as a left-aligned paragraph does', () => {
    const width = textWidth('Начальник управления', 14) + 0.01
    expect(fitLines('Начальник управления образования  района', width, 14)).toEqual([
      'Начальник управления',
      'образования района',
    ])
    expect(fitLines('Директор', 1, 14)).toEqual(['Директор'])
    expect(fitLines('  ', 100, 14)).toEqual([])
  })

  it('breaks the signer’s position to leave the name its room, at most 100 mm wide', () => {
    const long = signerLayout(
      'Начальник управления образования администрации муниципального района',
      'А.А. Ковалевская',
      14,
    )
    expect(long.positionWidth).toBeCloseTo(mm(100), 5)
    expect(long.positionLines.length).toBeGreaterThan(1)
    for (const line of long.positionLines) expect(textWidth(line, 14)).toBeLessThanOrEqual(mm(100))
    expect(long.nameWidth).toBeCloseTo(textWidth('А.А. Ковалевская', 14), 5)
    const longName = signerLayout('Директор', 'Я'.repeat(60), 14)
    expect(longName.positionWidth).toBeCloseTo(TEXT_WIDTH.portrait - textWidth('Я'.repeat(60), 14) - mm(10), 5)
    expect(signerLayout('Директор школы', 'Т.А. Оловянникова', 14).positionLines).toEqual(['Директор школы'])
  })

  const plan: ViewTable = {
    columns: [
      { title: '№', role: 'number' },
      { title: 'Мероприятие', role: 'activity' },
      { title: 'Срок', role: 'deadline' },
      { title: 'Ответственный', role: 'executor' },
      { title: 'Результат', role: 'result' },
    ],
    rows: [
      { section: 'Раздел первый с очень длинным названием, которое не влияет на ширины столбцов вовсе' },
      {
        cells: [
          '1.1.',
          'Проведение совещания руководителей общеобразовательных организаций по итогам оценочных процедур',
          'до 01.10.2025',
          'Сидорова Е.Н., Петрова А.В.',
          'Протокол совещания, аналитическая справка',
        ],
      },
      {
        cells: [
          '1.2.',
          'Мониторинг выполнения планов мероприятий общеобразовательных организаций',
          'ежеквартально',
          'Руководители организаций',
          'Справка',
        ],
      },
    ],
  }

  it('shares a table’s width by role and content: activity widest, number narrowest, no word broken', () => {
    const widths = columnWidths(plan, TEXT_WIDTH.portrait, 11)
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(TEXT_WIDTH.portrait, 5)
    const [number, activity, deadline, executor, result] = widths as [number, number, number, number, number]
    expect(activity).toBe(Math.max(...widths))
    expect(number).toBe(Math.min(...widths))
    expect(result).toBeGreaterThan(deadline)
    expect(executor).toBeGreaterThan(deadline)
    // every column holds its longest word
    expect(number).toBeGreaterThanOrEqual(textWidth('1.1.', 11) + CELL_PADDING)
    expect(deadline).toBeGreaterThanOrEqual(textWidth('ежеквартально', 11) + CELL_PADDING)
    expect(executor).toBeGreaterThanOrEqual(textWidth('Ответственный', 11, { bold: true }) + CELL_PADDING)
    expect(activity).toBeGreaterThanOrEqual(textWidth('общеобразовательных', 11) + CELL_PADDING)
  })

  it('gives a column no more than its content while others still need room, the rest by role', () => {
    const short: ViewTable = {
      columns: [
        { title: '№', role: 'number' },
        { title: 'Срок', role: 'deadline' },
        { title: 'Что', role: 'activity' },
      ],
      rows: [{ cells: ['1', 'май', 'Собрать'] }],
    }
    const widths = columnWidths(short, 300, 11)
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(300, 5)
    // all three fit on one line: the spare width goes 0.2 : 0.7 : 3
    const natural = [
      textWidth('№', 11, { bold: true }),
      textWidth('Срок', 11, { bold: true }),
      textWidth('Собрать', 11),
    ].map((w) => w + CELL_PADDING + 1)
    const spare = 300 - natural.reduce((a, b) => a + b, 0)
    expect(widths[2]!).toBeCloseTo(natural[2]! + (spare * 3) / 3.9, 5)
    expect(widths[0]!).toBeCloseTo(natural[0]! + (spare * 0.2) / 3.9, 5)
    // a deadline column full of text gets room only after the activity column has its own
    const crowded: ViewTable = {
      columns: [{ title: 'Срок', role: 'deadline' }, { title: 'Что', role: 'activity' }, { title: 'Кто' }],
      rows: [{ cells: ['в течение года по отдельному графику', 'Собрать', 'Иванов'] }],
    }
    const [deadline, activity, other] = columnWidths(crowded, 200, 11) as [number, number, number]
    expect(activity).toBeCloseTo(textWidth('Собрать', 11) + CELL_PADDING + 1, 5)
    expect(other).toBeCloseTo(textWidth('Иванов', 11) + CELL_PADDING + 1, 5)
    expect(deadline).toBeCloseTo(200 - activity - other, 5)
  })

  it('shrinks every column alike when the words cannot fit, a monster word counting a third at most', () => {
    const word = 'общеобразовательных'
    const tight: ViewTable = {
      columns: [{ title: 'А' }, { title: 'Б' }, { title: 'В' }, { title: 'Г' }],
      rows: [{ cells: [word, word, word, 'Я'.repeat(200)] }],
    }
    const widths = columnWidths(tight, 420, 11)
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(420, 5)
    const min = [textWidth(word, 11) + CELL_PADDING, 420 / 3 + CELL_PADDING]
    expect(widths[0]! / widths[3]!).toBeCloseTo(min[0]! / min[1]!, 5)
    expect(widths[1]).toBe(widths[0])
  })

  it('sets tables of more than five columns on landscape pages', () => {
    const columns = (n: number) => Array.from({ length: n }, (_, i) => ({ title: String(i) }))
    expect(isWide({ columns: columns(5), rows: [] })).toBe(false)
    expect(isWide({ columns: columns(6), rows: [] })).toBe(true)
    expect(isWide(null)).toBe(false)
  })

  it('cuts a point at its line breaks: the lead, then list lines with their markers', () => {
    expect(pointLines('Обеспечить:\n- выполнение;\r\n– размещение;\n\n1) участие;\nа) одно\nпросто строка')).toEqual({
      lead: 'Обеспечить:',
      items: [
        { marker: '-', body: 'выполнение;' },
        { marker: '–', body: 'размещение;' },
        { marker: '1)', body: 'участие;' },
        { marker: 'а)', body: 'одно' },
        { marker: '', body: 'просто строка' },
      ],
    })
    expect(pointLines('Одна строка')).toEqual({ lead: 'Одна строка', items: [] })
    expect(pointLines('-5 градусов')).toEqual({ lead: '-5 градусов', items: [] })
  })

  it('gives the appendix mark as three lines: label, «к приказу», date and number', () => {
    const view = buildOrderView(sampleContent({ kind: 'rasporyazhenie' }), {
      draft: false,
      number: '7-р',
      date: '2025-02-03',
      organization: { name: ['—'] },
    })
    expect(view.appendices[0]!.markLines).toEqual(['Приложение', 'к распоряжению', 'от 03.02.2025 № 7-р'])
  })
})
