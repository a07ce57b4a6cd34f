import { describe, expect, it } from 'vitest'
import type { OrderContent } from '../../src/domain/content'
import { buildOrderView, pointLines } from '../../src/documents/order-view'

const content: OrderContent = {
  kind: 'prikaz',
  title: 'О проведении олимпиады',
  preamble: 'В соответствии с планом,',
  points: [
    { text: 'Провести олимпиаду.', executors: ['Иванова И.И.', 'Петров П.П.'], deadline: 'до 25.12.2026' },
    {
      text: 'Назначить Сидорова С.С. ответственным до 01.12.2026.',
      executors: ['Сидорова С.С.', 'Кузнецов К.К.'],
      deadline: 'до 01.12.2026',
      points: [{ text: 'Подпункт.', points: [{ text: 'Подподпункт.', deadline: 'ежемесячно.' }] }],
    },
    { text: 'Без срока.' },
  ],
  control: 'Контроль оставляю за собой.',
  signer: { position: 'Директор', name: 'Е.В. Смирнова' },
  appendices: [
    { title: 'Состав жюри', text: 'Первая строка\nВторая строка' },
    {
      title: 'План',
      table: {
        columns: [{ title: '№' }, { title: 'Мероприятие', role: 'activity' }],
        rows: [{ cells: ['1', 'Открытие'] }],
      },
    },
  ],
}
const organization = { parent: ['АДМИНИСТРАЦИЯ ГОРОДА'], name: ['УПРАВЛЕНИЕ', 'ОБРАЗОВАНИЯ'], place: 'Смоленск' }

describe('order view', () => {
  it('lays out a registered order: requisites, numbers, notes, control as the last point, appendix marks', () => {
    const v = buildOrderView(content, { draft: false, number: '12-ОД', date: '2026-03-10', organization })
    expect(v).toEqual({
      draft: false,
      fillable: false,
      copyNote: null,
      logo: null,
      parentLines: ['АДМИНИСТРАЦИЯ ГОРОДА'],
      nameLines: ['УПРАВЛЕНИЕ', 'ОБРАЗОВАНИЯ'],
      place: 'Смоленск',
      kindTitle: 'ПРИКАЗ',
      dateText: '10.03.2026',
      numberText: '12-ОД',
      title: 'О проведении олимпиады',
      preamble: 'В соответствии с планом,',
      directive: 'п р и к а з ы в а ю:',
      points: [
        {
          number: '1.',
          depth: 0,
          text: 'Провести олимпиаду.',
          lead: 'Провести олимпиаду.',
          items: [],
          note: 'Ответственные: Иванова И.И., Петров П.П. Срок: до 25.12.2026.',
        },
        {
          number: '2.',
          depth: 0,
          text: 'Назначить Сидорова С.С. ответственным до 01.12.2026.',
          lead: 'Назначить Сидорова С.С. ответственным до 01.12.2026.',
          items: [],
          note: 'Ответственные: Кузнецов К.К.',
        },
        { number: '2.1.', depth: 1, text: 'Подпункт.', lead: 'Подпункт.', items: [], note: null },
        {
          number: '2.1.1.',
          depth: 2,
          text: 'Подподпункт.',
          lead: 'Подподпункт.',
          items: [],
          note: 'Срок: ежемесячно.',
        },
        { number: '3.', depth: 0, text: 'Без срока.', lead: 'Без срока.', items: [], note: null },
        {
          number: '4.',
          depth: 0,
          text: 'Контроль оставляю за собой.',
          lead: 'Контроль оставляю за собой.',
          items: [],
          note: null,
        },
      ],
      signer: { position: 'Директор', name: 'Е.В. Смирнова' },
      appendices: [
        {
          label: 'Приложение № 1',
          mark: 'к приказу от 10.03.2026 № 12-ОД',
          markLines: ['Приложение № 1', 'к приказу', 'от 10.03.2026 № 12-ОД'],
          title: 'Состав жюри',
          textLines: ['Первая строка', 'Вторая строка'],
          table: null,
        },
        {
          label: 'Приложение № 2',
          mark: 'к приказу от 10.03.2026 № 12-ОД',
          markLines: ['Приложение № 2', 'к приказу', 'от 10.03.2026 № 12-ОД'],
          title: 'План',
          textLines: [],
          table: content.appendices![1]!.table,
        },
      ],
      approvalLines: 0,
    })
  })

  it('leaves blanks for the date and number of a project, and takes the requisites of the organization', () => {
    const v = buildOrderView(
      { ...content, kind: 'rasporyazhenie', control: undefined, appendices: [{ title: 'Одно' }] },
      { draft: true, organization: { name: ['ШКОЛА'] } },
    )
    expect(v).toMatchObject({
      draft: true,
      parentLines: [],
      nameLines: ['ШКОЛА'],
      place: null,
      kindTitle: 'РАСПОРЯЖЕНИЕ',
      dateText: '__________',
      numberText: '______',
      directive: null,
    })
    expect(v.points.map((p) => p.number)).toEqual(['1.', '2.', '2.1.', '2.1.1.', '3.'])
    expect(v.appendices).toEqual([
      {
        label: 'Приложение',
        mark: 'к распоряжению от __________ № ______',
        markLines: ['Приложение', 'к распоряжению', 'от __________ № ______'],
        title: 'Одно',
        textLines: [],
        table: null,
      },
    ])
  })

  it("prefers the content's own requisites and directive", () => {
    const v = buildOrderView(
      { ...content, organization: { name: ['СВОЯ'] }, directive: 'постановляю:', appendices: undefined },
      {
        draft: false,
        number: null,
        date: null,
        organization,
        directive: 'ОБЯЗЫВАЮ:',
        logo: 'data:image/png;base64,AA==',
      },
    )
    // neither a draft nor registered: the file to sign, whose date and number are fields the registration fills
    expect(v).toMatchObject({
      nameLines: ['СВОЯ'],
      parentLines: [],
      place: null,
      directive: 'постановляю:',
      fillable: true,
    })
    expect(v.appendices).toEqual([])
    // the profile's emblem belongs to its letterhead: an order naming its own organization prints none
    expect(v.logo).toBeNull()
  })

  it("takes the profile's directive words and emblem where the order says none, the kind's default after", () => {
    const facts = { draft: true, organization, directive: 'ОБЯЗЫВАЮ:', logo: 'data:image/png;base64,AA==' }
    expect(buildOrderView(content, facts)).toMatchObject({ directive: 'ОБЯЗЫВАЮ:', logo: facts.logo })
    expect(buildOrderView(content, { ...facts, directive: null })).toMatchObject({ directive: 'п р и к а з ы в а ю:' })
    expect(buildOrderView({ ...content, kind: 'rasporyazhenie' }, { ...facts, directive: null }).directive).toBeNull()
  })

  it('cuts a point at its line breaks, markers found after the spaces a line was typed with', () => {
    expect(
      pointLines(
        'Обеспечить: \r\n  - явку;\n\n   1) отчёт.  \n  а) без маркера нет\nb) латиницей\n12. двузначный\nпросто строка',
      ),
    ).toEqual({
      lead: 'Обеспечить:',
      items: [
        { marker: '-', body: 'явку;' },
        { marker: '1)', body: 'отчёт.' },
        { marker: 'а)', body: 'без маркера нет' },
        { marker: 'b)', body: 'латиницей' },
        { marker: '12.', body: 'двузначный' },
        { marker: '', body: 'просто строка' },
      ],
    })
  })
})
