import { describe, expect, it } from 'vitest'
import type { DirectoryEntry } from '../../../src/domain/executors'
import { importOrder } from '../../../src/domain/import'
import { asFixture, expectEveryWordKept, fixtureJson, SAMPLES, sampleText } from '../../support/import'

/**
 * The two real orders, as their text files are, come to the content of test/fixtures point for point:
 * text, nesting, control, signer, appendices, table rows and column roles; every word kept.
 */
describe('the samples imported from their text', () => {
  for (const { file, fixture } of SAMPLES) {
    it(`${file} comes to ${fixture}, every word kept`, () => {
      const text = sampleText(file)
      const result = importOrder(text, { today: '2026-12-07' })
      expect(asFixture(result.content)).toStrictEqual(fixtureJson(fixture))
      expectEveryWordKept(text, result)
    })
  }

  it('558: the registration, the slips of numbering named at their points, the deadline found in 2.1.', () => {
    const { content, doubts, leftOut } = importOrder(sampleText('000_1039cd3ac12a3b5b'), { today: '2026-12-07' })
    expect(content.registration).toStrictEqual({ number: '558', date: '2023-10-23' })
    // «2.1.» and «2.2.» under «3.», and a second «3.»: kept where written, named
    expect(doubts.map((d) => d.path)).toStrictEqual(['points.2.points.0', 'points.2.points.1', 'points.3'])
    expect(doubts[0]!.message).toContain('«2.1.»')
    expect(content.points[2]!.points![0]!.deadline).toBe('не позднее 30.11.2023')
    // a date cited after «от» is no deadline; «в 2023/2024 учебном году» names the plan's period
    expect(content.points[1]!.deadline).toBeUndefined()
    expect(content.points[3]!.deadline).toBeUndefined()
    expect(leftOut.map((l) => l.text)).toStrictEqual([
      'П Р И К А З',
      'от 23.10.2023',
      '№ 558',
      'п р и к а з ы в а ю:',
      '1. 1.1. 1.2. 1.3. 1.4. 1.5. 1.6. 1.7. 1.8. 1.9. 1.10. 2. 3. 2.1. 2.2. 3. 4.',
    ])
  })

  it('558: the units and people of point 3 matched to the directory as written', () => {
    const directory: DirectoryEntry[] = [
      { id: 'u1', name: 'Отдел общего образования', kind: 'unit' },
      { id: 'p1', name: 'Левкина В.В.', kind: 'person' },
      { id: 'p2', name: 'Сафонова Н.В.', kind: 'person' },
    ]
    const { content, doubts } = importOrder(sampleText('000_1039cd3ac12a3b5b'), { directory, today: '2026-12-07' })
    expect(content.points[3]!.executors).toStrictEqual(['Отделу общего образования', 'В.В. Левкина', 'Н.В. Сафонова'])
    // the addressees the directory lacks are named, not guessed
    expect(doubts.filter((d) => d.path === 'points.3.executors').map((d) => d.message)).toStrictEqual([
      '«отделу дошкольного образования» нет в справочнике исполнителей: добавьте его или укажите исполнителя',
      '«информационно-аналитическому отделу» нет в справочнике исполнителей: добавьте его или укажите исполнителя',
      '«отделу молодежной политики» нет в справочнике исполнителей: добавьте его или укажите исполнителя',
      '«дополнительного образования и воспитательной работы» нет в справочнике исполнителей: добавьте его или укажите исполнителя',
      '«М.И. Богданова» нет в справочнике исполнителей: добавьте его или укажите исполнителя',
    ])
  })

  it('226/1: executors in the dative, the mark citing another number, repeated headers and a stray cell left out', () => {
    const directory: DirectoryEntry[] = ['Лаврушкина Е.А.', 'Романова И.Е.', 'Балабанова Н.В.'].map((name, i) => ({
      id: String(i),
      name,
      kind: 'person',
    }))
    const { content, doubts, leftOut } = importOrder(sampleText('001_b5a9738c17053c3d'), {
      directory,
      today: '2026-12-07',
    })
    expect(content.points[1]!.executors).toStrictEqual(['Лаврушкиной Е.А.', 'Романовой И.Е.', 'Балабановой Н.В.'])
    expect(content.registration).toStrictEqual({ number: '226/1-г', date: '2024-09-05' })
    expect(content.organization?.place).toBe('Смоленск')
    expect(doubts).toContainEqual({
      path: 'appendices.0',
      message: 'В отметке приложения номер «226/1-09», а у приказа «226/1-г»',
    })
    expect(doubts).toContainEqual({
      path: 'appendices.0.table.rows',
      message: 'Строк, продолженных после разрыва страницы и соединённых с предыдущими: 3',
    })
    const why = (w: string) => leftOut.filter((l) => l.why.startsWith(w)).map((l) => l.text)
    expect(why('шапка таблицы')).toHaveLength(6)
    expect(why('ячейки правее')).toStrictEqual(['Аналитические справки'])
    expect(why('отметка приложения')).toStrictEqual(['Приложение № 1 к приказу от 05.09.2024 №226/1-09'])
    expect(why('разметка HTML')[0]).toMatch(/^<p> <\/p> <p> <\/p> <ul style="list-style-type: none">/)
  })
})
