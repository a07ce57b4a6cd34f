import { describe, expect, it } from 'vitest'
import { checkInn, checkSnils, Inn, Snils, snilsControl } from '../../src/domain/person-identifiers'

describe('СНИЛС', () => {
  it.each([
    ['112-233-445 95', '11223344595'],
    ['11223344595', '11223344595'],
    ['112 233 445 95', '11223344595'],
    ['112‑233‑445\u00a095', '11223344595'], // a non-breaking hyphen and space, as a word processor writes them
    ['087-654-303 00', '08765430300'], // sum 202: control 00
    ['001-001-998 00', '00100199800'], // issued before the control number: not checked
  ])('accepts %s as %s', (text, digits) => {
    expect(checkSnils(text)).toEqual({ ok: true, value: digits })
  })

  it.each([
    ['112-233-445 96', /контрольное число/],
    ['112-233-445 59', /контрольное число/],
    ['001-001-999 00', /контрольное число/], // the first number the rule covers
    ['1122334459', /11 цифр/],
    ['112233445951', /11 цифр/],
    ['112-233-445 9O', /11 цифр/],
    ['', /11 цифр/],
  ])('refuses %s', (text, problem) => {
    const r = checkSnils(text)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.problem).toMatch(problem)
  })

  it.each([
    ['112233445', 95], // under 100: the sum itself
    ['087654303', 0], // 202: modulo 101 is 0
    ['000000001', 1],
    ['920000003', 0], // exactly 100: 00
    ['920000020', 0], // exactly 101: 00
    ['999999999', (9 * 45) % 101], // over 101: modulo 101
  ])('control number of %s is %i', (nine, control) => {
    expect(snilsControl(nine)).toBe(control)
  })

  it('the schema keeps digits alone and says what is wrong in Russian', () => {
    expect(Snils.parse('112-233-445 95')).toBe('11223344595')
    const r = Snils.safeParse('112-233-445 96')
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]?.message).toMatch(/контрольное число СНИЛС/)
  })
})

describe('ИНН', () => {
  it.each([
    ['500100732259', '500100732259'],
    ['5001 0073 2259', '500100732259'],
    ['7707083893', '7707083893'], // an organization's
  ])('accepts %s', (text, digits) => {
    expect(checkInn(text)).toEqual({ ok: true, value: digits })
  })

  it.each([
    ['500100732258', /контрольные цифры/],
    ['500100732249', /контрольные цифры/],
    ['7707083894', /контрольная цифра/],
    ['12345', /12 цифр/],
  ])('refuses %s', (text, problem) => {
    const r = checkInn(text)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.problem).toMatch(problem)
  })

  it('the schema keeps digits alone', () => {
    expect(Inn.parse('5001-0073-2259')).toBe('500100732259')
  })
})
