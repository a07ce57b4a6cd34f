import { z } from 'zod'
import {
  allocateSequence, findDefaultJournal, findJournal, insertRegistration, lastLitera, lockMainRegistration, type JournalRow,
} from '../db/journals'
import type { Db } from '../db/client'
import type { OrderRow } from '../db/orders'
import { calendarDate, isIsoDate, russianDate } from '../domain/dates'
import { OrderError } from '../domain/errors'
import { counterYear, formatRegistrationNumber, sequenceOf } from '../domain/journal-pattern'
import { parseInput } from '../domain/validation'
import { loadOrder, requireRole } from './access'
import { recordEvent } from './audit'
import { inTransaction, type ServiceContext } from './context'
import { applyOrderEvent, restoreOrderSnapshot } from './lifecycle'

export const RegisterOrderInput = z
  .object({
    journalId: z.string().uuid().optional(),
    literaOf: z.string().trim().min(1).max(50).optional(),
    date: z.string().refine(isIsoDate, 'дата в виде YYYY-MM-DD').optional(),
  })
  .strict()
  .meta({ id: 'RegisterOrder' })

const journalFor = async (tx: Db, order: OrderRow, journalId?: string): Promise<JournalRow> => {
  const journal = journalId ? await findJournal(tx, journalId) : await findDefaultJournal(tx, order.organizationId, order.kind)
  if (!journal || journal.organizationId !== order.organizationId) {
    throw new OrderError('no_journal', journalId ? `Журнал ${journalId} не найден в организации приказа` : 'В организации нет журнала регистрации для этого вида документа')
  }
  if (journal.kind !== order.kind) throw new OrderError('no_journal', `Журнал «${journal.name}» ведётся для другого вида документов`)
  return journal
}

/** The sequence, litera and date of a new number: the next one of the journal, or the next litera of an earlier one. */
const allocate = async (tx: Db, journal: JournalRow, date: string, literaOf?: string) => {
  if (!literaOf) {
    const year = counterYear(journal.reset, date)
    return { year, seq: await allocateSequence(tx, journal, year), litera: 0, date }
  }
  const seq = sequenceOf(journal.pattern, literaOf)
  if (seq === undefined) throw new OrderError('invalid_input', `«${literaOf}» не похоже на номер журнала «${journal.name}»`, [{ path: 'literaOf', message: 'неверный номер' }])
  const main = await lockMainRegistration(tx, journal.id, journal.reset === 'yearly' ? counterYear('yearly', date) : undefined, seq)
  if (!main) throw new OrderError('invalid_input', `В журнале «${journal.name}» нет номера ${literaOf}`, [{ path: 'literaOf', message: 'номер не найден' }])
  return { year: main.year, seq, litera: (await lastLitera(tx, journal.id, main.year, seq)) + 1, date: main.date }
}

/**
 * Registers a signed order: the next number of the journal (or a litera number dated like the
 * number it follows), in the same transaction as the state change, so numbers never skip.
 */
export const registerOrder = async (ctx: ServiceContext, orderId: string, input: unknown) => {
  const user = requireRole(ctx, 'clerk')
  const request = parseInput(RegisterOrderInput, input ?? {}, 'Регистрация')
  return inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now()
    const order = await loadOrder(tx, user, orderId, { lock: true })
    if (!restoreOrderSnapshot(order).can({ type: 'REGISTER' })) {
      await applyOrderEvent(tx, order, { type: 'REGISTER' }, { at: now, why: 'Зарегистрировать можно только подписанный приказ' })
    }
    const today = calendarDate(now)
    const signedOn = calendarDate(order.signedAt ?? now)
    const wanted = request.date ?? today
    if (wanted < signedOn) throw new OrderError('backdated', `Дата регистрации ${russianDate(wanted)} раньше даты подписания ${russianDate(signedOn)}`, [{ path: 'date', message: 'раньше подписания' }])
    if (wanted > today) throw new OrderError('invalid_input', `Дата регистрации ${russianDate(wanted)} ещё не наступила`, [{ path: 'date', message: 'дата в будущем' }])
    const journal = await journalFor(tx, order, request.journalId)
    const { year, seq, litera, date } = await allocate(tx, journal, wanted, request.literaOf)
    const number = formatRegistrationNumber(journal.pattern, seq, Number(date.slice(0, 4)), litera)
    await insertRegistration(tx, { orderId, journalId: journal.id, year, seq, litera, number, date, registeredBy: user.id, createdAt: now })
    const { from, to } = await applyOrderEvent(tx, order, { type: 'REGISTER' }, { at: now, set: { number, date } })
    await recordEvent(tx, ctx, {
      organizationId: order.organizationId, orderId, action: 'registered', fromState: from, toState: to, at: now,
      data: { number, date, journalId: journal.id, literaOf: request.literaOf ?? null },
    })
    return { number, date }
  })
}
