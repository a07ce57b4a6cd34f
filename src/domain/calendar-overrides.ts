import type { ProductionCalendar } from './calendar'

export type CalendarOverride = { day: string; working: boolean }

/**
 * The production calendar an organization works by: the built-in one with the organization's own
 * changes on top (a day made working leaves the holidays, a day made non-working joins them).
 */
export const withOverrides = (base: ProductionCalendar, overrides: readonly CalendarOverride[]): ProductionCalendar => {
  if (!overrides.length) return base
  const holidays = new Set(base.holidays)
  const workdays = new Set(base.workdays)
  for (const { day, working } of overrides) {
    if (working) {
      holidays.delete(day)
      workdays.add(day)
    } else {
      workdays.delete(day)
      holidays.add(day)
    }
  }
  return { holidays, workdays }
}
