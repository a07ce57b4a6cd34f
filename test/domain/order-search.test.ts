import { describe, expect, it } from 'vitest'
import { readSearch, signerWords } from '../../src/domain/order-search'

describe('the search box', () => {
  it.each([
    ['1-ОД', { number: '1-од' }],
    ['№ 226/1', { number: '226/1' }],
    ['226 / 1 - Г', { number: '226/1-г' }],
    ['15', { number: '15' }],
    ['07.12.2026', { date: '2026-12-07' }],
    ['дорожная карта', { words: 'дорожная карта' }],
    ['1-ОД дорожная', { words: '1-ОД дорожная' }],
    ['31.12', { words: '31.12' }],
  ])('reads %s as %o', (q, intent) => {
    expect(readSearch(q)).toEqual(intent)
  })

  it('reads a signer as letters only, at most five words', () => {
    expect(signerWords('Петров С.Н.')).toEqual(['петров', 'с', 'н'])
    expect(signerWords("%_' or 1=1 --")).toEqual(['or'])
    expect(signerWords('а б в г д е ж')).toHaveLength(5)
  })
})
