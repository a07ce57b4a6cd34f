import { describe, expect, it } from 'vitest'
import { disciplineLine, disciplineReport, formatDisciplineValue } from '../../src/domain/discipline'

const zero = { items: 0, onTime: 0, late: 0, overdue: 0, open: 0, removed: 0, delayDays: 0 }

describe('discipline report', () => {
  it('averages the delay over late and overdue items and rates on time against done and overdue', () => {
    const line = disciplineLine(
      { executor: 'Иванова И.И.', executorId: 'x' },
      { items: 10, onTime: 4, late: 2, overdue: 1, open: 2, removed: 1, delayDays: 10 },
    )
    expect(line).toEqual({
      executor: 'Иванова И.И.',
      executorId: 'x',
      items: 10,
      onTime: 4,
      late: 2,
      overdue: 1,
      open: 2,
      removed: 1,
      averageDelayDays: 3.3,
      rate: 0.5714,
    })
  })

  it('gives no average and no rate when nothing is judged', () => {
    const line = disciplineLine({ executor: 'X', executorId: null }, { ...zero, items: 2, open: 1, removed: 1 })
    expect(line.averageDelayDays).toBeNull()
    expect(line.rate).toBeNull()
    expect(disciplineLine({ executor: 'X', executorId: null }, { ...zero, items: 1, onTime: 1 }).rate).toBe(1)
  })

  it('sums the total from the lines, names the line without an executor, and keeps the period', () => {
    const report = disciplineReport({ from: '2026-01-01', to: '2026-12-31', asOf: '2026-03-30' }, [
      { executor: 'А', executorId: 'a', ...zero, items: 3, onTime: 1, late: 1, overdue: 1, delayDays: 6 },
      { executor: '', executorId: null, ...zero, items: 2, open: 1, removed: 1 },
    ])
    expect(report).toMatchObject({ from: '2026-01-01', to: '2026-12-31', asOf: '2026-03-30' })
    expect(report.executors.map((l) => l.executor)).toEqual(['А', 'без исполнителя'])
    expect(report.total).toEqual({
      executor: 'Итого',
      executorId: null,
      items: 5,
      onTime: 1,
      late: 1,
      overdue: 1,
      open: 1,
      removed: 1,
      averageDelayDays: 3,
      rate: 0.3333,
    })
  })

  it('prints rates as percentages and delays with one decimal, nothing for none', () => {
    expect(formatDisciplineValue('rate', 0.3333)).toBe('33.3%')
    expect(formatDisciplineValue('rate', 0)).toBe('0.0%')
    expect(formatDisciplineValue('averageDelayDays', 3)).toBe('3.0')
    expect(formatDisciplineValue('rate', null)).toBe('')
    expect(formatDisciplineValue('items', 0)).toBe('0')
  })
})
