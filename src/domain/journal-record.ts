import { kindNames, type OrderKind } from './content'
import { russianDate } from './dates'
import { orderStateNames } from './words'

/** One registration as the journal lists it. */
export type JournalEntry = {
  orderId: string
  seq: number
  litera: number
  number: string
  date: string
  kind: OrderKind
  title: string
  signer: string | null
  status: string
}

/** A line of the journal: a registration, or a main number the journal has no registration for. */
export type JournalLine = ({ type: 'entry' } & JournalEntry) | { type: 'missing'; seq: number }

export type JournalRecord = {
  journal: { id: string; name: string; kind: OrderKind }
  year: number
  lines: JournalLine[]
  /** the year's closing line: how many registrations, the first and the last number; null for an empty year */
  closing: { count: number; first: string; last: string } | null
}

/**
 * The journal of a year in the order of its numbers, litera numbers right after their main number (226, 226/1,
 * 226/2, 227). A main number between the first and the last that nothing was registered under is listed as
 * missing: numbers are gap-free, so such a line means the record was changed outside the service.
 */
export const journalRecord = (
  journal: JournalRecord['journal'],
  year: number,
  entries: readonly JournalEntry[],
): JournalRecord => {
  const sorted = [...entries].sort((a, b) => a.seq - b.seq || a.litera - b.litera)
  const lines: JournalLine[] = []
  let previous: number | undefined
  for (const e of sorted) {
    // only main numbers count: a litera may be of a main number of an earlier year (a journal that never resets)
    if (e.litera === 0) {
      if (previous !== undefined) for (let s = previous + 1; s < e.seq; s++) lines.push({ type: 'missing', seq: s })
      previous = e.seq
    }
    lines.push({ type: 'entry', ...e })
  }
  const first = sorted[0]
  const last = sorted.at(-1)
  return {
    journal,
    year,
    lines,
    closing: first && last ? { count: sorted.length, first: first.number, last: last.number } : null,
  }
}

/** The state of an entry in the journal's words. */
export const entryState = (status: string) =>
  status === 'closed'
    ? 'исполнен, снят с контроля'
    : status === 'registered'
      ? 'на исполнении'
      : (orderStateNames[status as keyof typeof orderStateNames] ?? 'неизвестно')

/** The columns every form of the journal shows (page, XLSX, PDF), in this order. */
export const journalColumns = ['№', 'Дата', 'Вид', 'Заголовок', 'Подписал', 'Состояние'] as const

/** A line as the cells of `journalColumns`: the same text on the page and in both files. */
export const journalCells = (line: JournalLine): string[] =>
  line.type === 'missing'
    ? [String(line.seq), '', '', 'номер не использован (нет регистрации)', '', 'пропуск']
    : [
        line.number,
        russianDate(line.date),
        kindNames[line.kind].nominative,
        line.title,
        line.signer ?? '',
        entryState(line.status),
      ]

/** «За 2026 год зарегистрировано 57 документов: с № 1-ОД по № 57-ОД.» */
export const closingLine = (record: JournalRecord) => {
  const c = record.closing
  if (!c) return `За ${record.year} год в журнале нет регистраций.`
  return `За ${record.year} год зарегистрировано документов: ${c.count}, с № ${c.first} по № ${c.last}.`
}
