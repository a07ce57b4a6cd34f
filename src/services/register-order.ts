import { z } from 'zod'
import { findDefaultJournal, findJournal, lastLitera, lockMainRegistration } from '../db/journals'
import type { Db } from '../db/client'
import type { OrderRow } from '../db/orders'
import {
  NUMBER_PLACEHOLDER,
  readRegistrationCandidate,
  recordRegistration,
  registerWithNextNumber,
} from '../db/registrations'
import { calendarDate, isIsoDate, russianDate } from '../domain/dates'
import { OrderError } from '../domain/errors'
import { counterYear, formatRegistrationNumber, patternForYear, sequenceOf } from '../domain/journal-pattern'
import { safeText } from '../domain/text'
import { parseInput } from '../domain/validation'
import { assertSameOrganization, isUuid, loadOrder, requireRole, type UserActor } from './access'
import { orderEventFields } from './audit'
import { inTransaction, type ServiceContext } from './context'
import { prepareOrderEvent, stepOrder } from './lifecycle'

export const RegisterOrderInput = z
  .object({
    journalId: z.string().uuid().optional(),
    literaOf: safeText().trim().min(1).max(50).optional(),
    date: z.string().refine(isIsoDate, 'дата в виде YYYY-MM-DD').optional(),
  })
  .strict()
  .meta({ id: 'RegisterOrder' })
type RegisterOrderInput = z.infer<typeof RegisterOrderInput>

const NOT_SIGNED = 'Зарегистрировать можно только подписанный приказ'

const noJournal = (journalId?: string) =>
  new OrderError(
    'no_journal',
    journalId
      ? `Журнал ${journalId} не найден среди журналов организации для этого вида документов`
      : 'В организации нет журнала регистрации для этого вида документов',
  )

const notFound = (orderId: string) => new OrderError('not_found', `Приказ ${orderId} не найден`)

/** The registration date: today unless given; never before the day of the signature, never in the future. */
const registrationDate = (order: Pick<OrderRow, 'signedAt'>, wanted: string | undefined, now: Date) => {
  const today = calendarDate(now)
  const date = wanted ?? today
  const signedOn = calendarDate(order.signedAt ?? now)
  if (date < signedOn)
    throw new OrderError(
      'backdated',
      `Дата регистрации ${russianDate(date)} раньше даты подписания ${russianDate(signedOn)}`,
      [{ path: 'date', message: 'раньше подписания' }],
    )
  if (date > today)
    throw new OrderError('invalid_input', `Дата регистрации ${russianDate(date)} ещё не наступила`, [
      { path: 'date', message: 'дата в будущем' },
    ])
  return date
}

/**
 * The next number of the journal. Everything that can be refused is checked on the order as read;
 * then one statement locks the order (if it is still as read), takes the number and writes the
 * registration, the order and the audit event, so the journal's counter is held only while the
 * database runs it. An order changed in between is read again.
 */
const registerWithNext = async (ctx: ServiceContext, user: UserActor, orderId: string, request: RegisterOrderInput) => {
  for (let attempt = 0; attempt < 5; attempt++) {
    const now = ctx.clock.now()
    const order = isUuid(orderId) ? await readRegistrationCandidate(ctx.db, orderId, request.journalId) : undefined
    if (!order) throw notFound(orderId)
    assertSameOrganization(user, order.organizationId)
    const { from, to, snapshot } = stepOrder(order, { type: 'REGISTER' }, NOT_SIGNED)
    const date = registrationDate(order, request.date, now)
    const journal = order.journal
    if (!journal) throw noJournal(request.journalId)
    const year = Number(date.slice(0, 4))
    const event = orderEventFields(ctx, order, {
      action: 'registered',
      fromState: from,
      toState: to,
      at: now,
      data: { number: NUMBER_PLACEHOLDER, date, journalId: journal.id, literaOf: null },
    })
    const done = await registerWithNextNumber(ctx.db, {
      orderId,
      expectedAuditHash: order.auditHash,
      journalId: journal.id,
      counterYear: counterYear(journal.reset, date),
      start: journal.start,
      numberPattern: patternForYear(journal.pattern, year),
      date,
      registeredBy: user.id,
      at: now,
      order: { status: to, snapshot },
      event,
    })
    if (done) return { number: done.number, date }
  }
  throw new OrderError('conflict', 'Приказ изменялся во время регистрации: повторите')
}

/** The next litera of an earlier number (226 → 226/1, 226/2), dated like that number. */
const registerLitera = (
  ctx: ServiceContext,
  user: UserActor,
  orderId: string,
  request: RegisterOrderInput & { literaOf: string },
) =>
  inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now()
    const order = await loadOrder(tx, user, orderId, { lock: true })
    stepOrder(order, { type: 'REGISTER' }, NOT_SIGNED)
    const wanted = registrationDate(order, request.date, now)
    const journal = await literaJournal(tx, order, request.journalId)
    const seq = sequenceOf(journal.pattern, request.literaOf)
    if (seq === undefined)
      throw new OrderError('invalid_input', `«${request.literaOf}» не похоже на номер журнала «${journal.name}»`, [
        { path: 'literaOf', message: 'неверный номер' },
      ])
    const main = await lockMainRegistration(
      tx,
      journal.id,
      journal.reset === 'yearly' ? counterYear('yearly', wanted) : undefined,
      seq,
    )
    if (!main)
      throw new OrderError('invalid_input', `В журнале «${journal.name}» нет номера ${request.literaOf}`, [
        { path: 'literaOf', message: 'номер не найден' },
      ])
    const litera = (await lastLitera(tx, journal.id, main.year, seq)) + 1
    const date = main.date
    const number = formatRegistrationNumber(journal.pattern, seq, Number(date.slice(0, 4)), litera)
    const { to, snapshot, audit } = prepareOrderEvent(
      ctx,
      order,
      { type: 'REGISTER' },
      {
        at: now,
        action: 'registered',
        data: { number, date, journalId: journal.id, literaOf: request.literaOf },
      },
    )
    await recordRegistration(
      tx,
      {
        orderId,
        journalId: journal.id,
        year: main.year,
        seq,
        litera,
        number,
        date,
        registeredBy: user.id,
        createdAt: now,
      },
      { status: to, snapshot, auditHash: audit.hash, updatedAt: now },
      audit,
    )
    return { number, date }
  })

const literaJournal = async (tx: Db, order: OrderRow, journalId?: string) => {
  const journal = journalId
    ? await findJournal(tx, journalId)
    : await findDefaultJournal(tx, order.organizationId, order.kind)
  if (!journal || journal.organizationId !== order.organizationId || journal.kind !== order.kind)
    throw noJournal(journalId)
  return journal
}

/**
 * Registers a signed order: the next number of its journal, or a litera number dated like the
 * number it follows. Either way numbers are taken in the same transaction as the state change,
 * so they never skip and never repeat.
 */
export const registerOrder = async (ctx: ServiceContext, orderId: string, input: unknown) => {
  const user = requireRole(ctx, 'clerk')
  const request = parseInput(RegisterOrderInput, input ?? {}, 'Регистрация')
  return request.literaOf
    ? registerLitera(ctx, user, orderId, { ...request, literaOf: request.literaOf })
    : registerWithNext(ctx, user, orderId, request)
}
