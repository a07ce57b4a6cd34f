import type { z } from 'zod'
import { findMainRegistration, lastNumberTaken } from '../db/journals'
import { counterYear, formatRegistrationNumber } from '../domain/journal-pattern'
import { parseInput } from '../domain/validation'
import { authorize, loadOrder } from './access'
import type { ServiceContext } from './context'
import { stepOrder } from './lifecycle'
import { literaNumber, NOT_SIGNED, RegisterOrderInput, registrationDate, registrationJournal } from './register-order'

export const PreviewRegistrationInput = RegisterOrderInput.pick({ journalId: true, literaOf: true, date: true })
  .strict()
  .meta({ id: 'PreviewRegistration' })

/**
 * The number and date a registration would take now, without taking them: the same checks as registering
 * (a signed order, the date, the journal, the litera's main number), the journal's counter only read. Another
 * registration may take the number before the clerk confirms: registering with `expectedNumber` then refuses.
 */
export const previewRegistration = async (ctx: ServiceContext, orderId: string, input: unknown) => {
  const user = authorize(ctx, 'orders.register')
  const request: z.infer<typeof PreviewRegistrationInput> = parseInput(
    PreviewRegistrationInput,
    input ?? {},
    'Регистрация',
  )
  const order = await loadOrder(ctx.db, user, orderId)
  stepOrder(order, { type: 'REGISTER' }, NOT_SIGNED)
  const wanted = registrationDate(order, request.date, ctx.clock.now())
  const journal = await registrationJournal(ctx.db, order, request.journalId)
  const { seq, litera, date } = request.literaOf
    ? await literaNumber(ctx.db, journal, request.literaOf, wanted, findMainRegistration)
    : await nextNumberPreview(ctx, journal, wanted)
  return {
    number: formatRegistrationNumber(journal.pattern, seq, Number(date.slice(0, 4)), litera),
    date,
    journal: { id: journal.id, name: journal.name },
    literaOf: request.literaOf ?? null,
  }
}

const nextNumberPreview = async (
  ctx: ServiceContext,
  journal: Awaited<ReturnType<typeof registrationJournal>>,
  date: string,
) => {
  const last = await lastNumberTaken(ctx.db, journal.id, counterYear(journal.reset, date))
  return { seq: last === undefined ? journal.start : last + 1, litera: 0, date }
}
