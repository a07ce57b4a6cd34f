import { describe, expect, it } from 'vitest'
import { asciiFileName, currentFileAt, orderFileName } from '../../src/domain/file-names'

const order = { kind: 'prikaz' as const, title: 'О проведении олимпиады', number: null, date: null }
const registered = { ...order, number: '1-ОД', date: '2026-12-07' }

describe('order file names', () => {
  it.each([
    [registered, 'registered', 'pdf', 'Приказ № 1-ОД от 07.12.2026.pdf'],
    [registered, 'rendering', 'docx', 'Приказ № 1-ОД от 07.12.2026.docx'],
    [registered, 'rendering', 'pdf', 'Приказ № 1-ОД от 07.12.2026 (без подписей).pdf'],
    [registered, 'signed', 'pdf', 'Приказ № 1-ОД от 07.12.2026 (подписан, без регистрационной отметки).pdf'],
    [{ ...registered, number: '226/1-г' }, 'registered', 'pdf', 'Приказ № 226-1-г от 07.12.2026.pdf'],
    [order, 'rendering', 'pdf', 'Проект приказа «О проведении олимпиады».pdf'],
    [order, 'signed', 'pdf', 'Приказ «О проведении олимпиады» (подписан).pdf'],
    [
      { ...order, kind: 'rasporyazhenie' as const },
      'rendering',
      'docx',
      'Проект распоряжения «О проведении олимпиады».docx',
    ],
    [
      { ...registered, kind: 'rasporyazhenie' as const, number: '5-р' },
      'registered',
      'pdf',
      'Распоряжение № 5-р от 07.12.2026.pdf',
    ],
  ] as const)('%o as %s %s is %s', (o, file, ext, name) => {
    expect(orderFileName(o, file, ext)).toBe(name)
  })

  it('keeps a title to a file name: no folder separators or characters Windows refuses, cut at a word', () => {
    expect(
      orderFileName({ ...order, title: 'План на 2024/2025 учебный год: "итоги" <a|b>*?' }, 'rendering', 'pdf'),
    ).toBe('Проект приказа «План на 2024-2025 учебный год итоги a b».pdf')
    const long = orderFileName({ ...order, title: `Об утверждении ${'положения '.repeat(20)}` }, 'rendering', 'pdf')
    expect(long).toMatch(/^Проект приказа «Об утверждении (положения ){5}положения…»\.pdf$/)
    expect([...long].length).toBeLessThanOrEqual(110)
  })

  it('gives an ASCII name for filename="…": Cyrillic transliterated, nothing a header or a quote could break', () => {
    expect(asciiFileName('Приказ № 1-ОД от 07.12.2026.pdf')).toBe('Prikaz N 1-OD ot 07.12.2026.pdf')
    expect(asciiFileName('Проект приказа «Щит и Юла».pdf')).toBe("Proekt prikaza 'Shchit i Iula'.pdf")
    expect(asciiFileName('a"b\\c\u00e9\u4e2d.pdf')).toBe('a_b_c__.pdf')
  })

  it('names the file that counts at each state', () => {
    expect(
      ['draft', 'approval', 'signature', 'cancelled', 'signed', 'registered', 'closed'].map(currentFileAt),
    ).toEqual(['rendering', 'rendering', 'rendering', 'rendering', 'signed', 'registered', 'registered'])
  })
})
