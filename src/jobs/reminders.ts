import PgBoss from 'pg-boss'
import type { ServiceDeps } from '../services/context'
import { controlToday } from '../services/control-view'
import { type Mailer, sendDueReminders } from '../services/send-reminders'

const QUEUE = 'control-reminders'
const HOUR = 3_600_000

export type ReminderOptions = {
  deps: ServiceDeps
  mailer: Mailer
  /** PostgreSQL: the queue lives there and every instance works it; absent: a timer in this process */
  databaseUrl?: string
  /** when the daily run starts (cron, organization time); the first run also happens at start */
  cron?: string
  log?: (msg: string, err?: unknown) => void
}

/**
 * The daily reminders. On PostgreSQL a pg-boss queue: the schedule (and each instance at start)
 * enqueues the day's run once (a singleton key per day), any one instance works it; the reminders
 * table makes each letter once even if two runs overlap. On the embedded database a timer does the
 * same in the one process. Returns a function that stops it.
 */
export const startReminders = async ({
  deps,
  mailer,
  databaseUrl,
  cron = '0 8 * * *',
  log = console.error,
}: ReminderOptions): Promise<() => Promise<void>> => {
  const run = async () => {
    const { failed } = await sendDueReminders(deps, mailer)
    for (const f of failed) log(`reminder to ${f.to} not sent; tried again on the next run`, f.error)
  }
  if (!databaseUrl) {
    const tick = () => run().catch((e) => log('reminders failed', e))
    void tick()
    const timer = setInterval(tick, HOUR)
    return async () => clearInterval(timer)
  }
  const boss = new PgBoss(databaseUrl)
  boss.on('error', (e: unknown) => log('pg-boss', e))
  await boss.start()
  await boss.createQueue(QUEUE)
  await boss.schedule(QUEUE, cron, {}, { tz: 'Europe/Moscow' })
  await boss.work(QUEUE, { pollingIntervalSeconds: 2 }, async () => {
    await run()
  })
  await boss.send(QUEUE, {}, { singletonKey: controlToday(deps).today })
  return async () => {
    await boss.stop({ graceful: false, wait: true })
  }
}
