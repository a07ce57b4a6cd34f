import { describe, expect, it } from 'vitest'
import { OrderContent } from '../../src/domain/content'
import { assertComplete, completenessProblems, DraftContent, parseDraft } from '../../src/domain/draft'
import { OrderError } from '../../src/domain/errors'
import { placeOf } from '../../src/domain/places'
import { sampleContent } from '../support/harness'

const problemsOf = (run: () => unknown) => {
  try {
    run()
  } catch (e) {
    if (e instanceof OrderError)
      return { code: e.code, message: e.message, details: e.details as { path: string; message: string }[] }
    throw e
  }
  return undefined
}

describe('places of an order, in the clerk words', () => {
  it.each([
    ['points.0.points.9.text', 'Пункт 1.10'],
    ['points.2', 'Пункт 3'],
    ['points.1.executors', 'Пункт 2, исполнители'],
    ['points.1.executors.3', 'Пункт 2, исполнитель 4'],
    ['points.0.points.1.deadline', 'Пункт 1.2, срок'],
    ['appendices.0.table.columns', 'Приложение 1, таблица'],
    ['appendices.1.table.columns.2.title', 'Приложение 2, таблица, столбец 3'],
    ['appendices.0.table.rows.4.cells.1', 'Приложение 1, таблица, строка 5, ячейка 2'],
    ['appendices.0.table.rows.4.section', 'Приложение 1, таблица, строка 5 (раздел)'],
    ['appendices.2.title', 'Приложение 3, заголовок'],
    ['appendices.2', 'Приложение 3'],
    ['signer.name', 'Подписывает, И.О. Фамилия'],
    ['preamble', 'Преамбула'],
    ['', 'Приказ'],
  ])('%s is «%s»', (path, place) => expect(placeOf(path)).toBe(place))
})

describe('an unfinished draft', () => {
  it('is kept with nothing but its kind, every text empty and every list empty', () => {
    expect(parseDraft({ kind: 'prikaz' })).toEqual({
      kind: 'prikaz',
      title: '',
      preamble: '',
      points: [],
      signer: { position: '', name: '' },
    })
  })

  it('keeps empty points, an appendix of a table with no column yet, an empty section', () => {
    const draft = parseDraft({
      kind: 'rasporyazhenie',
      points: [{ text: '' }, { text: 'Второй', points: [{ text: '  ' }] }],
      appendices: [{ title: '', table: { columns: [], rows: [{ section: '' }] } }],
    })
    expect(draft.points[1]!.points![0]!.text).toBe('')
    expect(draft.appendices![0]!.table).toEqual({ columns: [], rows: [{ section: '' }] })
  })

  it('refuses what no draft may hold, each by its place, in Russian, once', () => {
    const refused = problemsOf(() =>
      parseDraft({
        kind: 'prikaz',
        title: 'x'.repeat(1001),
        points: [{ text: 'a', points: Array.from({ length: 10 }, (_, i) => ({ text: i === 9 ? '\u0000' : 'b' })) }],
        appendices: [{ title: 'П', table: { columns: [{ title: 'A' }], rows: [{ cells: ['1', '2'] }] } }],
      }),
    )
    expect(refused?.code).toBe('invalid_input')
    const messages = refused!.details.map((d) => d.message)
    expect(messages).toContain('Заголовок: не длиннее 1000 знаков')
    expect(messages.some((m) => m.startsWith('Пункт 1.10: недопустимый символ U+0000'))).toBe(true)
    expect(messages).toContain('Приложение 1, таблица, строка 1: в строке 2 ячеек, а столбцов 1')
    expect(new Set(messages).size).toBe(messages.length)
    for (const m of messages) expect(m).not.toMatch(/points\.|string|array|\d+\.\d+\.text/)
    // the editor still finds the field by its path
    expect(refused!.details.find((d) => d.message.startsWith('Пункт 1.10'))!.path).toBe('points.0.points.9.text')
  })

  it('names a row that is neither cells nor a section', () => {
    const refused = problemsOf(() =>
      parseDraft({
        kind: 'prikaz',
        appendices: [{ title: 'П', table: { columns: [], rows: [{ section: 'А' }, { x: 1 }] } }],
      }),
    )
    expect(refused?.details.map((d) => d.message)).toEqual([
      'Приложение 1, таблица, строка 2: строка таблицы: либо ячейки, либо название раздела',
    ])
  })

  it('refuses a kind it does not know and a body deeper than any order', () => {
    expect(problemsOf(() => parseDraft({}))?.details[0]?.message).toMatch(/^Вид документа: /)
    let deep: unknown = { text: 'a' }
    for (let i = 0; i < 200; i++) deep = { text: 'a', points: [deep] }
    expect(problemsOf(() => parseDraft({ kind: 'prikaz', points: [deep] }))?.code).toBe('invalid_input')
  })

  it('is the same shape as an order: a finished draft passes the finished schema unchanged', () => {
    const content = sampleContent()
    expect(OrderContent.parse(DraftContent.parse(content))).toEqual(OrderContent.parse(content))
  })
})

describe('completeness, asked at submission', () => {
  it('names every missing part by its place, once', () => {
    const draft = parseDraft({
      kind: 'prikaz',
      title: 'Об утверждении',
      points: [{ text: 'Первый', points: Array.from({ length: 10 }, (_, i) => ({ text: i === 9 ? '' : 'b' })) }],
      signer: { position: 'Директор' },
      appendices: [
        { title: 'План', table: { columns: [], rows: [] } },
        { title: '', table: { columns: [{ title: 'Срок' }], rows: [{ section: ' ' }] } },
      ],
    })
    expect(completenessProblems(draft).map((p) => [p.path, p.message])).toEqual([
      ['preamble', 'Преамбула: нет текста'],
      ['points.0.points.9.text', 'Пункт 1.10: нет текста'],
      ['signer.name', 'Подписывает, И.О. Фамилия: не указаны'],
      ['appendices.0.table.columns', 'Приложение 1, таблица: нет ни одного столбца'],
      ['appendices.1.title', 'Приложение 2, заголовок: нет текста'],
      ['appendices.1.table.rows.0.section', 'Приложение 2, таблица, строка 1 (раздел): нет названия'],
    ])
  })

  it('an order of its kind only lacks a title, a preamble, a point and a signer', () => {
    const refused = problemsOf(() => assertComplete(parseDraft({ kind: 'prikaz' })))
    expect(refused?.message).toBe('Приказ не готов к отправке: 5 замечаний')
    expect(refused?.details.map((d) => d.message)).toEqual([
      'Заголовок: нет текста',
      'Преамбула: нет текста',
      'Пункты: нет ни одного пункта',
      'Подписывает, должность: не указана',
      'Подписывает, И.О. Фамилия: не указаны',
    ])
  })

  it('passes a finished order', () => {
    expect(completenessProblems(sampleContent())).toEqual([])
    expect(() => assertComplete(sampleContent())).not.toThrow()
  })

  it('an empty executor or deadline is named too', () => {
    const refused = problemsOf(() =>
      assertComplete(sampleContent({ points: [{ text: 'Пункт', executors: ['Иванов И.И.', ''], deadline: ' ' }] })),
    )
    expect(refused?.details.map((d) => d.message)).toEqual(['Пункт 1, исполнитель 2: пусто', 'Пункт 1, срок: пусто'])
  })
})
