import { z } from 'zod'
import { findDefaultJournal, findJournal, lastLitera, lockMainRegistration } from '../db/journals'
import type { Db } from '../db/client'
import type { OrderRow } from '../db/orders'
import { lockOrderAndTakeNumber, recordRegistration, type JournalSlot } from '../db/registrations'
import { calendarDate, isIsoDate, russianDate } from '../domain/dates'
import { OrderError } from '../domain/errors'
import { counterYear, formatRegistrationNumber, sequenceOf } from '../domain/journal-pattern'
import { parseInput } from '../domain/validation'
import { assertSameOrganization, isUuid, loadOrder, requireRole } from './access'
import { inTransaction, type ServiceContext } from './context'
import { prepareOrderEvent, stepOrder } from './lifecycle'

export const RegisterOrderInput = z
  .object({
    journalId: z.string().uuid().optional(),
    literaOf: z.string().trim().min(1).max(50).optional(),
    date: z.string().refine(isIsoDate, 'дата в виде YYYY-MM-DD').optional(),
  })
  .strict()
  .meta({ id: 'RegisterOrder' })

const noJournal = (journalId?: string) =>
  new OrderError('no_journal', journalId
    ? `Журнал ${journalId} не найден среди журналов организации для этого вида документов`
    : 'В организации нет журнала регистрации для этого вида документов')

type Slot = JournalSlot & { litera: number; date: string }

/** The next litera of an earlier number (226 → 226/1, 226/2), dated like that number. */
const takeLitera = async (tx: Db, order: Pick<OrderRow, 'organizationId' | 'kind'>, literaOf: string, date: string, journalId?: string): Promise<Slot> => {
  const journal = journalId ? await findJournal(tx, journalId) : await findDefaultJournal(tx, order.organizationId, order.kind)
  if (!journal || journal.organizationId !== order.organizationId || journal.kind !== order.kind) throw noJournal(journalId)
  const seq = sequenceOf(journal.pattern, literaOf)
  if (seq === undefined) throw new OrderError('invalid_input', `«${literaOf}» не похоже на номер журнала «${journal.name}»`, [{ path: 'literaOf', message: 'неверный номер' }])
  const main = await lockMainRegistration(tx, journal.id, journal.reset === 'yearly' ? counterYear('yearly', date) : undefined, seq)
  if (!main) throw new OrderError('invalid_input', `В журнале «${journal.name}» нет номера ${literaOf}`, [{ path: 'literaOf', message: 'номер не найден' }])
  const litera = (await lastLitera(tx, journal.id, main.year, seq)) + 1
  return { journalId: journal.id, name: journal.name, pattern: journal.pattern, year: main.year, seq, litera, date: main.date }
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
    const today = calendarDate(now)
    const wanted = request.date ?? today
    // the common case in one statement: the order locked and the journal's next number taken;
    // everything refused below rolls back and gives the number back
    const locked = request.literaOf
      ? { order: await loadOrder(tx, user, orderId, { lock: true }), slot: undefined }
      : isUuid(orderId) ? await lockOrderAndTakeNumber(tx, { orderId, journalId: request.journalId, year: Number(wanted.slice(0, 4)) }) : undefined
    if (!locked) throw new OrderError('not_found', `Приказ ${orderId} не найден`)
    const { order } = locked
    assertSameOrganization(user, order.organizationId)
    stepOrder(order, { type: 'REGISTER' }, 'Зарегистрировать можно только подписанный приказ')
    const signedOn = calendarDate(order.signedAt ?? now)
    if (wanted < signedOn) throw new OrderError('backdated', `Дата регистрации ${russianDate(wanted)} раньше даты подписания ${russianDate(signedOn)}`, [{ path: 'date', message: 'раньше подписания' }])
    if (wanted > today) throw new OrderError('invalid_input', `Дата регистрации ${russianDate(wanted)} ещё не наступила`, [{ path: 'date', message: 'дата в будущем' }])
    let slot: Slot
    if (request.literaOf) slot = await takeLitera(tx, order, request.literaOf, wanted, request.journalId)
    else if (locked.slot) slot = { ...locked.slot, litera: 0, date: wanted }
    else throw noJournal(request.journalId)
    const { journalId, year, seq, litera, date } = slot
    const number = formatRegistrationNumber(slot.pattern, seq, Number(date.slice(0, 4)), litera)
    const { to, snapshot, audit } = prepareOrderEvent(ctx, order, { type: 'REGISTER' }, {
      at: now, action: 'registered', data: { number, date, journalId, literaOf: request.literaOf ?? null },
    })
    await recordRegistration(
      tx,
      { orderId, journalId, year, seq, litera, number, date, registeredBy: user.id, createdAt: now },
      { status: to, snapshot, auditHash: audit.hash, updatedAt: now },
      audit,
    )
    return { number, date }
  })
}
