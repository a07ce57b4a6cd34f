import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkOrder, citations, citedNumbers, unnumberedCitation, yearSlip } from '../../src/domain/check-order'
import type { Appendix, OrderContent } from '../../src/domain/content'
import { sampleContent } from '../support/harness'

const fixture = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures', name), 'utf8')) as OrderContent
const check = (c: OrderContent, reference = '2024-09-05') => checkOrder(c, { reference })
const codes = (c: OrderContent, reference = '2024-09-05') => check(c, reference).map((p) => p.code)

const appendices = (...titles: string[]): Appendix[] => titles.map((title) => ({ title, text: 'Текст приложения.' }))
const executed = { executors: ['Иванова И.И.'], deadline: 'до 30.06.2030' }

/**
 * Correct text as real orders write it: every one must give no problem at all. Each is an order of
 * its own (title, preamble, points, appendices), reference date 05.09.2024.
 */
const correct: [string, OrderContent][] = [
  [
    'a multi-year plan approved as «прилагаемый План»',
    sampleContent({
      title: 'Об утверждении плана мероприятий («дорожной карты») по развитию образования на 2025 – 2027 годы',
      points: [{ text: 'Утвердить прилагаемый План мероприятий («дорожную карту») на 2025 – 2027 годы.' }],
    }),
  ],
  [
    '«согласно приложению к настоящему приказу»',
    sampleContent({ points: [{ text: 'Провести мониторинг согласно приложению к настоящему приказу.', ...executed }] }),
  ],
  ['«(прилагается)»', sampleContent({ points: [{ text: 'Утвердить Положение о конкурсе (прилагается).' }] })],
  ['«(приложение)»', sampleContent({ points: [{ text: 'Утвердить состав оргкомитета (приложение).' }] })],
  [
    '«в приложении к настоящему приказу»',
    sampleContent({ points: [{ text: 'Утвердить график, указанный в приложении к настоящему приказу.' }] }),
  ],
  [
    '«утвердить … (приложение № 2)» with two appendices',
    sampleContent({
      points: [
        { text: 'Утвердить Положение о конкурсе (приложение № 1).' },
        { text: 'Утвердить состав жюри конкурса (приложение № 2).' },
      ],
      appendices: appendices('Положение о конкурсе', 'Состав жюри'),
    }),
  ],
  [
    '«прилагаемые Положение … и состав …» naming both appendices by title',
    sampleContent({
      points: [{ text: 'Утвердить прилагаемые Положение о муниципальном конкурсе и Состав жюри конкурса.' }],
      appendices: appendices('Положение о муниципальном конкурсе', 'Состав жюри конкурса'),
    }),
  ],
  [
    '«(приложения № 1, 2)» and «приложения № 3 и 4»',
    sampleContent({
      points: [
        { text: 'Утвердить план и смету (приложения № 1, 2).' },
        { text: 'Утвердить формы (приложения № 3 и 4).' },
      ],
      appendices: appendices('План', 'Смета', 'Форма 1', 'Форма 2'),
    }),
  ],
  [
    '«(приложения №№ 1–3)», a range',
    sampleContent({
      points: [{ text: 'Утвердить документы конкурса (приложения №№ 1–3).' }],
      appendices: appendices('Положение', 'Состав жюри', 'Смета'),
    }),
  ],
  [
    '«приложением 2» without the sign',
    sampleContent({
      points: [{ text: 'Утвердить план (приложение 1).' }, { text: 'Утвердить смету, являющуюся приложением 2.' }],
      appendices: appendices('План', 'Смета'),
    }),
  ],
  [
    'an appendix of another act, in an order with no appendix of its own',
    sampleContent({
      points: [
        {
          text: 'Руководствоваться приложением к приказу Министерства образования и науки Смоленской области от 29.08.2024 № 771-од.',
        },
        { text: 'Использовать формы, приведённые в приложении № 3 к постановлению Администрации от 12.01.2024 № 5.' },
      ],
      appendices: [],
    }),
  ],
  [
    'numbers after «прилагаемые» are not appendix numbers; «прилагаемые к настоящему приказу»',
    sampleContent({
      points: [
        { text: 'Направить прилагаемые 2 экземпляра договора.' },
        { text: 'Утвердить формы, прилагаемые к настоящему приказу, и отчёт по форме к приказу Министерства.' },
      ],
      appendices: appendices('Формы'),
    }),
  ],
  [
    'an order number that looks like a year pair, with or without a space after №',
    sampleContent({ preamble: 'Во исполнение приказов №203/2024 и №  209-2023 на 2024/2025 учебный год,' }),
  ],
  [
    'date ranges and multi-year periods',
    sampleContent({
      title: 'О муниципальной программе «Развитие образования» на 2024-2025 гг. и 2025–2030 годы',
      preamble:
        'В соответствии с приказом № 203/2024 от 01.02.2024, планом на период с 01.09.2024 по 31.05.2025 и графиком 01.09.2024-31.05.2025,',
      points: [
        { text: 'Утвердить план (приложение) мероприятий в 2024–2026 учебных годах и в 2024-2027 гг.' },
        { text: 'Обеспечить выполнение плана в 2024/2025 учебном году.', ...executed },
        { text: 'Провести семинары в 2024 – 2025 уч. году и в 2025/2026 уч.г. (стр. 100-1000).' },
        { text: 'Подготовить отчёт за 2023 /2024 учебный год и за учебный год 2022/2023.' },
      ],
    }),
  ],
]

/** Real slips, each with every problem it must bring (and nothing else). */
const slips: [string, OrderContent, { code: string; path: string; message: string }[]][] = [
  [
    'a cited appendix that does not exist',
    sampleContent({
      points: [
        { text: 'Утвердить план (Приложение № 1).' },
        { text: 'Утвердить график (Приложение № 2).' },
        { text: 'Утвердить смету (Приложение № 3).' },
      ],
      appendices: appendices('План', 'График'),
    }),
    [{ code: 'appendix_missing', path: 'points.2.text', message: 'Пункт ссылается на приложение № 3, а приложений 2' }],
  ],
  [
    'appendix № 0',
    sampleContent({
      points: [{ text: 'Утвердить план (Приложения № 0, 1, 2).' }],
      appendices: appendices('План', 'График'),
    }),
    [{ code: 'appendix_missing', path: 'points.0.text', message: 'Пункт ссылается на приложение № 0, а приложений 2' }],
  ],
  [
    'an appendix no point cites',
    sampleContent({ points: [{ text: 'Утвердить план (Приложение № 1).' }], appendices: appendices('План', 'График') }),
    [
      {
        code: 'appendix_not_cited',
        path: 'appendices.1',
        message: 'На приложение № 2 «График» не ссылается ни один пункт',
      },
    ],
  ],
  [
    'the single appendix, not cited',
    sampleContent({ points: [{ text: 'Провести совещание.' }], appendices: appendices('План') }),
    [{ code: 'appendix_not_cited', path: 'appendices.0', message: 'На приложение «План» не ссылается ни один пункт' }],
  ],
  [
    'a numbered citation in an order with no appendix',
    sampleContent({
      points: [{ text: 'Утвердить план', points: [{ text: 'Утвердить план (приложение № 2).' }] }],
      appendices: [],
    }),
    [
      {
        code: 'appendix_absent',
        path: 'points.0.points.0.text',
        message: 'Пункт ссылается на приложение № 2, но у приказа нет приложений',
      },
    ],
  ],
  [
    '«(прилагается)» in an order with no appendix',
    sampleContent({ points: [{ text: 'Утвердить план (прилагается).' }], appendices: [] }),
    [
      {
        code: 'appendix_absent',
        path: 'points.0.text',
        message: 'Пункт ссылается на приложение, но у приказа нет приложений',
      },
    ],
  ],
  [
    '«Приложение № 1» for the single appendix',
    sampleContent({ points: [{ text: 'Утвердить план (Приложение № 1).' }] }),
    [
      {
        code: 'appendix_number_single',
        path: 'points.0.text',
        message: 'Единственное приложение обозначается «Приложение» без номера, а пункт ссылается на «Приложение № 1»',
      },
    ],
  ],
  [
    'a three-digit year in the title',
    sampleContent({ title: 'О плане на 203/2024 учебный год' }),
    [{ code: 'year_range', path: 'title', message: '«203/2024»: годы записаны неверно, ожидается 2023/2024' }],
  ],
  [
    'a three-digit year with no school year, and one at the end',
    sampleContent({ preamble: 'Во исполнение плана на 2024-205 гг. и на 203 – 2024 годы,' }),
    [
      { code: 'year_range', path: 'preamble', message: '«2024-205»: годы записаны неверно, ожидается 2024/2025' },
      { code: 'year_range', path: 'preamble', message: '«203 – 2024»: годы записаны неверно, ожидается 2023/2024' },
    ],
  ],
  [
    'a school year of two years apart',
    sampleContent({
      points: [{ text: 'Утвердить план (приложение) на 2023/2025 учебный год.' }],
      control: 'Контроль на учебный год 2025-2024 оставляю за собой.',
    }),
    [
      {
        code: 'year_range',
        path: 'points.0.text',
        message: '«2023/2025»: годы записаны неверно, учебный год — два года подряд, ожидается 2024/2025',
      },
      {
        code: 'year_range',
        path: 'control',
        message: '«2025-2024»: годы записаны неверно, учебный год — два года подряд, ожидается 2023/2024',
      },
    ],
  ],
  [
    'a school year slip in a table cell and an appendix text',
    sampleContent({
      appendices: [
        {
          title: 'План на 2024-2026 уч. год',
          text: 'в 2024/2024 учебного года',
          table: {
            columns: [{ title: 'Срок' }],
            rows: [{ section: 'Раздел 2024/2023 уч.г.' }, { cells: ['203/2024'] }],
          },
        },
      ],
    }),
    [
      {
        code: 'year_range',
        path: 'appendices.0.title',
        message: '«2024-2026»: годы записаны неверно, учебный год — два года подряд, ожидается 2025/2026',
      },
      {
        code: 'year_range',
        path: 'appendices.0.text',
        message: '«2024/2024»: годы записаны неверно, учебный год — два года подряд, ожидается 2023/2024',
      },
      {
        code: 'year_range',
        path: 'appendices.0.table.rows.0.section',
        message: '«2024/2023»: годы записаны неверно, учебный год — два года подряд, ожидается 2022/2023',
      },
      {
        code: 'year_range',
        path: 'appendices.0.table.rows.1.cells.0',
        message: '«203/2024»: годы записаны неверно, ожидается 2023/2024',
      },
    ],
  ],
  [
    'a school year slip at the end of a sentence, in capitals, with two spaces',
    sampleContent({
      preamble: 'С целью подготовки к новому учебному году, на УЧЕБНЫЙ ГОД 2022/2024. Далее,',
      control: undefined,
      title: 'О плане на 2022-2024  учебным годом',
    }),
    [
      {
        code: 'year_range',
        path: 'title',
        message: '«2022-2024»: годы записаны неверно, учебный год — два года подряд, ожидается 2023/2024',
      },
      {
        code: 'year_range',
        path: 'preamble',
        message: '«2022/2024»: годы записаны неверно, учебный год — два года подряд, ожидается 2023/2024',
      },
    ],
  ],
  [
    'a numbered citation leaves the other appendix uncited',
    sampleContent({
      points: [{ text: 'Утвердить расходы (приложение № 2).' }],
      appendices: appendices('План', 'Смета'),
    }),
    [
      {
        code: 'appendix_not_cited',
        path: 'appendices.0',
        message: 'На приложение № 1 «План» не ссылается ни один пункт',
      },
    ],
  ],
  [
    'a list of appendices in an order with none',
    sampleContent({ points: [{ text: 'Утвердить формы (приложения № 1, 2).' }], appendices: [] }),
    [
      {
        code: 'appendix_absent',
        path: 'points.0.text',
        message: 'Пункт ссылается на приложение № 1, 2, но у приказа нет приложений',
      },
    ],
  ],
  [
    'a deadline whose latest date is still ahead is not past, wherever it is written',
    sampleContent({
      points: [
        { text: 'Утвердить план (Приложение).' },
        { text: 'Сдать.', executors: ['Иванова И.И.'], deadline: 'итог 30.06.2030; с 01.01.2024; отчёт 01.03.2024' },
        { text: 'Сдать.', deadline: 'до 1.9.2024' },
      ],
    }),
    [
      {
        code: 'executor_missing',
        path: 'points.2.executors',
        message: 'У пункта есть срок «до 1.9.2024», но не указан исполнитель',
      },
    ],
  ],
  [
    'a row shorter than the columns leaves its column empty',
    sampleContent({
      appendices: [
        { title: 'План', table: { columns: [{ title: '№' }, { title: 'Срок' }], rows: [{ cells: ['1'] }] } },
      ],
    }),
    [
      {
        code: 'table_column_empty',
        path: 'appendices.0.table.columns.1',
        message: 'Столбец «Срок» в приложении 1 пуст',
      },
    ],
  ],
  [
    'a deadline and no executor',
    sampleContent({
      points: [{ text: 'Утвердить план (Приложение).', points: [{ text: 'Сдать отчёт.', deadline: 'до 30.06.2025' }] }],
    }),
    [
      {
        code: 'executor_missing',
        path: 'points.0.points.0.executors',
        message: 'У пункта есть срок «до 30.06.2025», но не указан исполнитель',
      },
    ],
  ],
  [
    'a deadline and an empty list of executors',
    sampleContent({
      points: [{ text: 'Утвердить план (Приложение).' }, { text: 'Сдать.', executors: [], deadline: 'к сроку' }],
    }),
    [
      {
        code: 'executor_missing',
        path: 'points.1.executors',
        message: 'У пункта есть срок «к сроку», но не указан исполнитель',
      },
    ],
  ],
  [
    'a deadline already past (the latest date of a range counts)',
    sampleContent({
      points: [
        { text: 'Утвердить план (Приложение).' },
        { text: 'Сдать отчёт.', executors: ['Иванова И.И.'], deadline: 'с 01.03.2024 по 04.09.2024' },
        { text: 'Сдать второй.', executors: ['Иванова И.И.'], deadline: 'с 01.03.2024 по 05.09.2024' },
      ],
    }),
    [
      {
        code: 'deadline_past',
        path: 'points.1.deadline',
        message: 'Срок «с 01.03.2024 по 04.09.2024» уже прошёл на дату 05.09.2024',
      },
    ],
  ],
  [
    'an empty table column',
    sampleContent({
      appendices: [
        {
          title: 'План',
          table: {
            columns: [{ title: '№' }, { title: 'Срок' }],
            rows: [{ section: 'Раздел' }, { cells: ['1', ''] }, { cells: ['2', ' '] }],
          },
        },
      ],
    }),
    [
      {
        code: 'table_column_empty',
        path: 'appendices.0.table.columns.1',
        message: 'Столбец «Срок» в приложении 1 пуст',
      },
    ],
  ],
]

describe('the order linter', () => {
  it('passes a clean order', () => {
    expect(check(sampleContent())).toEqual([])
  })

  it.each(correct)('gives no problem on correct text: %s', (_, content) => {
    expect(check(content)).toEqual([])
  })

  it.each(slips)('finds the slip: %s', (_, content, expected) => {
    expect(check(content)).toEqual(expected)
  })

  it('reads only whole dates DD.MM.YYYY in a deadline', () => {
    const content = sampleContent({
      points: [
        { text: 'Утвердить план (Приложение).' },
        { text: 'Сдать.', executors: ['Иванова И.И.'], deadline: 'до 1.12.2024 или 01.1.2024' },
      ],
    })
    expect(check(content, '2024-12-15')).toEqual([])
  })

  it('a table with section rows only has no empty column', () => {
    const content = sampleContent({
      appendices: [{ title: 'План', table: { columns: [{ title: '№' }], rows: [{ section: 'Раздел' }] } }],
    })
    expect(check(content)).toEqual([])
  })

  it('reads the numbers of a citation: a list, a range, none', () => {
    expect(citedNumbers(undefined)).toEqual([])
    expect(citedNumbers(' № 2')).toEqual([2])
    expect(citedNumbers(' №№ 1, 3 и 5')).toEqual([1, 3, 5])
    expect(citedNumbers(' № 2–4')).toEqual([2, 3, 4])
    expect(citedNumbers(' № 2 - 3')).toEqual([2, 3])
    expect(citedNumbers(' № 2 - 5')).toEqual([2, 3, 4, 5])
    expect(citedNumbers(' № 10, 12')).toEqual([10, 12])
    expect(citedNumbers(' № 1—200')).toHaveLength(50)
  })

  it('finds the citations of the order’s own appendices, not those of other acts', () => {
    expect(citations('Утвердить план (Приложение № 1); график (приложения № 2, 3); смету (прилагается)')).toEqual([
      [1],
      [2, 3],
      [],
    ])
    expect(citations('согласно приложению к настоящему приказу, приложению к данному приказу')).toEqual([[], []])
    expect(citations('согласно приложению к приказу Министерства от 01.02.2024 № 3')).toEqual([])
    expect(citations('согласно приложению № 2 к распоряжению Администрации')).toEqual([])
    expect(citations('согласно приложению 2 к  постановлению')).toEqual([])
    for (const act of ['письму', 'решению', 'положению', 'порядку', 'закону', 'указу', 'протоколу', 'программе'])
      expect(citations(`согласно приложению к ${act} от 01.02.2024`), act).toEqual([])
    expect(citations('согласно приложению к этому приказу и Приложению')).toEqual([[], []])
    expect(citations('формы, прилагаемые к приказу Министерства, и прилагаемые к распоряжению')).toEqual([])
    expect(citations('прилагаемые 2 экземпляра; прилагается')).toEqual([[], []])
    expect(citations('согласно приложению  к приказу Министерства')).toEqual([])
    expect(citations('согласно приложению № 1 и пояснениям к приказу Министерства')).toEqual([[1]])
    expect(
      citations('приложения№1,2; приложения  №№ 3 ,4; приложение  5; приложение №  6; приложение № 10, 12, 13'),
    ).toEqual([[1, 2], [3, 4], [5], [6], [10, 12, 13]])
    expect(citations('приложения № 1 и 2, приложения №2-3, приложения 4 — 5, приложение 6')).toEqual([
      [1, 2],
      [2, 3],
      [4, 5],
      [6],
    ])
    expect(citations('Провести совещание.')).toEqual([])
  })

  it('an unnumbered citation means the appendices whose title it names, else the first', () => {
    const list = [{ title: 'Положение о конкурсе' }, { title: 'Состав жюри' }, { title: 'Смета расходов' }]
    expect(unnumberedCitation(list, 'Утвердить прилагаемые положение о конкурсе и состав жюри.')).toEqual([1, 2])
    expect(unnumberedCitation(list, 'Утвердить прилагаемую СМЕТУ РАСХОДОВ.')).toEqual([3])
    expect(unnumberedCitation(list, 'Утвердить прилагаемую смету.')).toEqual([1])
    expect(unnumberedCitation([{ title: '1 2' }, { title: 'Смета' }], 'Утвердить смету (прилагается).')).toEqual([2])
    expect(unnumberedCitation([{ title: '—' }], 'Утвердить (прилагается).')).toEqual([1])
    // a title is named by its first two words, each by its stem
    const contest = [{ title: 'Смета' }, { title: 'Положение о конкурсе чтецов' }]
    expect(unnumberedCitation(contest, 'Утвердить прилагаемое положение о конкурсе.')).toEqual([2])
    expect(unnumberedCitation(contest, 'Утвердить прилагаемые полотна конкретных работ.')).toEqual([1])
  })

  it('judges a pair of years by where it stands', () => {
    expect(yearSlip('203', '2024', 'на ', ' годы')).toBe('ожидается 2023/2024')
    expect(yearSlip('2023', '204', 'на ', ' годы')).toBe('ожидается 2023/2024')
    expect(yearSlip('190', '1999', '', '')).toBe('ожидается 1998/1999')
    expect(yearSlip('209', '2099', '', '')).toBe('ожидается 2098/2099')
    expect(yearSlip('189', '2024', '', '')).toBeNull()
    expect(yearSlip('210', '2024', '', '')).toBeNull()
    expect(yearSlip('203', '1899', '', '')).toBeNull()
    expect(yearSlip('203', '2100', '', '')).toBeNull()
    expect(yearSlip('2024', '189', '', '')).toBeNull()
    expect(yearSlip('1899', '203', '', '')).toBeNull()
    expect(yearSlip('2100', '203', '', '')).toBeNull()
    expect(yearSlip('123', '456', '', ' учебный год')).toBeNull()
    expect(yearSlip('1000', '5000', '', ' учебный год')).toBeNull()
    expect(yearSlip('2000', '2100', '', ' учебный год')).toBeNull()
    expect(yearSlip('1899', '1900', '', ' учебный год')).toBeNull()
    expect(yearSlip('2025', '2027', 'на ', ' годы')).toBeNull()
    expect(yearSlip('2025', '2027', 'в ', ' учебных годах')).toBeNull()
    expect(yearSlip('2025', '2026', 'в ', ' учебном году')).toBeNull()
    expect(yearSlip('1900', '2099', '', ' учебный год')).toBe('учебный год — два года подряд, ожидается 2098/2099')
    for (const after of [
      ' учебный год',
      ' учебного года',
      ' учебном году',
      ' учебному году',
      ' уч. год',
      ' уч.г.',
      ' уч. г',
    ])
      expect(yearSlip('2025', '2027', 'в ', after), after).toBe('учебный год — два года подряд, ожидается 2026/2027')
    for (const before of ['на учебный год ', 'учебного года  '])
      expect(yearSlip('2025', '2027', before, '.'), before).toBe('учебный год — два года подряд, ожидается 2026/2027')
    expect(yearSlip('2025', '2027', 'учебный год и ', '.')).toBeNull()
    expect(yearSlip('2025', '2027', '', ' учебныйгод')).toBeNull()
    expect(yearSlip('2025', '2027', '', ' учебный годовой план')).toBeNull()
    expect(yearSlip('2025', '2027', '', ' уч. годы')).toBeNull()
  })

  it('finds the slips of sample № 558 as written, and none once corrected', () => {
    const asWritten = fixture('order-558.json')
    const found = check(asWritten, '2023-10-23')
    expect(found.filter((p) => p.code === 'appendix_absent')).toHaveLength(10)
    expect(found.filter((p) => p.code === 'year_range')).toEqual([
      {
        code: 'year_range',
        path: 'points.0.points.9.text',
        message: '«203/2024»: годы записаны неверно, ожидается 2023/2024',
      },
    ])
    expect(found).toHaveLength(11)
    const points = asWritten.points.map((p, i) =>
      i === 0 ? { ...p, points: p.points!.map((s) => ({ ...s, text: s.text.replace('203/2024', '2023/2024') })) } : p,
    )
    const corrected: OrderContent = {
      ...asWritten,
      points,
      appendices: points[0]!.points!.map((s) => ({ title: s.text.replace(/\s*\(Приложение № \d+\)[;.]?$/, '') })),
    }
    expect(check(corrected, '2023-10-23')).toEqual([])
  })

  it('finds the slip of sample № 226/1-г as written, and none once corrected', () => {
    const asWritten = fixture('order-226-1.json')
    expect(codes(asWritten)).toEqual(['appendix_number_single'])
    const corrected = {
      ...asWritten,
      points: asWritten.points.map((p) => ({ ...p, text: p.text.replace('(Приложение № 1)', '(Приложение)') })),
    }
    expect(codes(corrected)).toEqual([])
  })
})
