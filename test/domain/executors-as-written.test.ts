import { describe, expect, it } from 'vitest'
import { type DirectoryEntry, matchExecutor } from '../../src/domain/executors'

/** Executors as the cells of municipal orders write them, against the organization's directory. */
const directory: DirectoryEntry[] = [
  { id: 'ivanova', name: 'Иванова Ирина Ивановна', kind: 'person' },
  { id: 'sidorov', name: 'Сидоров С.', kind: 'person' },
  { id: 'semenova', name: 'С. Семенова', kind: 'person' },
  { id: 'shakhnovich', name: 'Шахнович Дмитрий Александрович', kind: 'person' },
  { id: 'oo', name: 'Отдел образования (ОО)', kind: 'unit' },
  { id: 'heads', name: 'Руководители общеобразовательных организаций (руководители ОО)', kind: 'unit' },
]
const match = (written: string) => matchExecutor(written, directory)?.id

describe('executors as written', () => {
  it('a no-break space Word puts between the surname and the initials', () => {
    expect(match('Ивановой\u00a0И.И.')).toBe('ivanova')
    expect(match('И.И.\u00a0Ивановой')).toBe('ivanova')
  })

  it('one initial, written before the surname or after it, whichever way the directory has it', () => {
    expect(match('С. Сидорову')).toBe('sidorov')
    expect(match('Семеновой С.')).toBe('semenova')
  })

  it('a man’s surname in -ич declines: «Шахновичу Д.А.»', () => {
    expect(match('Шахновичу Д.А.')).toBe('shakhnovich')
    expect(match('Шахновича Д.А.')).toBe('shakhnovich')
  })

  it('a unit with its alias, the sentence’s full stop after it', () => {
    expect(match('отделу образования (далее – ОО).')).toBe('oo')
    expect(match('руководители ОО')).toBe('heads')
    expect(match('руководителям ОО')).toBe('heads')
  })
})
