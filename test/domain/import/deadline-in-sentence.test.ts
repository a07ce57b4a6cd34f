import { describe, expect, it } from 'vitest'
import { findDeadline } from '../../../src/domain/import/deadline-in-sentence'

/** The deadline inside a point's sentence: found where it is, a cited document's date left alone, two deadlines said. */
const phrase = (text: string) => {
  const found = findDeadline(text, '2024-03-01')
  return found && 'phrase' in found ? found.phrase : found
}

describe('the deadline in a sentence', () => {
  it('at the end, in the middle, in brackets, with a footnote or a time', () => {
    expect(phrase('Разработать планы не позднее 30.11.2023.')).toBe('не позднее 30.11.2023')
    expect(phrase('Провести в срок до 15 мая 2024 года совещание директоров.')).toBe('в срок до 15 мая 2024 года')
    expect(phrase('Представить отчёт (до 5 сентября) в отдел.')).toBe('до 5 сентября')
    expect(phrase('Провести семинар 25 августа 2024 года* в актовом зале.')).toBe('25 августа 2024 года*')
    expect(phrase('Собрать руководителей 22 июня 10.00 ч. в управлении.')).toBe('22 июня 10.00 ч.')
    expect(phrase('Представлять сведения ежемесячно до 5 числа.')).toBe('ежемесячно до 5 числа')
    expect(phrase('Провести учения в период весенних каникул с 25 по 31 марта.')).toBe('с 25 по 31 марта')
  })

  it('a date cited with «от» or «№» is a document, not a deadline; a school year names a period', () => {
    expect(phrase('Во исполнение приказа от 03.10.2023 № 861-ОД утвердить план.')).toBeUndefined()
    expect(phrase('Обеспечить выполнение планов в 2023/2024 учебном году.')).toBeUndefined()
    expect(phrase('Признать утратившим силу приказ № 12 от 5 мая 2023 года.')).toBeUndefined()
  })

  it('two different deadlines in one sentence: both named, none chosen', () => {
    expect(findDeadline('Подать заявки до 1 марта, провести конкурс до 15 апреля.', '2024-01-10')).toStrictEqual({
      ambiguous: ['до 1 марта', 'до 15 апреля'],
    })
  })
})
