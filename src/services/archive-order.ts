import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { ORDER_MACHINE_VERSION } from '../../workflows/order.machine'
import { GENESIS, insertAuditEvent } from '../db/audit'
import { findNumberHolder, findRegistrationJournal, reserveSeq } from '../db/journals'
import { findOrder, insertOrder, insertOrderVersion, saveSearchText } from '../db/orders'
import { insertRegistration } from '../db/registrations'
import { OrderContent, searchableText } from '../domain/content'
import { calendarDate, russianDate } from '../domain/dates'
import { OrderError } from '../domain/errors'
import { counterYear, parseRegistrationNumber, patternForYear } from '../domain/journal-pattern'
import { safeLine } from '../domain/text'
import { IsoDate, parseInput } from '../domain/validation'
import { authorize } from './access'
import { orderEvent } from './audit'
import { inTransaction, type ServiceContext } from './context'
import { createControlItems } from './create-control-items'
import { initialOrderSnapshot, stepOrder } from './lifecycle'
import type { Registration } from './register-order'
import { assertTemplateUsable } from './templates'

/**
 * An order of the department's archive: its content (as the import reads it, or typed), the number and date it
 * was registered with on paper, the journal it belongs to, and whether its points go on control now.
 */
export const ArchiveOrderInput = z
  .object({
    content: OrderContent,
    registration: z
      .object({ number: safeLine().trim().min(1).max(50), date: IsoDate })
      .strict()
      .meta({ description: 'the number and date the order was registered with (YYYY-MM-DD)' }),
    journalId: z.string().uuid().optional(),
    control: z.boolean().default(false),
  })
  .strict()
  .meta({ id: 'ArchiveOrder' })

/**
 * Stores an order of the archive as registered in a journal without taking a new number: the number is checked
 * against the journal's pattern and the year of its date, reserved (the journal's counter raised to it, so the
 * service's own registrations go on after the highest number taken, gap-free among themselves), refused with 409
 * naming the order that holds it, and the order marked imported: no signature claimed, its renderings say it is a
 * copy. One transaction: the counter's row lock queues it with registrations and other archive requests of the
 * journal and year, so of two requests for one number one stores it and the other gets the 409.
 */
export const archiveOrder = async (ctx: ServiceContext, input: unknown) => {
  const user = authorize(ctx, 'orders.archive')
  const { content, registration, journalId, control } = parseInput(ArchiveOrderInput, input, 'Приказ из архива')
  if (!user.organizationId) throw new OrderError('invalid_input', 'Пользователь не относится ни к одной организации')
  const organizationId = user.organizationId
  const { number, date } = registration
  const now = ctx.clock.now()
  if (date > calendarDate(now))
    throw new OrderError('invalid_input', `Дата регистрации ${russianDate(date)} ещё не наступила`, [
      { path: 'registration.date', message: 'дата в будущем' },
    ])
  return inTransaction(ctx, async (tx) => {
    const journal = await findRegistrationJournal(tx, organizationId, content.kind, journalId)
    if (!journal)
      throw new OrderError(
        'no_journal',
        journalId
          ? 'Журнал не найден среди журналов организации для этого вида документов'
          : 'В организации нет журнала регистрации для этого вида документов',
        [{ path: 'journalId', message: 'журнал не найден' }],
      )
    const calendarYear = Number(date.slice(0, 4))
    const parsed = parseRegistrationNumber(journal.pattern, number, calendarYear)
    if (!parsed)
      throw new OrderError(
        'invalid_input',
        `Номер «${number}» не из журнала «${journal.name}»: его номера за ${calendarYear} год пишутся как ` +
          `«${patternForYear(journal.pattern, calendarYear).replace('{n}', 'N')}» (N — порядковый номер, 226/1 — литерный)`,
        [{ path: 'registration.number', message: 'не соответствует шаблону журнала и году даты' }],
      )
    await assertTemplateUsable(tx, content, organizationId)
    const year = counterYear(journal.reset, date)
    // the counter first: its row lock orders this request after any other taking or reserving a number here
    await reserveSeq(tx, journal.id, year, parsed.seq, journal.start)
    const holder = await findNumberHolder(tx, journal.id, year, parsed.seq, parsed.litera)
    if (holder) {
      const held = await findOrder(tx, holder.orderId)
      throw new OrderError(
        'conflict',
        `Номер ${holder.number} журнала «${journal.name}» уже занят: приказ «${held?.title ?? ''}» от ` +
          `${russianDate(holder.date)} (${holder.orderId})`,
        { path: 'registration.number', orderId: holder.orderId, number: holder.number, date: holder.date },
      )
    }
    const id = randomUUID()
    // created as a draft and moved on at once by the machine's own event: registered, with no round and no signer
    const { snapshot } = stepOrder(
      { id, machineVersion: ORDER_MACHINE_VERSION, snapshot: initialOrderSnapshot() },
      { type: 'IMPORT_REGISTERED' },
    )
    const audit = orderEvent(
      ctx,
      { id, organizationId, auditHash: GENESIS },
      {
        action: 'imported_registered',
        toState: snapshot.value,
        data: { version: 1, title: content.title, number, date, journalId: journal.id, control, imported: true },
        at: now,
      },
    )
    const order = await insertOrder(tx, {
      id,
      organizationId,
      auditHash: audit.hash,
      kind: content.kind,
      title: content.title,
      version: 1,
      snapshot,
      machineVersion: ORDER_MACHINE_VERSION,
      number,
      date,
      imported: true,
      createdBy: user.id,
      createdAt: now,
      updatedAt: now,
    })
    const numbered: Registration = { orderId: id, journalId: journal.id, year, ...parsed, number, date }
    await Promise.all([
      insertOrderVersion(tx, { orderId: id, version: 1, content, createdBy: user.id, createdAt: now }),
      insertAuditEvent(tx, audit),
      saveSearchText(tx, { id, organizationId }, searchableText(content)),
      insertRegistration(tx, { ...numbered, registeredBy: user.id, createdAt: now }),
    ])
    const items = control ? (await createControlItems(tx, ctx, order, numbered)).items : 0
    return { id, status: snapshot.value, imported: true, number, date, journalId: journal.id, controlItems: items }
  })
}
