import { describe, expect, it } from 'vitest'
import { namesSamePerson } from '../../src/domain/person-names'

describe('a signer block names an account', () => {
  it.each([
    ['Е.В. Смирнова', 'Смирнова Елена Викторовна', true],
    ['Смирнова Е.В.', 'Смирнова Елена Викторовна', true],
    ['Е. В. Смирнова', 'смирнова елена викторовна', true],
    ['Елена Викторовна Смирнова', 'Смирнова Елена Викторовна', true],
    ['С.Н. Петров', 'Петров Сергей Николаевич', true],
    ['Н.В. Королёва', 'Королева Наталья Владимировна', true],
    ['А.В. Смирнова', 'Смирнова Елена Викторовна', false],
    ['Е.В. Смирнов', 'Смирнова Елена Викторовна', false],
    ['Е.В.', 'Смирнова Елена Викторовна', false],
    ['Е.В.А. Смирнова', 'Смирнова Елена Викторовна', false],
    ['', 'Смирнова Елена Викторовна', false],
  ])('«%s» is «%s»: %s', (written, account, same) => expect(namesSamePerson(written, account)).toBe(same))
})
