import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { isOrderError, OrderError } from '../../src/domain/errors'
import { issuesToDetails, parseInput } from '../../src/domain/validation'

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

  it('tells its own errors from others', () => {
    expect(isOrderError(new Error('x'))).toBe(false)
    expect(isOrderError(new OrderError('conflict', 'x', { a: 1 }))).toBe(true)
    expect(new OrderError('conflict', 'x', { a: 1 }).details).toEqual({ a: 1 })
  })
})
