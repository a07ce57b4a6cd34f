import { describe, expect, it } from 'vitest'
import { appendixLabel, numberPoints } from '../../src/domain/numbering'

describe('numbering', () => {
  it('numbers points 1., 2., 2.1., 2.1.1. with their depth', () => {
    const tree = numberPoints([{ points: [] }, { points: [{ points: [{}] }, {}] }] as { points?: object[] }[])
    const flat = (ns: typeof tree): [string, number][] => ns.flatMap((n) => [[n.number, n.depth], ...flat(n.children)])
    expect(flat(tree)).toEqual([
      ['1.', 0],
      ['2.', 0],
      ['2.1.', 1],
      ['2.1.1.', 2],
      ['2.2.', 1],
    ])
    expect(tree[1]!.point).toBe(tree[1]!.point)
    expect(tree[0]!.children).toEqual([])
  })

  it('labels a single appendix without a number, several with theirs', () => {
    expect(appendixLabel(0, 1)).toBe('Приложение')
    expect(appendixLabel(0, 2)).toBe('Приложение № 1')
    expect(appendixLabel(2, 3)).toBe('Приложение № 3')
  })
})
