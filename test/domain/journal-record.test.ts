import { describe, expect, it } from 'vitest'
import { closingLine, journalCells, type JournalEntry, journalRecord } from '../../src/domain/journal-record'

const journal = { id: 'j', name: 'Приказы', kind: 'prikaz' as const }
const entry = (seq: number, litera = 0, over: Partial<JournalEntry> = {}): JournalEntry => ({
  orderId: `o${seq}.${litera}`,
  seq,
  litera,
  number: litera ? `${seq}/${litera}-ОД` : `${seq}-ОД`,
  date: '2026-03-10',
  kind: 'prikaz',
  title: `Приказ ${seq}`,
  signer: 'Петров С.Н.',
  status: 'registered',
  ...over,
})

describe('the registration journal of a year', () => {
  it('puts litera numbers right after their main number, in any order given', () => {
    const r = journalRecord(journal, 2026, [entry(2), entry(1, 2), entry(1), entry(1, 1), entry(3)])
    expect(r.lines.map((l) => (l.type === 'entry' ? l.number : `—${l.seq}`))).toEqual([
      '1-ОД',
      '1/1-ОД',
      '1/2-ОД',
      '2-ОД',
      '3-ОД',
    ])
    expect(r.closing).toEqual({ count: 5, first: '1-ОД', last: '3-ОД' })
    expect(closingLine(r)).toBe('За 2026 год зарегистрировано документов: 5, с № 1-ОД по № 3-ОД.')
  })

  it('marks a main number nothing was registered under, not the litera of an earlier one', () => {
    const r = journalRecord(journal, 2026, [entry(5), entry(8), entry(2, 1)])
    expect(r.lines.map((l) => (l.type === 'entry' ? l.number : `пропуск ${l.seq}`))).toEqual([
      '2/1-ОД',
      '5-ОД',
      'пропуск 6',
      'пропуск 7',
      '8-ОД',
    ])
    expect(journalCells(r.lines[2]!)).toEqual(['6', '', '', 'номер не использован (нет регистрации)', '', 'пропуск'])
  })

  it('says an empty year is empty; shows each state in words', () => {
    expect(closingLine(journalRecord(journal, 2025, []))).toBe('За 2025 год в журнале нет регистраций.')
    const [open, closed] = journalRecord(journal, 2026, [
      entry(1),
      entry(2, 0, { status: 'closed', signer: null }),
    ]).lines
    expect(journalCells(open!)).toEqual(['1-ОД', '10.03.2026', 'приказ', 'Приказ 1', 'Петров С.Н.', 'на исполнении'])
    expect(journalCells(closed!).slice(4)).toEqual(['', 'исполнен, снят с контроля'])
  })
})
