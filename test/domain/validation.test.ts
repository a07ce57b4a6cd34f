import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { isOrderError, OrderError } from '../../src/domain/errors'
import { IsoDate, issuesToDetails, parseInput, queryNumber } from '../../src/domain/validation'

const Schema = z.object({ name: z.string().min(1), items: z.array(z.number()) }).strict()

describe('input validation', () => {
  it('returns the parsed value when it is valid', () => {
    expect(parseInput(Schema, { name: 'x', items: [1] })).toEqual({ name: 'x', items: [1] })
  })

  it('lists every problem with its path in one invalid_input error', () => {
    const error = (() => {
      try {
        parseInput(Schema, { name: '', items: [1, 'два'] }, 'Приказ')
      } catch (e) {
        return e
      }
    })()
    expect(isOrderError(error)).toBe(true)
    expect(error).toBeInstanceOf(OrderError)
    const e = error as OrderError
    expect(e.code).toBe('invalid_input')
    expect(e.name).toBe('OrderError')
    expect(e.message).toBe('Приказ: ошибок 2')
    expect(e.details).toEqual([
      { path: 'name', message: expect.any(String), code: 'too_small' },
      { path: 'items.1', message: expect.any(String), code: 'invalid_type' },
    ])
  })

  it('names a problem of the whole body (body) and says Данные by default', () => {
    expect(() => parseInput(Schema, 'строка')).toThrow('Данные: ошибок 1')
    expect(issuesToDetails(Schema.safeParse(null).error!.issues)).toEqual([
      { path: '(body)', message: expect.any(String), code: 'invalid_type' },
    ])
  })

  it('says «обязательно» for a missing field and names a wrong type in Russian, never «ожидалось string»', () => {
    const Typed = z.object({ title: z.string(), count: z.number(), flag: z.boolean(), list: z.array(z.string()) })
    const details = issuesToDetails(Typed.safeParse({ count: 'три', flag: null, list: {} }).error!.issues)
    expect(details.map((d) => [d.path, d.message])).toEqual([
      ['title', 'обязательно'],
      ['count', 'ожидалось: число, получено: строка'],
      ['flag', 'ожидалось: true или false, получено: null'],
      ['list', 'ожидалось: массив, получено: объект'],
    ])
    const Other = z.object({ n: z.int(), none: z.null() })
    expect(issuesToDetails(Other.safeParse({ n: true, none: [[1]] }).error!.issues).map((d) => d.message)).toEqual([
      'ожидалось: число, получено: true или false',
      'ожидалось: null, получено: массив',
    ])
  })

  it('a number a query carries as text that is not one: «получено: не число», never «получено: число»', () => {
    const Query = z.object({ limit: z.coerce.number().int(), year: z.coerce.number() })
    expect(issuesToDetails(Query.safeParse({ limit: 'abc' }).error!.issues).map((d) => [d.path, d.message])).toEqual([
      ['limit', 'ожидалось: число, получено: не число'],
      ['year', 'ожидалось: число, получено: не число'],
    ])
  })

  it('a missing field of every type is «обязательно», a query’s number included; never «получено: число»', () => {
    const Every = z.object({
      n: z.number(),
      i: z.int(),
      s: z.string(),
      b: z.boolean(),
      a: z.array(z.string()),
      o: z.object({}),
      d: IsoDate,
      q: queryNumber(z.number().int().min(2000)),
    })
    const details = issuesToDetails(Every.safeParse({}).error!.issues)
    expect(details.map((d) => [d.path, d.message])).toEqual(
      ['n', 'i', 's', 'b', 'a', 'o', 'd', 'q'].map((path) => [path, 'обязательно']),
    )
  })

  it('a number the type refuses is named: not finite, a fraction where a whole one is, text that is none', () => {
    const Query = z.object({ year: queryNumber(z.number().int().min(2000).max(2100)) })
    const messages = (year: unknown) => issuesToDetails(Query.safeParse({ year }).error!.issues).map((d) => d.message)
    expect(messages('1e400')).toEqual(['ожидалось: число, получено: бесконечность (число вне пределов)'])
    expect(messages('2026.5')).toEqual(['ожидалось: целое число, получено: дробное число'])
    expect(messages('abc')).toEqual(['ожидалось: число, получено: не число'])
    expect(messages('')).toEqual(['ожидалось: число, получено: строка'])
    expect(messages('1999')).toEqual(['Слишком малое значение: ожидалось число >=2000'])
    expect(messages('2101')).toEqual(['Слишком большое значение: ожидалось число <=2100'])
    expect(Query.parse({ year: ' 2026 ' })).toEqual({ year: 2026 })
    const int = (n: number) => issuesToDetails(z.object({ n: z.int() }).safeParse({ n }).error!.issues)[0]!.message
    expect(int(Number.POSITIVE_INFINITY)).toBe('ожидалось: число, получено: бесконечность (число вне пределов)')
    expect(int(1.5)).toBe('ожидалось: целое число, получено: дробное число')
  })

  it('tells its own errors from others', () => {
    expect(isOrderError(new Error('x'))).toBe(false)
    expect(isOrderError(new OrderError('conflict', 'x', { a: 1 }))).toBe(true)
    expect(new OrderError('conflict', 'x', { a: 1 }).details).toEqual({ a: 1 })
  })

  it('takes a day of the calendar as YYYY-MM-DD, and tells a malformed date from a day that does not exist', () => {
    for (const day of ['2026-02-28', '2024-02-29', '1900-01-01', '2199-12-31']) expect(IsoDate.parse(day)).toBe(day)
    const messageOf = (s: string) => IsoDate.safeParse(s).error?.issues.map((i) => i.message)
    // a day that exists in a year the service does not work with (LIMITS.date)
    for (const day of ['0001-01-01', '1899-12-31', '2200-01-01', '9999-12-31'])
      expect(messageOf(day)).toEqual(['год вне 1900–2199'])
    for (const day of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '0000-01-01'])
      expect(messageOf(day)).toEqual([`такого дня нет в календаре: ${day}`])
    for (const text of ['1.3.2026', '2026-3-1', '2026-03-01T00:00', ' 2026-03-01', '20260301', ''])
      expect(messageOf(text)).toEqual(['дата в виде ГГГГ-ММ-ДД'])
  })
})
