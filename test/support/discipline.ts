import type { DisciplineRow } from '../../src/db/discipline'
import { AWAITING_REPORT_STATES, OPEN_STATES, type ControlItemState } from '../../workflows/control-item.machine'

/** A control item as the discipline report reads it. */
export type Item = {
  responsible_id: string | null
  responsible: string | null
  status: ControlItemState
  due_date: string | null
  done_on: string | null
  registered_on: string
}

/** The plain rules (README «Execution control», DESIGN.md): one class per item, by its status, dates and today. */
export const disciplineByItem = (
  items: Item[],
  directory: Map<string, string>,
  f: { from: string; to: string; today: string },
): DisciplineRow[] => {
  const lines = new Map<string, DisciplineRow>()
  const days = (a: string, b: string) => (Date.parse(a) - Date.parse(b)) / 86_400_000
  for (const i of items) {
    const on = i.due_date ?? i.registered_on
    if (on < f.from || on > f.to) continue
    const executor = (i.responsible_id && directory.get(i.responsible_id)) ?? i.responsible ?? ''
    const key = `${i.responsible_id}|${executor}`
    const line = lines.get(key) ?? {
      executorId: i.responsible_id,
      executor,
      items: 0,
      onTime: 0,
      late: 0,
      overdue: 0,
      open: 0,
      removed: 0,
      delayDays: 0,
    }
    lines.set(key, line)
    line.items++
    const overdue = AWAITING_REPORT_STATES.includes(i.status) && i.due_date !== null && i.due_date < f.today
    if (i.status === 'done') {
      if (i.due_date === null || (i.done_on !== null && i.done_on <= i.due_date)) line.onTime++
      else if (i.done_on !== null && i.done_on > i.due_date) {
        line.late++
        line.delayDays += days(i.done_on, i.due_date)
      }
    } else if (i.status === 'removed') line.removed++
    if (overdue) {
      line.overdue++
      line.delayDays += days(f.today, i.due_date!)
    } else if (OPEN_STATES.includes(i.status)) line.open++
  }
  return [...lines.values()]
}

export const byKey = (rows: DisciplineRow[]) =>
  rows
    .map((r) => ({ ...r, executorId: r.executorId ?? null }))
    .sort((a, b) => `${a.executorId}|${a.executor}`.localeCompare(`${b.executorId}|${b.executor}`))
