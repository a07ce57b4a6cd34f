import { calendarDate } from '../domain/dates'
import { checkOrder, type Problem } from '../domain/check-order'
import { OrderContent } from '../domain/content'
import { issuesToDetails } from '../domain/validation'
import { glyphProblems } from '../documents/glyph-coverage'
import { requireUser } from './access'
import type { ServiceContext } from './context'

/**
 * The editor's live check of content not yet saved: what the schema refuses and what the linter
 * finds, each with the path of the field it concerns. Stores nothing.
 */
export const checkDraftContent = (ctx: ServiceContext, input: unknown): { valid: boolean; problems: Problem[] } => {
  requireUser(ctx)
  const parsed = OrderContent.safeParse(input)
  if (!parsed.success) {
    return {
      valid: false,
      problems: issuesToDetails(parsed.error.issues).map((d) => ({
        code: 'invalid',
        message: d.message,
        path: d.path,
      })),
    }
  }
  return {
    valid: true,
    problems: [...checkOrder(parsed.data, { reference: calendarDate(ctx.clock.now()) }), ...glyphProblems(parsed.data)],
  }
}
