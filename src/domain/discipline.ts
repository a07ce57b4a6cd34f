/** Counts of one executor (or of everyone) over a period; each item falls in exactly one class. */
export type DisciplineCounts = {
  items: number
  onTime: number
  late: number
  overdue: number
  open: number
  removed: number
  delayDays: number
}

export type DisciplineLine = Omit<DisciplineCounts, 'delayDays'> & {
  executor: string
  executorId: string | null
  /** average days late over items done late and items overdue; null when none is */
  averageDelayDays: number | null
  /** on time ÷ (done + overdue), null when nothing is done or overdue */
  rate: number | null
}

export type DisciplineReport = {
  from: string
  to: string
  asOf: string
  executors: DisciplineLine[]
  total: DisciplineLine
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits

/** The derived figures of one line: average delay (days, one decimal) and rate (four decimals). */
export const disciplineLine = (
  who: { executor: string; executorId: string | null },
  c: DisciplineCounts,
): DisciplineLine => {
  const delayed = c.late + c.overdue
  const judged = c.onTime + c.late + c.overdue
  return {
    ...who,
    items: c.items,
    onTime: c.onTime,
    late: c.late,
    overdue: c.overdue,
    open: c.open,
    removed: c.removed,
    averageDelayDays: delayed ? round(c.delayDays / delayed, 1) : null,
    rate: judged ? round(c.onTime / judged, 4) : null,
  }
}

const keys = ['items', 'onTime', 'late', 'overdue', 'open', 'removed', 'delayDays'] as const

/** Lines per executor and the total, summed from the same counts, so they always reconcile. */
export const disciplineReport = (
  period: { from: string; to: string; asOf: string },
  rows: readonly (DisciplineCounts & { executor: string; executorId: string | null })[],
): DisciplineReport => {
  const sum = Object.fromEntries(keys.map((k) => [k, rows.reduce((s, r) => s + Number(r[k]), 0)])) as DisciplineCounts
  return {
    ...period,
    executors: rows.map((r) =>
      disciplineLine(
        { executor: r.executor || 'без исполнителя', executorId: r.executorId },
        Object.fromEntries(keys.map((k) => [k, Number(r[k])])) as DisciplineCounts,
      ),
    ),
    total: disciplineLine({ executor: 'Итого', executorId: null }, sum),
  }
}

/** Column headings, in the order every format prints them. */
export const disciplineColumns = [
  ['executor', 'Исполнитель'],
  ['items', 'Поручений'],
  ['onTime', 'Исполнено в срок'],
  ['late', 'Исполнено с нарушением срока'],
  ['overdue', 'Просрочено'],
  ['open', 'На исполнении, срок не наступил'],
  ['removed', 'Снято с контроля'],
  ['averageDelayDays', 'Средняя просрочка, дней'],
  ['rate', 'Исполнительская дисциплина'],
] as const satisfies readonly (readonly [keyof DisciplineLine, string])[]

/** A figure as printed: rates as percentages with one decimal, empty for none. */
export const formatDisciplineValue = (key: keyof DisciplineLine, v: DisciplineLine[keyof DisciplineLine]): string => {
  if (v === null || v === undefined) return ''
  if (key === 'rate') return `${(Number(v) * 100).toFixed(1)}%`
  if (key === 'averageDelayDays') return Number(v).toFixed(1)
  return String(v)
}
