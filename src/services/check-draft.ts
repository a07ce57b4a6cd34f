import { calendarDate } from '../domain/dates'
import { checkOrder, type Problem } from '../domain/check-order'
import type { OrderContent } from '../domain/content'
import { completenessProblems, DraftContent, placedDetails } from '../domain/draft'
import { placed } from '../domain/places'
import { glyphProblems } from '../documents/glyph-coverage'
import { requireUser } from './access'
import type { ServiceContext } from './context'

/**
 * The editor's live check of content not yet saved: what the draft's schema refuses, what the draft
 * still lacks to be sent (`incomplete`) and what the linter finds, each with the path of its field and a
 * message that names its place («Пункт 1.10: нет текста»), each once. Stores nothing. `valid` says the
 * draft can be saved; `complete`, that it can be sent.
 */
export const checkDraftContent = (
  ctx: ServiceContext,
  input: unknown,
): { valid: boolean; complete: boolean; problems: Problem[] } => {
  requireUser(ctx)
  const parsed = DraftContent.safeParse(input)
  if (!parsed.success) {
    const problems = placedDetails(parsed.error.issues).map((d) => ({
      code: 'invalid',
      message: d.message,
      path: d.path,
    }))
    return { valid: false, complete: false, problems }
  }
  return { valid: true, ...contentProblems(parsed.data, calendarDate(ctx.clock.now())) }
}

/**
 * What a draft still lacks to be sent (`incomplete`) and what the linter finds, deadlines judged at
 * `reference`; each message names its place, each once. The editor's check and the saved order's.
 */
export const contentProblems = (
  content: OrderContent,
  reference: string,
): { complete: boolean; problems: Problem[] } => {
  const missing = completenessProblems(content).map((d) => ({ code: 'incomplete', message: d.message, path: d.path }))
  const seen = new Set(missing.map((p) => p.message))
  const linted = [...checkOrder(content, { reference }), ...glyphProblems(content)].flatMap((p) => {
    const message = placed(p.path, p.message)
    if (seen.has(message)) return []
    seen.add(message)
    return [{ ...p, message }]
  })
  return { complete: missing.length === 0, problems: [...missing, ...linted] }
}
