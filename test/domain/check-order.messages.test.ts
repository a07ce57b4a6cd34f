import { describe, expect, it } from 'vitest'
import { checkOrder } from '../../src/domain/check-order'
import type { OrderContent } from '../../src/domain/content'

const base = (over: Partial<OrderContent>): OrderContent => ({
  kind: 'prikaz',
  title: 'О плане',
  preamble: 'В соответствии с планом,',
  points: [{ text: 'Утвердить.' }],
  signer: { position: 'Директор', name: 'Смирнова' },
  ...over,
})
const at = { reference: '2026-03-10' }

describe('order linter, its words exactly', () => {
  it('cites appendices an order does not have, with and without a number', () => {
    expect(
      checkOrder(base({ points: [{ text: 'Утвердить (Приложение№2).' }, { text: 'Список (приложение).' }] }), at),
    ).toEqual([
      {
        code: 'appendix_absent',
        path: 'points.0.text',
        message: 'Пункт ссылается на приложение № 2, но у приказа нет приложений',
      },
      {
        code: 'appendix_absent',
        path: 'points.1.text',
        message: 'Пункт ссылается на приложение, но у приказа нет приложений',
      },
    ])
  })

  it('wants a single appendix cited without a number, and counts it cited', () => {
    expect(
      checkOrder(base({ points: [{ text: 'Утвердить (Приложение №1).' }], appendices: [{ title: 'План' }] }), at),
    ).toEqual([
      {
        code: 'appendix_number_single',
        path: 'points.0.text',
        message: 'Единственное приложение обозначается «Приложение» без номера, а пункт ссылается на «Приложение № 1»',
      },
    ])
  })

  it('finds a cited number beyond the appendices and an appendix nobody cites', () => {
    const c = base({
      points: [{ text: 'См. приложение №3.' }, { text: 'Состав (Приложении № 2).' }],
      appendices: [{ title: 'Первое' }, { title: 'Второе' }],
    })
    expect(checkOrder(c, at)).toEqual([
      { code: 'appendix_missing', path: 'points.0.text', message: 'Пункт ссылается на приложение № 3, а приложений 2' },
      {
        code: 'appendix_not_cited',
        path: 'appendices.0',
        message: 'На приложение № 1 «Первое» не ссылается ни один пункт',
      },
    ])
    expect(checkOrder(base({ appendices: [{ title: 'Одно' }] }), at)).toEqual([
      { code: 'appendix_not_cited', path: 'appendices.0', message: 'На приложение «Одно» не ссылается ни один пункт' },
    ])
  })

  it('wants an executor for a deadline, and a deadline not past at the reference date (its latest date)', () => {
    const c = base({
      points: [
        { text: 'Первый.', deadline: 'до 01.04.2026, 05.03.2026' },
        { text: 'Второй.', executors: ['Иванов'], deadline: 'до 01.02.2026 и 09.03.2026' },
        { text: 'Третий.', executors: ['Иванов'], deadline: 'до 10.03.2026' },
      ],
    })
    expect(checkOrder(c, at)).toEqual([
      {
        code: 'executor_missing',
        path: 'points.0.executors',
        message: 'У пункта есть срок «до 01.04.2026, 05.03.2026», но не указан исполнитель',
      },
      {
        code: 'deadline_past',
        path: 'points.1.deadline',
        message: 'Срок «до 01.02.2026 и 09.03.2026» уже прошёл на дату 10.03.2026',
      },
    ])
  })

  it('finds a table column left empty, naming the appendix', () => {
    const c = base({
      points: [{ text: 'Приложение № 1 и приложение № 2.' }],
      appendices: [
        { title: 'Первое' },
        {
          title: 'Второе',
          table: {
            columns: [{ title: '№' }, { title: 'Срок' }, { title: 'Кто' }],
            rows: [{ section: 'Раздел' }, { cells: ['1', '  ', 'Иванов'] }, { cells: ['2'] }],
          },
        },
      ],
    })
    expect(checkOrder(c, at)).toEqual([
      {
        code: 'table_column_empty',
        path: 'appendices.1.table.columns.1',
        message: 'Столбец «Срок» в приложении 2 пуст',
      },
    ])
  })

  it('finds year ranges written wrong, and proposes the right one where it can', () => {
    const c = base({
      title: 'На 2024 - 2026 учебный год',
      preamble: 'План на 203/2024 учебный год и на 1899/1900 год, на 2025–2026 уч. год, на 1900/1901 год',
    })
    expect(checkOrder(c, at)).toEqual([
      {
        code: 'year_range',
        path: 'title',
        message: '«2024 - 2026»: годы записаны неверно, учебный год — два года подряд, ожидается 2025/2026',
      },
      { code: 'year_range', path: 'preamble', message: '«203/2024»: годы записаны неверно, ожидается 2023/2024' },
      // «1899/1900 год», «1900/1901 год»: two consecutive calendar years, no school year: nothing to say (issue 12)
    ])
  })
})
