/**
 * Recurring deadlines: «ежемесячно до 5 числа», «ежегодно до 20 января года, следующего за отчетным», «по
 * пятницам в течение учебного года» parsed into a recurrence rule, and the next due date that rule gives.
 */
import { addDays, addMonths, dateParts, dayOfWeek, isoDate, lastDayOfMonth } from './calendar'
import {
  type Context,
  MONTH,
  monthEnd,
  monthNumber,
  NOT_LETTER_AFTER,
  NOT_LETTER_BEFORE,
  type ParsedDeadline,
  type Recurrence,
  result,
  schoolYearAt,
  schoolYearEnd,
  yearOf,
} from './deadline-words'

const FREQUENCY: readonly [RegExp, Recurrence['every']][] = [
  [/еженедельн[а-я]*|(?:не реже )?(?:1 |одного |один )?раз[а]? в неделю|каждую неделю/, 'week'],
  // «по пятницам» alone: weekly on that day (the weekday stays in the rest of the phrase)
  [/по(?= (?:понедельникам|вторникам|средам|четвергам|пятницам|субботам|воскресеньям)$)/, 'week'],
  [/ежемесячн[а-я]*|(?:не реже )?(?:1 |одного |один )?раз[а]? в месяц|каждый месяц|каждого месяца|помесячно/, 'month'],
  [/ежеквартальн[а-я]*|(?:не реже )?(?:1 |одного |один )?раз[а]? в квартал|каждый квартал|поквартально/, 'quarter'],
  [/(?:не реже )?(?:1 |одного |один )?раз[а]? в полугодие|каждое полугодие|(?:2|два) раза в год/, 'halfyear'],
  [/ежегодн[а-я]*|(?:не реже )?(?:1 |одного |один )?раз[а]? в год|каждый год/, 'year'],
]

const WEEKDAYS: readonly RegExp[] = [
  /^понедельник/,
  /^вторник/,
  /^сред/,
  /^четверг/,
  /^пятниц/,
  /^суббот/,
  /^воскресень/,
]

/** The rest of a recurring phrase: «до 5 числа», «до 31 мая», «в сентябре», «по пятницам», «в течение года». */
const parseRecurrenceRest = (
  rest: string,
  every: Recurrence['every'],
  ctx: Context,
): { recurrence: Recurrence; until?: string } | undefined => {
  const recurrence: Recurrence = { every }
  let until: string | undefined
  let s = rest
  // a period it runs in
  const during = /(?:^| )(?:в течение|на протяжении) (?:всего )?(?:(года|учебного года)|(\d{4})|(уг\d{4}))$/.exec(s)
  if (during) {
    if (during[2]) until = isoDate(Number(during[2]), 12, 31)
    else if (during[3]) until = schoolYearEnd(Number(during[3].slice(2)))
    else if (during[1] === 'учебного года' || ctx.schoolYear)
      until = schoolYearEnd(ctx.schoolYear?.start ?? schoolYearAt(ctx.reference))
    else until = isoDate(yearOf(ctx.reference), 12, 31)
    s = s.slice(0, during.index).trim()
  }
  s = s
    .replace(/[()]/g, ' ')
    .replace(/ +/g, ' ')
    .replace(/^[ ,;-]+|[ ,;-]+$/g, '')
  if (s === '') return { recurrence, until }
  if (every === 'week') {
    const m = /^(?:(?:по|в|во|каждый|каждую|каждое) )?([а-я]+)$/.exec(s)
    const day = m ? WEEKDAYS.findIndex((re) => re.test(m[1] ?? '')) : -1
    if (day < 0) return undefined
    return { recurrence: { every, day: day + 1 }, until }
  }
  if (every === 'year') {
    // «ежегодно до 20 января года, следующего за отчетным»: the date of the year after the one reported on
    s = s.replace(/,? ?(?:года,? )?следующего за (?:отчетным|истекшим)(?: годом)?$/, '')
    let m = new RegExp(`^(?:(?:в срок )?(?:до|не позднее|к) )?(\\d{1,2}) (${MONTH})$`).exec(s)
    if (m) {
      const month = monthNumber(m[2])
      const day = Number(m[1])
      // 29 February recurs only in leap years: refuse it rather than pick another day
      if (!month || day < 1 || day > lastDayOfMonth(2023, month)) return undefined
      return { recurrence: { every, month, day }, until }
    }
    m = /^(?:(?:в срок )?(?:до|не позднее|к) )?(\d{1,2})\.(\d{1,2})$/.exec(s)
    if (m) {
      const month = Number(m[2])
      const day = Number(m[1])
      if (month < 1 || month > 12 || day < 1 || day > lastDayOfMonth(2023, month)) return undefined
      return { recurrence: { every, month, day }, until }
    }
    m = new RegExp(`^(?:в|во|до конца) (${MONTH})$`).exec(s)
    if (m) {
      const month = monthNumber(m[1])
      return month ? { recurrence: { every, month }, until } : undefined
    }
    return undefined
  }
  // «до 5 числа», «к 25 числу», «5 числа каждого месяца», «до 10 числа месяца, следующего за отчетным»
  const m =
    /^(?:(?:в срок )?(?:до|не позднее|к) )?(\d{1,2})(?:-?(?:го|е))? ?(?:числа|числу|число)?(?: (?:каждого |следующего )?месяца)?(?:,? следующего за (?:отчетным|истекшим)(?: (?:месяцем|кварталом|периодом|полугодием))?)?$/.exec(
      s,
    )
  if (!m) return undefined
  const day = Number(m[1])
  if (day < 1 || day > 31) return undefined
  return { recurrence: { every, day }, until }
}

const recurring = (ctx: Context, parsed: { recurrence: Recurrence; until?: string }): ParsedDeadline => {
  const until = parsed.until ?? (ctx.schoolYear ? schoolYearEnd(ctx.schoolYear.start) : undefined)
  const deadline = result(ctx, 'recurring', [], null, {
    recurrence: parsed.recurrence,
    ...(until ? { until } : {}),
  })
  return { ...deadline, due: nextOccurrence(deadline, ctx.reference) }
}

export const parseRecurring = (s: string, ctx: Context): ParsedDeadline | undefined => {
  for (const [re, every] of FREQUENCY) {
    const m = new RegExp(`${NOT_LETTER_BEFORE}(?:${re.source})${NOT_LETTER_AFTER}`).exec(s)
    if (!m) continue
    const rest = `${s.slice(0, m.index)} ${s.slice(m.index + m[0].length)}`.replace(/ +/g, ' ').trim()
    const parsed = parseRecurrenceRest(rest, every, ctx)
    return parsed ? recurring(ctx, parsed) : undefined
  }
  // «до 20 числа месяца, следующего за отчетным»: a periodic report without the word «ежемесячно»
  const report = /следующего за (?:отчетным|истекшим)(?: (месяцем|кварталом|периодом|полугодием))?$/.exec(s)
  if (!report) return undefined
  const every = report[1] === 'кварталом' ? 'quarter' : report[1] === 'полугодием' ? 'halfyear' : 'month'
  const parsed = parseRecurrenceRest(s, every, ctx)
  return parsed ? recurring(ctx, parsed) : undefined
}

/** The occurrence of a recurrence in the period that contains `date` (it may lie before `date`). */
const occurrenceOf = (r: Recurrence, date: string): string => {
  const [y, m] = dateParts(date)
  switch (r.every) {
    case 'week':
      return addDays(date, (r.day ?? 7) - dayOfWeek(date))
    case 'month':
      return isoDate(y, m, Math.min(r.day ?? 31, lastDayOfMonth(y, m)))
    case 'quarter':
    case 'halfyear': {
      const length = r.every === 'quarter' ? 3 : 6
      const last = Math.ceil(m / length) * length
      if (r.day === undefined) return monthEnd(y, last)
      const after = addMonths(isoDate(y, last, 1), 1)
      const [ay, am] = dateParts(after)
      return isoDate(ay, am, Math.min(r.day, lastDayOfMonth(ay, am)))
    }
    case 'year': {
      const month = r.month ?? 12
      return isoDate(y, month, Math.min(r.day ?? 31, lastDayOfMonth(y, month)))
    }
  }
}

const periodStep = (r: Recurrence): { days?: number; months?: number } =>
  r.every === 'week'
    ? { days: 7 }
    : { months: r.every === 'month' ? 1 : r.every === 'quarter' ? 3 : r.every === 'halfyear' ? 6 : 12 }

/**
 * The next due date of a recurring deadline strictly after `after`; null when it is past `until`, or the
 * deadline is not recurring.
 */
export const nextOccurrence = (deadline: ParsedDeadline, after: string): string | null => {
  const r = deadline.recurrence
  if (deadline.kind !== 'recurring' || !r) return null
  const step = periodStep(r)
  // the period containing `after` and the next two: a report on a period may fall in the period after it
  let probe = step.days
    ? addDays(after, -step.days)
    : addMonths(after.slice(0, 8).concat('01'), -(step.months as number))
  for (let i = 0; i < 4; i++) {
    const occurrence = occurrenceOf(r, probe)
    if (occurrence > after) return deadline.until !== undefined && occurrence > deadline.until ? null : occurrence
    probe = step.days ? addDays(probe, step.days) : addMonths(probe, step.months as number)
  }
  return null
}
