/**
 * Record-keeping practice for items on execution control, configurable per organization. The defaults
 * are the common practice of record-keeping instructions: a due date on a non-working day moves to the
 * previous working day; «срочно» is 3 days and «оперативно» 10 days from the reference date; a point put
 * on control without a deadline is due in one month; monthly reports are due on the 10th of the next month;
 * a continuous duty reports once a year, by 20 January.
 */
import { addDays, addMonths, isoDate, type ProductionCalendar, previousWorkingDay } from './calendar'
import type { ParsedDeadline } from './deadlines'

export type ControlPractice = {
  moveToPreviousWorkingDay: boolean
  urgentDays: number
  operativeDays: number
  noDeadlineMonths: number
  monthlyReportDay: number
  continuousReport: { month: number; day: number }
}

export const defaultControlPractice: ControlPractice = {
  moveToPreviousWorkingDay: true,
  urgentDays: 3,
  operativeDays: 10,
  noDeadlineMonths: 1,
  monthlyReportDay: 10,
  continuousReport: { month: 1, day: 20 },
}

/** The `day` of `month` in the first year in which it falls strictly after `date`. */
const nextYearly = (date: string, month: number, day: number): string => {
  const y = Number(date.slice(0, 4))
  const candidate = isoDate(y, month, day)
  return candidate > date ? candidate : isoDate(y + 1, month, day)
}

/** The due date per the written deadline and the practice, before the working-day shift. */
const writtenDue = (deadline: ParsedDeadline | null, reference: string, practice: ControlPractice): string | null => {
  if (deadline === null || deadline.text.trim() === '') return addMonths(reference, practice.noDeadlineMonths)
  switch (deadline.kind) {
    case 'urgent':
      return addDays(reference, practice.urgentDays)
    case 'operative':
      return addDays(reference, practice.operativeDays)
    case 'continuous':
      return nextYearly(reference, practice.continuousReport.month, practice.continuousReport.day)
    case 'recurring': {
      const r = deadline.recurrence
      // a monthly report without a written day: the practice's day of the month after the reference
      if (r?.every === 'month' && r.day === undefined && deadline.due !== null) {
        const next = addMonths(`${reference.slice(0, 8)}01`, 1)
        const due = `${next.slice(0, 8)}${String(practice.monthlyReportDay).padStart(2, '0')}`
        return deadline.until !== undefined && due > deadline.until ? deadline.due : due
      }
      return deadline.due
    }
    default:
      return deadline.due
  }
}

/**
 * The due date of a control item: null when there is none (on demand, an unrecognised or faulty deadline:
 * the controller sets one). A written date is kept as written except for the move off a non-working day.
 */
export const controlDueDate = (
  deadline: ParsedDeadline | null,
  reference: string,
  practice: ControlPractice,
  calendar: ProductionCalendar,
): string | null => {
  const due = writtenDue(deadline, reference, practice)
  if (due === null) return null
  return practice.moveToPreviousWorkingDay ? previousWorkingDay(due, calendar) : due
}
