import { claimReminders, controllersOf, itemsForSummary, itemsToRemind, markRemindersSent } from '../db/reminders'
import { createHash } from 'node:crypto'
import { russianDate } from '../domain/dates'
import { type Clock, inTransaction, type ServiceDeps } from './context'
import { controlToday } from './control-view'

/**
 * `id`: the letter's own identity, sent as its Message-ID. A letter sent again (the SMTP server accepted it, the
 * sender died before recording that) carries the same one, so mail systems and readers see one message.
 */
export type Mail = { to: string; subject: string; text: string; id?: string }
export type Mailer = { send: (mail: Mail) => Promise<void> }

type Line = {
  label: string
  due: string | null
  orderNumber: string | null
  text?: string
  responsible?: string | null
}

const describe = (today: string, i: Line) => {
  const when = i.due && i.due < today ? `просрочено, срок был ${russianDate(i.due)}` : `срок ${russianDate(i.due!)}`
  const who = i.responsible ? `; ${i.responsible}` : ''
  return `— приказ № ${i.orderNumber ?? '—'}, ${i.label}${i.text ? `: ${i.text}` : ''} (${when}${who})`
}

/** one reminder letter per recipient, kind and day: its Message-ID says which, the same on every attempt */
const reminderId = (kind: 'executor' | 'summary', recipient: string, day: string) =>
  `reminder.${kind}.${day}.${createHash('sha256').update(recipient.toLowerCase()).digest('hex').slice(0, 24)}`

const groupBy = <T>(xs: readonly T[], key: (x: T) => string) => {
  const m = new Map<string, T[]>()
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x])
  return m
}

/**
 * Today's reminders: each executor with an e-mail gets one letter listing their items due soon and
 * overdue, each controller one summary of their organization. Every reminder is claimed in the
 * database before the letter goes (unique per item and day, per controller and day) and the claim
 * commits only after the letter is accepted by the server: with several instances, or run again the
 * same day, nothing goes twice; a letter that fails is tried again on the next run.
 */
export const sendDueReminders = async (
  deps: Pick<ServiceDeps, 'db' | 'dueSoonDays'> & { clock: Clock },
  mailer: Mailer,
) => {
  const { today, dueSoonLimit } = controlToday(deps)
  let sent = 0
  const failed: { to: string; error: unknown }[] = []
  // one letter failing (a refused address) does not stop the others; its claim rolls back with it
  const letter = (to: string, work: (tx: Parameters<Parameters<typeof inTransaction>[1]>[0]) => Promise<void>) =>
    inTransaction(deps, work).catch((error: unknown) => {
      failed.push({ to, error })
    })
  const items = await itemsToRemind(deps.db, dueSoonLimit)
  for (const [email, mine] of groupBy(items, (i) => i.email!.toLowerCase())) {
    await letter(email, async (tx) => {
      const claimed = await claimReminders(
        tx,
        mine.map((i) => ({
          organizationId: i.organizationId,
          kind: 'executor',
          itemId: i.id,
          recipient: email,
          day: today,
        })),
      )
      if (!claimed.length) return
      const ids = new Set(claimed.map((c) => c.itemId))
      const lines = mine.filter((i) => ids.has(i.id)).map((i) => describe(today, i))
      await mailer.send({
        id: reminderId('executor', email, today),
        to: email,
        subject: `Контроль исполнения: поручений с наступающим или истёкшим сроком — ${lines.length}`,
        text: `${mine[0]!.executor}, на ${russianDate(today)} на вашем исполнении:\n\n${lines.join('\n')}\n`,
      })
      await markRemindersSent(
        tx,
        claimed.map((c) => c.id),
        deps.clock.now(),
      )
      sent += claimed.length
    })
  }
  const summary = await itemsForSummary(deps.db, dueSoonLimit)
  const byOrganization = groupBy(summary, (i) => i.organizationId)
  for (const controller of await controllersOf(deps.db, [...byOrganization.keys()])) {
    const list = byOrganization.get(controller.organizationId!) ?? []
    await letter(controller.email, async (tx) => {
      const [claim] = await claimReminders(tx, [
        {
          organizationId: controller.organizationId!,
          kind: 'summary',
          recipient: controller.email.toLowerCase(),
          day: today,
        },
      ])
      if (!claim) return
      const overdue = list.filter((i) => i.due! < today).length
      await mailer.send({
        id: reminderId('summary', controller.email, today),
        to: controller.email,
        subject: `Контроль исполнения на ${russianDate(today)}: просрочено ${overdue}, срок наступает ${list.length - overdue}`,
        text: `${list.map((i) => describe(today, i)).join('\n')}\n`,
      })
      await markRemindersSent(tx, [claim.id], deps.clock.now())
      sent += 1
    })
  }
  return { day: today, sent, failed }
}
