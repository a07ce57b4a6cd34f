import { z } from 'zod'
import type { Db } from '../db/client'
import { findRegistrationJournal, lastLitera, lockMainRegistration, takeNextSeq, type JournalRow } from '../db/journals'
import type { OrderRow } from '../db/orders'
import { recordRegistration } from '../db/registrations'
import { calendarDate, russianDate } from '../domain/dates'
import { OrderError } from '../domain/errors'
import { counterYear, formatRegistrationNumber, sequenceOf } from '../domain/journal-pattern'
import { safeLine } from '../domain/text'
import { IsoDate, parseInput } from '../domain/validation'
import { authorize, loadOrder } from './access'
import { orderEvent } from './audit'
import { inTransaction, type ServiceContext } from './context'
import { createControlItems } from './create-control-items'
import { stepOrder } from './lifecycle'
import { sealOrder } from './seal-order'

export const RegisterOrderInput = z
  .object({
    journalId: z.string().uuid().optional(),
    literaOf: safeLine().trim().min(1).max(50).optional(),
    date: IsoDate.optional(),
    // the number the clerk confirmed (the preview showed it): another number is refused, nothing taken
    expectedNumber: safeLine().trim().min(1).max(100).optional(),
  })
  .strict()
  .meta({ id: 'RegisterOrder' })
type RegisterOrderInput = z.infer<typeof RegisterOrderInput>

/** What a registration wrote: its number in the journal, as the steps after it see it. */
export type Registration = {
  orderId: string
  journalId: string
  year: number // counter bucket: the registration year, or 0 for a journal that never resets
  seq: number
  litera: number // 0 for a main number, k for seq/k
  number: string
  date: string // YYYY-MM-DD
}

/**
 * Work that belongs to the registration's transaction: it runs after the number is written and
 * before the commit, with the order's row lock and the journal's counter held, and a throw rolls
 * the number back. The execution control (control items of the order's points) and the signature
 * (the seal job) add their steps to `afterRegistration` below.
 */
export type AfterRegistration = (
  tx: Db,
  ctx: ServiceContext,
  order: OrderRow,
  registration: Registration,
) => Promise<void>

const afterRegistration: AfterRegistration[] = [
  // the order's points and roadmap rows go on execution control with the number
  async function createControlItemsStep(tx, ctx, order, registration) {
    await createControlItems(tx, ctx, order, registration)
  },
]

export const NOT_SIGNED = 'Зарегистрировать можно только подписанный приказ'

/** The registration date: today unless given; never before the day of the signature, never in the future. */
export const registrationDate = (order: Pick<OrderRow, 'signedAt'>, wanted: string | undefined, now: Date) => {
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

export const registrationJournal = async (tx: Db, order: OrderRow, journalId?: string) => {
  const journal = await findRegistrationJournal(tx, order.organizationId, order.kind, journalId)
  if (!journal)
    throw new OrderError(
      'no_journal',
      journalId
        ? 'Журнал не найден среди журналов организации для этого вида документов'
        : 'В организации нет журнала регистрации для этого вида документов',
    )
  return journal
}

type Numbered = Pick<Registration, 'year' | 'seq' | 'litera' | 'date'>

/** The journal's next number, dated `date`: the counter is the last thing taken before the writes. */
const nextNumber = async (tx: Db, journal: JournalRow, date: string): Promise<Numbered> => {
  const year = counterYear(journal.reset, date)
  return { year, seq: await takeNextSeq(tx, journal.id, year, journal.start), litera: 0, date }
}

/**
 * The next litera of an earlier number (226 → 226/1, 226/2), dated like that number. Registration reads the
 * main number locked (`lockMainRegistration`), a preview without a lock (`findMainRegistration`).
 */
export const literaNumber = async (
  tx: Db,
  journal: JournalRow,
  literaOf: string,
  date: string,
  findMain: typeof lockMainRegistration = lockMainRegistration,
): Promise<Numbered> => {
  const seq = sequenceOf(journal.pattern, literaOf)
  if (seq === undefined)
    throw new OrderError('invalid_input', `«${literaOf}» не похоже на номер журнала «${journal.name}»`, [
      { path: 'literaOf', message: 'неверный номер' },
    ])
  const year = journal.reset === 'yearly' ? counterYear('yearly', date) : undefined
  const main = await findMain(tx, journal.id, year, seq)
  if (!main)
    throw new OrderError('invalid_input', `В журнале «${journal.name}» нет номера ${literaOf}`, [
      { path: 'literaOf', message: 'номер не найден' },
    ])
  return { year: main.year, seq, litera: (await lastLitera(tx, journal.id, main.year, seq)) + 1, date: main.date }
}

/**
 * Registers a signed order, one transaction: the order read and locked, the machine stepped, the
 * date and journal checked, then the number taken (the journal's next, or a litera number dated
 * like the number it follows), formatted, and written with the order and its audit event; then the
 * steps that belong to a registration. Numbers never skip and never repeat: a failure anywhere
 * gives the number back with the rollback.
 */
export const registerOrder = async (ctx: ServiceContext, orderId: string, input: unknown) => {
  const user = authorize(ctx, 'orders.register')
  const request: RegisterOrderInput = parseInput(RegisterOrderInput, input ?? {}, 'Регистрация')
  const registered = await inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now()
    const order = await loadOrder(tx, user, orderId, { lock: true })
    const { from, to, snapshot } = stepOrder(order, { type: 'REGISTER' }, NOT_SIGNED)
    const wanted = registrationDate(order, request.date, now)
    const journal = await registrationJournal(tx, order, request.journalId)
    const { year, seq, litera, date } = request.literaOf
      ? await literaNumber(tx, journal, request.literaOf, wanted)
      : await nextNumber(tx, journal, wanted)
    const number = formatRegistrationNumber(journal.pattern, seq, Number(date.slice(0, 4)), litera)
    if (request.expectedNumber && request.expectedNumber !== number)
      throw new OrderError(
        'number_changed',
        `Номер изменился: вы подтверждали № ${request.expectedNumber}, а следующий номер теперь № ${number}. Приказ не зарегистрирован`,
        [{ path: 'expectedNumber', message: `следующий номер: ${number}` }],
      )
    const registration: Registration = { orderId: order.id, journalId: journal.id, year, seq, litera, number, date }
    const audit = orderEvent(ctx, order, {
      action: 'registered',
      fromState: from,
      toState: to,
      at: now,
      data: { number, date, journalId: journal.id, literaOf: request.literaOf ?? null },
    })
    await recordRegistration(
      tx,
      { ...registration, registeredBy: user.id, createdAt: now },
      { snapshot, auditHash: audit.hash, updatedAt: now },
      audit,
    )
    for (const step of afterRegistration) await step(tx, ctx, order, registration)
    return { id: order.id, number, date }
  })
  // sealed in a transaction of its own once the number is committed, so the journal's counter is not held
  // while signing; if it fails the order stays registered and the sweeper (sealPending) seals it later
  ctx.afterRegistrationCommit?.()
  const sealed = await sealOrder(ctx, registered.id).then(Boolean, () => false)
  return { number: registered.number, date: registered.date, sealed }
}
