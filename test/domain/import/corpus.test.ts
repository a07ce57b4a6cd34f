import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { DirectoryEntry } from '../../../src/domain/executors'
import { importOrder } from '../../../src/domain/import'
import { expectEveryWordKept, fixturesDir } from '../../support/import'

/**
 * Orders in layouts the samples do not have (test/fixtures/import/): numbered «1)» and «а)», roman
 * sections, no preamble, no directive word, the directive at the end of the preamble's line, a signer
 * padded with spaces or a tab, a position over two lines, a site's trailer and markup, a letter-spaced kind
 * with a letter missing, a распоряжение, a постановление and a решение, an archived order with its date
 * and number, appendices as text and as a table with a section and a repeated header.
 */
const read = (name: string) => readFileSync(join(fixturesDir, 'import', name), 'utf8')
const directory: DirectoryEntry[] = [
  { id: '1', name: 'Петрова А.В.', kind: 'person' },
  { id: '2', name: 'Сидоренко О.П.', kind: 'person' },
  { id: '3', name: 'Отдел общего образования', kind: 'unit' },
  { id: '4', name: 'Морозова Е.Н.', kind: 'person' },
]
const load = (name: string) => {
  const text = read(name)
  const result = importOrder(text, { directory, today: '2024-03-01' })
  expectEveryWordKept(text, result)
  return result
}
const texts = (points: { text: string; points?: unknown[] }[]) => points.map((p) => p.text)
const why = (leftOut: { text: string; why: string }[], start: string) =>
  leftOut.filter((l) => l.why.startsWith(start)).map((l) => l.text)

describe('orders in other layouts', () => {
  it('the directive at the end of the preamble line, a title over two lines, three levels, a padded signer', () => {
    const { content, leftOut } = load('01-directive-at-line-end.txt')
    expect(content.organization).toStrictEqual({
      name: ['КОМИТЕТ ПО ОБРАЗОВАНИЮ', 'АДМИНИСТРАЦИИ МУНИЦИПАЛЬНОГО ОБРАЗОВАНИЯ «ВЯЗЕМСКИЙ РАЙОН»'],
      place: 'г. Вязьма',
    })
    expect(content.registration).toStrictEqual({ number: '12-ОД', date: '2024-01-15' })
    expect(content.title).toBe('О проведении муниципального этапа всероссийской олимпиады школьников')
    expect(content.preamble).toMatch(/^В соответствии с Порядком .* выявления одаренных детей$/)
    expect(why(leftOut, 'слово «приказываю»')).toStrictEqual(['ПРИКАЗЫВАЮ:'])
    expect(content.points[0]).toStrictEqual({
      text: 'Провести муниципальный этап олимпиады в срок до 01.02.2024.',
      deadline: 'в срок до 01.02.2024',
    })
    const second = content.points[1]!
    expect(second.executors).toStrictEqual(['Отделу общего образования', 'Петрова А.В.'])
    expect(second.points![0]!.deadline).toBe('до 20 января')
    expect(texts(second.points![1]!.points!)).toStrictEqual([
      'информирование участников ежемесячно до 5 числа;',
      'публикацию результатов на сайте не позднее 10 февраля 2024 года.',
    ])
    expect(second.points![1]!.points!.map((p) => p.deadline)).toStrictEqual([
      'ежемесячно до 5 числа',
      'не позднее 10 февраля 2024 года',
    ])
    expect(content.points[2]).toMatchObject({
      executors: ['Сидоренко О.П.'],
      deadline: 'с 28 декабря по 8 января',
    })
    expect(content.control).toBe(
      'Контроль за исполнением настоящего приказа возложить на заместителя председателя Комитета Сидоренко О.П.',
    )
    expect(content.signer).toStrictEqual({ position: 'Председатель Комитета', name: 'И.И. Сидоров' })
  })

  it('no preamble, «1)» points with «а)» under them, a signer after tabs, «своевременно» kept as the deadline', () => {
    const { content, doubts } = load('02-no-preamble-paren-points.txt')
    expect(content.preamble).toBe('')
    expect(doubts).toContainEqual({ path: 'preamble', message: expect.stringContaining('Преамбула') })
    expect(texts(content.points)).toStrictEqual([
      'Организовать горячее питание обучающихся 1–4 классов с 1 сентября.',
      'Назначить ответственными:',
      'Классным руководителям своевременно подавать заявки на питание.',
    ])
    expect(texts(content.points[1]!.points!)).toStrictEqual([
      'за организацию питания – социального педагога Морозову Е.Н.;',
      'за ведение табеля – классных руководителей.',
    ])
    expect(content.points[1]!.points![0]!.executors).toStrictEqual(['Морозову Е.Н.'])
    expect(content.points[2]!.deadline).toBe('своевременно')
    expect(content.control).toBe('Контроль над исполнением приказа оставляю за собой.')
    expect(content.signer).toStrictEqual({ position: 'Директор школы', name: 'Н.В. Кузнецова' })
  })

  it('no directive word: the preamble runs to the first number; dash and bullet lists stay in their point', () => {
    const { content } = load('03-no-directive-dash-lists.txt')
    expect(content.preamble).toBe(
      'На основании акта комиссии от 20.08.2024 и в целях обеспечения безопасности обучающихся',
    )
    expect(content.points[0]!.text).toBe(
      'Признать готовыми к новому учебному году учреждения:\n- МБОУ «СШ № 1»;\n- МБОУ «СШ № 2»;\n– МБДОУ «Детский сад № 7».',
    )
    // a line wrapped in the middle of a sentence joins it with a space
    expect(content.points[1]!.text).toBe(
      'Руководителям учреждений устранить замечания комиссии:\n• заменить огнетушители;\n• обновить паспорта безопасности в течение сентября 2024 года.',
    )
    expect(content.points[1]!.deadline).toBe('в течение сентября 2024 года')
    expect(content.points[2]!.deadline).toBeUndefined()
    expect(content.control).toBeUndefined()
    expect(content.signer).toStrictEqual({
      position: 'Заместитель Главы города – начальник управления образования',
      name: 'С.Н. Петров',
    })
  })

  it('a распоряжение letter-spaced with a space lost, its own directive kept, «т.г.» and «по мере необходимости»', () => {
    const { content, leftOut } = load('04-rasporyazhenie.txt')
    expect(content.kind).toBe('rasporyazhenie')
    expect(why(leftOut, 'вид документа')).toStrictEqual(['Р А С П ОР Я Ж Е Н И Е'])
    expect(content.registration).toStrictEqual({ number: '45-р', date: '2024-03-12' })
    expect(content.directive).toBe('ОБЯЗЫВАЮ:')
    expect(content.points.map((p) => p.deadline)).toStrictEqual([
      'ежемесячно до 5 числа',
      'до 1 апреля т.г.',
      'по мере необходимости',
    ])
    expect(content.control).toBe('Контроль за исполнением распоряжения оставляю за собой.')
  })

  it('a постановление: the nearest kind and a doubt at kind; its directive word kept as written', () => {
    const { content, doubts } = load('05-postanovlenie.txt')
    expect(content.kind).toBe('prikaz')
    expect(doubts).toContainEqual({ path: 'kind', message: expect.stringContaining('«постановление»') })
    expect(content.directive).toBe('п о с т а н о в л я ю:')
    expect(content.signer).toStrictEqual({ position: 'Глава города', name: 'В.В. Иванов' })
  })

  it('an archived order pasted from a site: kind, date and number on one line, markup and the trailer left out', () => {
    const { content, leftOut, doubts } = load('06-archived-from-site.txt')
    expect(content.registration).toStrictEqual({ number: '34', date: '2022-02-10' })
    expect(content.organization).toStrictEqual({ name: ['МИНИСТЕРСТВО ОБРАЗОВАНИЯ И НАУКИ ОБЛАСТИ'] })
    expect(content.title).toBe('Об утверждении графика проведения мониторинга')
    expect(content.points[1]!.deadline).toBe('22 июня 10.00 ч.')
    expect(content.signer).toStrictEqual({ position: 'Министр', name: 'Е.Е. Ковалёва' })
    expect(why(leftOut, 'текст после подписи')).toStrictEqual([
      'Документ опубликован на портале правовой информации 11.02.2022\nИсточник: сайт министерства, раздел «Документы»',
    ])
    expect(why(leftOut, 'разметка HTML')[0]).toMatch(/^<p> <\/p>/)
    expect(doubts.filter((d) => d.path === 'kind' || d.path === 'title')).toStrictEqual([])
  })

  it('a kind with a letter missing, a number without a date, one unnumbered point and an unnumbered control', () => {
    const { content, doubts } = load('07-letter-missing-one-point.txt')
    expect(content.kind).toBe('prikaz')
    expect(content.registration).toBeUndefined()
    expect(doubts).toContainEqual({ path: 'registration', message: 'В тексте есть номер, но нет даты приказа' })
    expect(content.points).toStrictEqual([
      {
        text: 'Отменить учебные занятия для обучающихся 1–9 классов 19 января 2024 года.',
        deadline: '19 января 2024 года',
      },
    ])
    expect(content.control).toBe('Контроль исполнения приказа оставляю за собой.')
  })

  it('appendices: a regulation as text under a two-line title, a plan as a table with a section and a repeated header', () => {
    const { content, leftOut } = load('08-appendices-text-and-table.txt')
    const [regulation, plan] = content.appendices!
    expect(regulation).toStrictEqual({
      title: 'ПОЛОЖЕНИЕ о муниципальном конкурсе «Учитель года»',
      text: '1. Общие положения\nКонкурс проводится ежегодно.\n2. Участники\nУчаствуют педагоги школ города.',
    })
    expect(plan!.title).toBe('План подготовки конкурса')
    expect(plan!.table!.columns.map((c) => c.role)).toStrictEqual([
      'number',
      'activity',
      'deadline',
      'executor',
      'result',
    ])
    expect(plan!.table!.rows).toStrictEqual([
      { section: 'Раздел 1. Организационные мероприятия' },
      { cells: ['1', 'Формирование жюри', 'до 15 марта', 'Белова А.А.', 'приказ'] },
      { cells: ['2', 'Приём заявок', 'март–апрель 2024 г.', 'методисты', 'список'] },
      { cells: ['3', 'Проведение', 'апрель 2024', 'жюри', 'протокол'] },
    ])
    expect(why(leftOut, 'отметка приложения')).toStrictEqual([
      'Приложение № 1 к приказу от 01.03.2024 № 50',
      'Приложение № 2 к приказу от 01.03.2024 № 50',
    ])
    expect(why(leftOut, 'шапка таблицы')).toHaveLength(1)
  })

  it('no order at all: one point holding the whole text, and why', () => {
    const { content, doubts } = load('09-not-an-order.txt')
    expect(content.points).toHaveLength(1)
    expect(content.points[0]!.text).toBe(read('09-not-an-order.txt').trim())
    expect(doubts).toStrictEqual([{ path: 'points.0', message: expect.stringContaining('не распознан') }])
  })

  it('a решение with roman sections, «1)» under them, «РЕШИЛ:» at the end of the preamble, quarterly duties', () => {
    const { content, doubts } = load('10-resheniye-roman.txt')
    expect(doubts).toContainEqual({ path: 'kind', message: expect.stringContaining('«решение»') })
    expect(content.preamble).toBe('Заслушав информацию председателя, Совет депутатов')
    expect(content.directive).toBe('РЕШИЛ:')
    expect(texts(content.points)).toStrictEqual(['Утвердить план работы Совета на 2024 год.', 'Поручить комиссиям:'])
    expect(content.points[1]!.points!.map((p) => p.deadline)).toStrictEqual(['в I квартале 2024 года', 'ежеквартально'])
    expect(content.control).toBe('Контроль за выполнением решения возложить на председателя Совета.')
    expect(content.signer.name).toBe('М.М. Новикова')
  })
})
