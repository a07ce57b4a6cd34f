import { z } from '@hono/zod-openapi'
import { Day, Id, Page, Timestamp } from './common'

/** What execution control answers: a control item (its state derived for today), its history, the settings. */
export const ControlItem = z
  .object({
    id: Id,
    orderId: Id,
    source: z.union([
      z.object({ kind: z.literal('point'), path: z.string() }),
      z.object({
        kind: z.literal('row'),
        appendix: z.number().int(),
        row: z.number().int(),
        number: z.string().optional(),
      }),
    ]),
    label: z.string(),
    text: z.string(),
    deadline: z.string().nullable(),
    parsedDeadline: z.object({ kind: z.string(), problems: z.array(z.unknown()) }).nullable(),
    due: Day.nullable(),
    status: z.string(),
    timing: z.string().nullable(),
    responsible: z.object({ written: z.string(), executorId: Id.nullable() }).nullable(),
    coExecutors: z.array(z.unknown()),
    report: z.unknown(),
    extensions: z.array(z.unknown()),
    occurrences: z.unknown(),
    doneOn: Day.nullable(),
    removal: z.unknown(),
  })
  .meta({ id: 'ControlItem' })
export const ControlItems = Page(ControlItem).meta({ id: 'ControlItems' })

export const ControlEvent = z
  .object({
    seq: z.number().int(),
    kind: z.string(),
    fromState: z.string().nullable(),
    toState: z.string().nullable(),
    oldDue: Day.nullable(),
    newDue: Day.nullable(),
    text: z.string().nullable(),
    fileName: z.string().nullable(),
    actorName: z.string().nullable(),
    at: Timestamp,
  })
  .meta({ id: 'ControlEvent' })
export const ControlItemWithHistory = ControlItem.extend({ history: z.array(ControlEvent) }).meta({
  id: 'ControlItemWithHistory',
})

export const Calendar = z
  .object({
    organizationId: Id,
    year: z.number().int(),
    nonWorkingDays: z.array(Day),
    workingWeekends: z.array(Day),
    overrides: z.array(z.object({ day: Day, working: z.boolean(), note: z.string().nullable() })),
  })
  .meta({ id: 'Calendar' })
export const CalendarChanged = z
  .object({ organizationId: Id, changed: z.number().int() })
  .meta({ id: 'CalendarChanged' })

export const ControlPractice = z
  .object({
    moveToPreviousWorkingDay: z.boolean(),
    urgentDays: z.number().int(),
    operativeDays: z.number().int(),
    noDeadlineMonths: z.number().int(),
    monthlyReportDay: z.number().int(),
    continuousReport: z.object({ month: z.number().int(), day: z.number().int() }),
  })
  .meta({ id: 'ControlPractice' })

export const ParsedDeadline = z
  .object({
    text: z.string(),
    kind: z.string(),
    dates: z.array(Day),
    due: Day.nullable(),
    problems: z.array(z.object({ code: z.string(), message: z.string() })),
    reference: Day,
    controlDue: Day.nullable(),
  })
  .meta({ id: 'ParsedDeadline' })

const DisciplineLine = z
  .object({
    executor: z.string(),
    executorId: Id.nullable(),
    items: z.number().int(),
    onTime: z.number().int(),
    late: z.number().int(),
    overdue: z.number().int(),
    open: z.number().int(),
    removed: z.number().int(),
    averageDelayDays: z.number().nullable(),
  })
  .catchall(z.unknown())
  .meta({ id: 'DisciplineLine' })
export const DisciplineReport = z
  .object({ from: Day, to: Day, asOf: Day, executors: z.array(DisciplineLine), total: DisciplineLine })
  .meta({ id: 'DisciplineReport' })
