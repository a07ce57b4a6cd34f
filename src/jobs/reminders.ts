import { ORGANIZATION_TIME_ZONE } from '../domain/dates'
import PgBoss from 'pg-boss'
import type { ServiceDeps } from '../services/context'
import { startLoop } from './loops'
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
 * same in the one process. Returns how to stop it and its readiness check: the timer alive and no run stuck,
 * or pg-boss answering from its own connection with the queue in place.
 */
export const startReminders = async ({
  deps,
  mailer,
  databaseUrl,
  cron = '0 8 * * *',
  log = console.error,
}: ReminderOptions): Promise<{ stop: () => Promise<void>; check: () => Promise<unknown> }> => {
  const run = async () => {
    const { failed } = await sendDueReminders(deps, mailer)
    for (const f of failed) log(`reminder to ${f.to} not sent; tried again on the next run`, f.error)
  }
  if (!databaseUrl) {
    const loop = startLoop({ name: 'reminders', periodMs: HOUR, work: run, onError: (e) => log('reminders failed', e) })
    void loop.runNow()
    return { stop: async () => loop.stop(), check: loop.check }
  }
  const boss = new PgBoss(databaseUrl)
  let stopped = false
  boss.on('error', (e: unknown) => log('pg-boss', e))
  boss.on('stopped', () => {
    stopped = true
  })
  await boss.start()
  await boss.createQueue(QUEUE)
  await boss.schedule(QUEUE, cron, {}, { tz: ORGANIZATION_TIME_ZONE })
  await boss.work(QUEUE, { pollingIntervalSeconds: 2 }, async () => {
    await run()
  })
  await boss.send(QUEUE, {}, { singletonKey: controlToday(deps).today })
  return {
    stop: async () => {
      await boss.stop({ graceful: false, wait: true })
    },
    check: async () => {
      if (stopped) throw new Error('reminders: pg-boss stopped')
      // its own pool, its own schema: a query of pg-boss, not of the service's pool
      if (!(await boss.getQueue(QUEUE))) throw new Error(`reminders: the pg-boss queue ${QUEUE} is missing`)
      return { queue: QUEUE }
    },
  }
}
