import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import {
  Appendix,
  Column,
  kindNames,
  OrderContent,
  OrderKind,
  Organization,
  Point,
  Row,
  searchableText,
} from '../../src/domain/content'

/** An order that uses every field, each list with more than one element. */
const full = () => ({
  kind: 'prikaz',
  templateId: 'tpl-1',
  organization: { parent: ['АДМИНИСТРАЦИЯ', 'ГОРОДА'], name: ['УПРАВЛЕНИЕ', 'ОБРАЗОВАНИЯ'], place: 'Смоленск' },
  title: '  О проведении олимпиады  ',
  preamble: 'В соответствии с планом,',
  directive: 'приказываю:',
  points: [
    {
      text: 'Провести олимпиаду.',
      executors: ['Иванова И.И.', 'Петров П.П.'],
      deadline: 'до 25.12.2026',
      points: [{ text: 'Подпункт один.' }, { text: 'Подпункт два.', points: [{ text: 'Глубже.' }] }],
    },
    { text: 'Второй пункт.' },
  ],
  control: 'Контроль оставляю за собой.',
  signer: { position: 'Директор', name: 'Е.В. Смирнова' },
  appendices: [
    {
      title: 'План',
      text: 'Текст приложения',
      table: {
        columns: [
          { title: '№', role: 'number' },
          { title: 'Мероприятие', role: 'activity' },
          { title: 'Срок', role: 'deadline' },
          { title: 'Ответственный', role: 'executor' },
          { title: 'Результат', role: 'result' },
        ],
        rows: [{ section: 'Раздел 1' }, { cells: ['1', 'Открытие', 'сентябрь', 'Иванова', 'проведено'] }],
      },
    },
    { title: 'Второе' },
  ],
})

const problems = (value: unknown) =>
  (OrderContent.safeParse(value).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.code}`)

describe('order content', () => {
  it('accepts an order using every field and trims its texts', () => {
    const parsed = OrderContent.parse(full())
    expect(parsed).toEqual({ ...full(), title: 'О проведении олимпиады' })
    expect(OrderContent.parse({ ...full(), kind: 'rasporyazhenie' }).kind).toBe('rasporyazhenie')
  })

  it.each<[string, (c: ReturnType<typeof full>) => void, string[]]>([
    ['an unknown kind', (c) => void (c.kind = 'ukaz'), ['kind: invalid_value']],
    ['a blank title', (c) => void (c.title = '   '), ['title: too_small']],
    ['no points', (c) => void (c.points = []), ['points: too_small']],
    ['a blank executor', (c) => void (c.points[0]!.executors = ['']), ['points.0.executors.0: too_small']],
    ['a blank nested point', (c) => void (c.points[0]!.points![1]!.text = ' '), ['points.0.points.1.text: too_small']],
    [
      'an unknown column role',
      (c) => void ((c.appendices[0]!.table!.columns[0] as any).role = 'x'),
      ['appendices.0.table.columns.0.role: invalid_value'],
    ],
    [
      'no columns',
      (c) => void (c.appendices[0]!.table!.columns = []),
      ['appendices.0.table.columns: too_small', 'appendices.0.table.rows.1.cells: custom'],
    ],
    [
      'a row with a stray key',
      (c) => void ((c.appendices[0]!.table!.rows[0] as any).cells = []),
      ['appendices.0.table.rows.0: invalid_union'],
    ],
    [
      'a blank section',
      (c) => void (c.appendices[0]!.table!.rows[0] = { section: ' ' }),
      ['appendices.0.table.rows.0.section: too_small'],
    ],
    ['an organization without a name', (c) => void (c.organization.name = []), ['organization.name: too_small']],
    ['a blank signer', (c) => void (c.signer.name = ''), ['signer.name: too_small']],
  ])('refuses %s', (_, change, expected) => {
    const c = full()
    change(c)
    expect(problems(c)).toEqual(expected)
  })

  it('refuses a table row whose cells do not match the columns, saying how many', () => {
    const c = full()
    c.appendices[0]!.table!.rows.push({ cells: ['1', '2'] })
    const issues = OrderContent.safeParse(c).error!.issues
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'custom',
        path: ['appendices', 0, 'table', 'rows', 2, 'cells'],
        message: 'в строке 2 ячеек, а столбцов 5',
      }),
    ])
  })

  it('holds the limits of one order', () => {
    const many = <T>(n: number, x: T) => Array.from({ length: n }, () => x)
    expect(problems({ ...full(), points: many(300, { text: 'п' }) })).toEqual([])
    expect(problems({ ...full(), points: many(301, { text: 'п' }) })).toEqual(['points: too_big'])
    expect(problems({ ...full(), title: 'я'.repeat(1001) })).toEqual(['title: too_big'])
    expect(problems({ ...full(), appendices: many(21, { title: 'п' }) })).toEqual(['appendices: too_big'])
    expect(problems({ ...full(), points: [{ text: 'п', points: many(301, { text: 'п' }) }] })).toEqual([
      'points.0.points: too_big',
    ])
    expect(problems({ ...full(), templateId: 'x'.repeat(101) })).toEqual(['templateId: too_big'])
    // the bounds exactly: what is at them is taken, one more is refused
    expect(problems({ ...full(), points: [{ text: 'п', executors: many(30, 'Иванов И.И.') }] })).toEqual([])
    expect(problems({ ...full(), points: [{ text: 'п', executors: many(31, 'Иванов И.И.') }] })).toEqual([
      'points.0.executors: too_big',
    ])
    expect(problems({ ...full(), points: [{ text: 'п', deadline: 'д'.repeat(300) }] })).toEqual([])
    expect(problems({ ...full(), points: [{ text: 'п', deadline: 'д'.repeat(301) }] })).toEqual([
      'points.0.deadline: too_big',
    ])
    const table = (columns: number, rows: number) => ({
      title: 'План',
      table: {
        columns: many(columns, { title: 'к' }),
        rows: many(rows, { cells: many(columns, 'я') }),
      },
    })
    expect(problems({ ...full(), appendices: [table(15, 2_000)] })).toEqual([])
    expect(problems({ ...full(), appendices: [table(16, 1)] })).toEqual([
      'appendices.0.table.columns: too_big',
      'appendices.0.table.rows.0: invalid_union',
    ])
    expect(problems({ ...full(), appendices: [table(1, 2_001)] })).toEqual(['appendices.0.table.rows: too_big'])
    // the bound counts points of every level together: half the bound, each with one sub-point, fits
    const pairs = (n: number) => many(n, { text: 'п', points: [{ text: 'п' }] })
    expect(problems({ ...full(), points: pairs(150) })).toEqual([])
    expect(problems({ ...full(), points: [...pairs(150), { text: 'п' }] })).toEqual(['points: custom'])
  })

  it('takes an order of exactly 300,000 characters and refuses one more, as too large', () => {
    // 29 points of 10,000 characters and one that brings the whole order, line breaks included, to the bound
    const order = (last: number) => ({
      kind: 'prikaz',
      title: 'Т',
      preamble: 'П',
      points: [...Array.from({ length: 29 }, () => ({ text: 'п'.repeat(10_000) })), { text: 'п'.repeat(last) }],
      signer: { position: 'Д', name: 'И' },
    })
    const atBound = OrderContent.safeParse(order(9_963))
    expect(atBound.success && searchableText(atBound.data).length).toBe(300_000)
    const over = OrderContent.safeParse(order(9_964)).error?.issues ?? []
    expect(over.map((i) => [i.path.join('.'), i.message])).toEqual([['', 'в приказе 300001 знаков, больше 300000']])
  })

  it('registers its schemas under their OpenAPI names', () => {
    const ids = [OrderKind, Point, Column, Row, Appendix, Organization, OrderContent].map(
      (s) => z.globalRegistry.get(s)?.id,
    )
    expect(ids).toEqual(['OrderKind', 'Point', 'Column', 'Row', 'Appendix', 'OrganizationRequisites', 'OrderContent'])
  })

  it('names the kinds in the cases documents need', () => {
    expect(kindNames).toEqual({
      prikaz: { nominative: 'приказ', dative: 'приказу', genitive: 'приказа' },
      rasporyazhenie: { nominative: 'распоряжение', dative: 'распоряжению', genitive: 'распоряжения' },
    })
  })

  it('gathers every word for search, one piece a line, in reading order', () => {
    expect(searchableText(OrderContent.parse(full())).split('\n')).toEqual([
      'О проведении олимпиады',
      'В соответствии с планом,',
      'Провести олимпиаду.',
      'Иванова И.И.',
      'Петров П.П.',
      'до 25.12.2026',
      'Подпункт один.',
      'Подпункт два.',
      'Глубже.',
      'Второй пункт.',
      'План',
      'Текст приложения',
      'Раздел 1',
      '1 Открытие сентябрь Иванова проведено',
      'Второе',
      'Е.В. Смирнова',
      'Директор',
    ])
  })
})
