import { describe, expect, it } from 'vitest'
import { type DirectoryEntry, matchExecutor, splitExecutors, surnameForms } from '../../src/domain/executors'

const person = (id: string, name: string): DirectoryEntry => ({ id, name, kind: 'person' })
const unit = (id: string, name: string): DirectoryEntry => ({ id, name, kind: 'unit' })

const directory: DirectoryEntry[] = [
  person('lavrushkina', 'Лаврушкина Е.А.'),
  person('romanova', 'Романова Ирина Евгеньевна'),
  person('balabanova', 'Н.В. Балабанова'),
  person('petrov', 'Петров П.П.'),
  person('ivanov', 'Иванов И.И.'),
  person('ivanova', 'Иванова И.И.'),
  person('dostoevsky', 'Достоевский Ф.М.'),
  person('shevchuk', 'Шевчук А.А.'),
  person('chernykh', 'Черных О.В.'),
  person('tolstaya', 'Толстая Т.Н.'),
  person('rimsky', 'Римский-Корсаков Н.А.'),
  unit('uoimp', 'Управление образования и молодежной политики Администрации города Смоленска (УОиМП)'),
  unit('otdel', 'Отдел образования'),
  unit('ocprmso', 'Образовательный центр поддержки и развития муниципальной системы образования (ОЦПРМСО)'),
]

describe('splitting an executor cell', () => {
  it.each<[string, string[]]>([
    ['Иванова И.И., Петров П.П.; отдел образования', ['Иванова И.И.', 'Петров П.П.', 'отдел образования']],
    [
      'Управление образования и молодежной политики Администрации города Смоленска (далее – УОиМП), Образовательный центр (далее – ОЦПРМСО, центр)',
      [
        'Управление образования и молодежной политики Администрации города Смоленска (далее – УОиМП)',
        'Образовательный центр (далее – ОЦПРМСО, центр)',
      ],
    ],
    ['Руководитель, зам.руководителя ОО', ['Руководитель', 'зам.руководителя ОО']],
    ['  УОиМП,\n ОЦПМСО  ', ['УОиМП', 'ОЦПМСО']],
    ['Лаврушкина   Е.А.', ['Лаврушкина Е.А.']],
    ['', []],
    // an unbalanced bracket does not swallow the rest
    ['а), б, в', ['а)', 'б', 'в']],
    ['(а, б', ['(а, б']],
    [' , ;', []],
  ])('«%s»', (cell, names) => {
    expect(splitExecutors(cell)).toStrictEqual(names)
  })
})

describe('matching an executor in any case', () => {
  it.each<[string, string | undefined]>([
    ['Лаврушкина Е.А.', 'lavrushkina'],
    ['Лаврушкиной Е.А.', 'lavrushkina'],
    ['Лаврушкину Е. А.', 'lavrushkina'],
    ['Е.А. Лаврушкиной', 'lavrushkina'],
    ['Заместителям директора школы Лаврушкиной Е.А.', 'lavrushkina'],
    ['Романовой И.Е.', 'romanova'],
    ['Романовой Ирине Евгеньевне', 'romanova'],
    ['Балабановой Н.В.', 'balabanova'],
    ['Петрову П.П.', 'petrov'],
    ['Петровым П.П.', 'petrov'],
    ['Петрове П.П.', 'petrov'],
    ['П.П. Петрова', 'petrov'],
    ['Достоевскому Ф.М.', 'dostoevsky'],
    ['Шевчуку А.А.', 'shevchuk'],
    ['Черных О.В.', 'chernykh'],
    ['Толстой Т.Н.', 'tolstaya'],
    ['Толстую Т.Н.', 'tolstaya'],
    ['Римскому-Корсакову Н.А.', 'rimsky'],
    // written exactly as in the directory: that one, though it is also the genitive of Иванов
    ['Иванова И.И.', 'ivanova'],
    ['Ивановой И.И.', 'ivanova'],
    ['Ивановым И.И.', 'ivanov'],
    // «Иванову» is the dative of Иванов and the accusative of Иванова: two people could be meant, so none
    ['Иванову И.И.', undefined],
    // other initials, another surname, no name at all
    ['Петрову А.А.', undefined],
    ['Петрову П.', undefined],
    ['Сидорову П.П.', undefined],
    ['Черныху О.В.', undefined],
    ['Руководитель ОО', undefined],
    ['', undefined],
  ])('«%s» → %s', (written, id) => {
    expect(matchExecutor(written, directory)?.id).toBe(id)
  })

  it.each<[string, string | undefined]>([
    ['Отдел образования', 'otdel'],
    ['отделу образования', 'otdel'],
    ['Отделом  образования', 'otdel'],
    ['отдела образования', 'otdel'],
    ['УОиМП', 'uoimp'],
    ['Управлению образования и молодежной политики Администрации города Смоленска', 'uoimp'],
    ['Управление образования и молодежной политики Администрации города Смоленска (далее – УОиМП)', 'uoimp'],
    ['Образовательным центром поддержки и развития муниципальной системы образования', 'ocprmso'],
    ['ОЦПРМСО', 'ocprmso'],
    // an abbreviation is matched exactly: ОЦПМСО is not ОЦПРМСО
    ['ОЦПМСО', undefined],
    ['Отдел культуры', undefined],
    ['Отдел', undefined],
  ])('unit «%s» → %s', (written, id) => {
    expect(matchExecutor(written, directory)?.id).toBe(id)
  })

  it('a person is never matched to a unit nor the other way round', () => {
    const mixed = [unit('u', 'Петров П.П.'), person('p', 'Отдел образования')]
    expect(matchExecutor('Петрову П.П.', mixed)).toBeUndefined()
    expect(matchExecutor('отделу образования', mixed)).toBeUndefined()
  })

  it('two entries written the same way: none', () => {
    const twins = [person('a', 'Петров П.П.'), person('b', 'Петров П. П.')]
    expect(matchExecutor('Петров П.П.', twins)).toBeUndefined()
    expect(matchExecutor('Петрову П.П.', twins)).toBeUndefined()
    const units = [unit('a', 'Отдел образования'), unit('b', 'Отдела образования')]
    expect(matchExecutor('отделу образования', units)).toBeUndefined()
    expect(matchExecutor('Отдела образования', units)?.id).toBe('b')
  })
})

describe('surname forms', () => {
  it.each<[string, string[]]>([
    ['Петров', ['петров', 'петрова', 'петрову', 'петровым', 'петрове']],
    ['Лаврушкина', ['лаврушкина', 'лаврушкиной', 'лаврушкину']],
    ['Достоевский', ['достоевский', 'достоевского', 'достоевскому', 'достоевским', 'достоевском']],
    ['Толстая', ['толстая', 'толстой', 'толстую']],
    ['Толстой', ['толстой', 'толстого', 'толстому', 'толстым', 'толстом']],
    ['Горький', ['горький', 'горького', 'горькому', 'горьким', 'горьком']],
    ['Синий', ['синий', 'синего', 'синему', 'синим', 'синем']],
    ['Шевчук', ['шевчук', 'шевчука', 'шевчуку', 'шевчуком', 'шевчуке']],
    ['Кузнец', ['кузнец', 'кузнеца', 'кузнецу', 'кузнецем', 'кузнеце']],
    ['Сорока', ['сорока', 'сороки', 'сороке', 'сороку', 'сорокой']],
    ['Головня', ['головня', 'головни', 'головне', 'головню', 'головней']],
    ['Гоголь', ['гоголь', 'гоголя', 'гоголю', 'гоголем', 'гоголе']],
    ['Гайдай', ['гайдай', 'гайдая', 'гайдаю', 'гайдаем', 'гайдае']],
    ['Черных', ['черных']],
    ['Синяя', ['синяя', 'синей', 'синюю']],
    ['Кваша', ['кваша', 'кваши', 'кваше', 'квашу', 'квашей']],
    ['Гете', ['гете']],
    ['Дурново', ['дурново']],
    ['Ёлкин', ['елкин', 'елкина', 'елкину', 'елкиным', 'елкине']],
  ])('%s', (surname, forms) => {
    expect([...surnameForms(surname)].sort()).toStrictEqual([...forms].sort())
  })
})
