/**
 * Record-keeping practice for items on execution control, configurable per organization. The defaults
 * are the common practice of record-keeping instructions: a due date on a non-working day moves to the
 * previous working day; «срочно» is 3 days and «оперативно» 10 days from the reference date; a point put
 * on control without a deadline is due in one month; monthly reports are due on the 10th of the next month;
 * a continuous duty reports once a year, by 20 January.
 */
import { addDays, addMonths, isoDate, type ProductionCalendar, previousWorkingDay } from './calendar'
import { nextOccurrence } from './recurrence'
import type { ParsedDeadline } from './deadline-words'

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

/** «ежемесячно» with no day written: reports by the practice's day of the next month. */
const isMonthlyReport = (deadline: ParsedDeadline): boolean =>
  deadline.recurrence?.every === 'month' && deadline.recurrence.day === undefined

/**
 * The k-th monthly report (k ≥ 1) of a deadline read from `reference`: on the report day of the month after
 * the k-th month, counting the reference's month as the first; none once that month begins after `until`.
 */
const monthlyReport = (
  reference: string,
  k: number,
  deadline: ParsedDeadline,
  practice: ControlPractice,
): string | null => {
  const month = addMonths(`${reference.slice(0, 8)}01`, k - 1)
  if (deadline.until !== undefined && month > deadline.until) return null
  const next = addMonths(month, 1)
  return `${next.slice(0, 8)}${String(practice.monthlyReportDay).padStart(2, '0')}`
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
    case 'recurring':
      return isMonthlyReport(deadline) ? monthlyReport(reference, 1, deadline, practice) : deadline.due
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

/**
 * The due date that follows `currentDue` for an item that recurs (a recurring or continuous deadline), by
 * the same practice and calendar: the occurrences are counted from the reference date, so a due date moved
 * back to a working day (10 January → 30 December) does not repeat a period. null when the deadline does not
 * recur or its period (`until`) has ended.
 */
export const nextControlDueDate = (
  deadline: ParsedDeadline,
  reference: string,
  currentDue: string,
  practice: ControlPractice,
  calendar: ProductionCalendar,
): string | null => {
  const shift = (d: string): string => (practice.moveToPreviousWorkingDay ? previousWorkingDay(d, calendar) : d)
  // the occurrences, written dates before the shift, in order
  const occurrences = function* (): Generator<string> {
    if (deadline.kind === 'continuous') {
      // each yearly report covers the year before it: none once that year begins after `until`
      let d = nextYearly(reference, practice.continuousReport.month, practice.continuousReport.day)
      while (deadline.until === undefined || isoDate(Number(d.slice(0, 4)) - 1, 1, 1) <= deadline.until) {
        yield d
        d = nextYearly(d, practice.continuousReport.month, practice.continuousReport.day)
      }
      return
    }
    // what does not recur has no next occurrence (nextOccurrence answers null)
    if (isMonthlyReport(deadline)) {
      for (let k = 1; ; k++) {
        const d = monthlyReport(reference, k, deadline, practice)
        if (d === null) return
        yield d
      }
    }
    let d = nextOccurrence(deadline, reference)
    while (d !== null) {
      yield d
      d = nextOccurrence(deadline, d)
    }
  }
  // the occurrences grow, and a shift moves a date back less than a year: the loop ends
  for (const d of occurrences()) {
    const due = shift(d)
    if (due > currentDue) return due
  }
  return null
}
