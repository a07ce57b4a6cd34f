import { z } from 'zod'
import { controlDueDate } from '../domain/control-practice'
import { schoolYearOf } from '../domain/deadlines'
import { readWrittenDeadline } from '../domain/import/deadline-in-sentence'
import { IsoDate, parseInput } from '../domain/validation'
import { LIMITS } from '../domain/limits'
import { safeLine, safeText } from '../domain/text'
import { requireUser } from './access'
import type { ServiceContext } from './context'
import { organizationCalendar, organizationPractice } from './control-settings'
import { controlToday } from './control-view'

export const ParseDeadlineInput = z
  .object({
    text: safeLine().trim().min(1).max(LIMITS.order.deadline),
    reference: IsoDate.optional(),
    /** text that may name the school year («2023/2024 учебный год»): the order's text or part of it, e.g. its title */
    context: safeText().max(LIMITS.order.characters).optional(),
  })
  .strict()
  .meta({ id: 'ParseDeadline' })

/**
 * A deadline as written, parsed against a reference date (today unless given), with the due date
 * the user's organization would put on control (its practice and production calendar).
 */
export const parseDeadlineText = async (ctx: ServiceContext, input: unknown) => {
  const user = requireUser(ctx)
  const { text, reference = controlToday(ctx).today, context } = parseInput(ParseDeadlineInput, input, 'Срок')
  const schoolYear = context ? schoolYearOf(context) : undefined
  const parsed = readWrittenDeadline(text, reference, schoolYear ? { schoolYear } : {})
  if (!user.organizationId) return { ...parsed, reference, controlDue: null }
  const [practice, calendar] = await Promise.all([
    organizationPractice(ctx.db, user.organizationId),
    organizationCalendar(ctx.db, user.organizationId),
  ])
  return { ...parsed, reference, controlDue: controlDueDate(parsed, reference, practice, calendar) }
}
