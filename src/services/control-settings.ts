import { z } from 'zod'
import { findControlPractice, listCalendarDays, saveCalendarDays, saveControlPractice } from '../db/control-settings'
import type { Db } from '../db/client'
import { isWorkingDay, type ProductionCalendar, russianCalendar } from '../domain/calendar'
import { withOverrides } from '../domain/calendar-overrides'
import { type ControlPractice, defaultControlPractice } from '../domain/control-practice'
import { IsoDate, parseInput, queryNumber } from '../domain/validation'
import { LIMITS } from '../domain/limits'
import { safeLine } from '../domain/text'
import { authorize, ownOrganization } from './access'
import { recordEvent } from './audit'
import { inTransaction, type ServiceContext } from './context'

/** The production calendar of an organization: the built-in Russian one with the admin's changes. */
export const organizationCalendar = async (db: Db, organizationId: string): Promise<ProductionCalendar> =>
  withOverrides(russianCalendar, await listCalendarDays(db, organizationId))

export const organizationPractice = async (db: Db, organizationId: string): Promise<ControlPractice> => ({
  ...defaultControlPractice,
  ...(await findControlPractice(db, organizationId)),
})

export const CalendarQuery = z.object({
  year: queryNumber(z.number().int().min(2000).max(2100)),
  organizationId: z.string().uuid().optional(),
})

/** Every non-working day and every working weekend of a year, as the organization counts them. */
export const getCalendar = async (ctx: ServiceContext, query: unknown) => {
  const { year, organizationId: wanted } = parseInput(CalendarQuery, query, 'Календарь')
  const organizationId = await ownOrganization(ctx, wanted)
  const calendar = await organizationCalendar(ctx.db, organizationId)
  const holidays: string[] = []
  const workingWeekends: string[] = []
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
    const day = d.toISOString().slice(0, 10)
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6
    const working = isWorkingDay(day, calendar)
    if (!working) holidays.push(day)
    else if (weekend) workingWeekends.push(day)
  }
  const overrides = await listCalendarDays(ctx.db, organizationId, { from: `${year}-01-01`, to: `${year}-12-31` })
  return { organizationId, year, nonWorkingDays: holidays, workingWeekends, overrides }
}

export const CalendarChange = z
  .object({
    organizationId: z.string().uuid().optional(),
    days: z
      .array(
        z
          .object({ day: IsoDate, working: z.boolean(), note: safeLine().max(LIMITS.control.calendarNote).optional() })
          .strict(),
      )
      .min(1)
      .max(400)
      // one row per day and organization: a day twice would be two changes of one row in one statement
      .superRefine((days, ctx) => {
        const seen = new Set<string>()
        for (const [i, { day }] of days.entries()) {
          if (seen.has(day)) ctx.addIssue({ code: 'custom', path: [i, 'day'], message: `день ${day} указан дважды` })
          seen.add(day)
        }
      }),
  })
  .strict()
  .meta({ id: 'CalendarChange' })

/** The admin makes days working or non-working for the organization (a transfer, a local holiday). */
export const changeCalendar = async (ctx: ServiceContext, input: unknown) => {
  authorize(ctx, 'settings.change')
  const request = parseInput(CalendarChange, input, 'Календарь')
  const organizationId = await ownOrganization(ctx, request.organizationId)
  return inTransaction(ctx, async (tx) => {
    await saveCalendarDays(tx, organizationId, request.days)
    await recordEvent(tx, ctx, { organizationId, action: 'calendar_changed', data: { days: request.days } })
    return { organizationId, changed: request.days.length }
  })
}

export const PracticeInput = z
  .object({
    organizationId: z.string().uuid().optional(),
    moveToPreviousWorkingDay: z.boolean().optional(),
    urgentDays: z.number().int().min(0).max(365).optional(),
    operativeDays: z.number().int().min(0).max(365).optional(),
    noDeadlineMonths: z.number().int().min(0).max(24).optional(),
    monthlyReportDay: z.number().int().min(1).max(28).optional(),
    continuousReport: z
      .object({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(28) })
      .strict()
      .optional(),
  })
  .strict()
  .meta({ id: 'ControlPractice' })

export const PracticeQuery = z.object({ organizationId: z.string().uuid().optional() })

export const getPractice = async (ctx: ServiceContext, query: unknown) => {
  const { organizationId } = parseInput(PracticeQuery, query, 'Практика контроля')
  return organizationPractice(ctx.db, await ownOrganization(ctx, organizationId))
}

/** The admin sets how due dates follow from deadlines (record-keeping practice of the organization). */
export const changePractice = async (ctx: ServiceContext, input: unknown) => {
  authorize(ctx, 'settings.change')
  const { organizationId: wanted, ...change } = parseInput(PracticeInput, input, 'Практика контроля')
  const organizationId = await ownOrganization(ctx, wanted)
  return inTransaction(ctx, async (tx) => {
    const practice = { ...(await organizationPractice(tx, organizationId)), ...change }
    await saveControlPractice(tx, organizationId, practice, ctx.clock.now())
    await recordEvent(tx, ctx, { organizationId, action: 'control_practice_changed', data: practice })
    return practice
  })
}
