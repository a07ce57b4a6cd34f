import { claimOutbox, markOutboxSent, releaseOutbox } from '../db/outbox'
import type { ServiceDeps } from './context'
import { openLetter } from './mail-outbox'
import type { Mailer } from './send-reminders'

// a claim older than this belongs to a sender that died mid-send: the letter is tried again
const STALE_CLAIM_MS = 5 * 60_000

/**
 * Delivers the letters of the outbox that are not sent yet: each is claimed (so a concurrent run skips it),
 * sent, and marked sent; a failure releases it for the next run (the 30-second timer in main.ts). Returns the counts.
 */
export const deliverOutbox = async (deps: Pick<ServiceDeps, 'db' | 'keys' | 'clock'>, mailer: Mailer) => {
  const now = deps.clock.now()
  const claimed = await claimOutbox(deps.db, now, new Date(now.getTime() - STALE_CLAIM_MS))
  let sent = 0
  const failed: string[] = []
  for (const row of claimed) {
    try {
      // the row's id is the letter's Message-ID: resent after a crash, it is the same message
      await mailer.send({ ...openLetter(deps, row.sealed), id: `outbox.${row.id}` })
      await markOutboxSent(deps.db, row.id, deps.clock.now())
      sent++
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e)
      failed.push(why)
      await releaseOutbox(deps.db, row.id, why)
    }
  }
  return { sent, failed }
}

type Deliveries = { running: Promise<void>; again: boolean }

/** The background delivery of each mailer: one run at a time, and one more when letters came during it. */
const deliveries = new WeakMap<Mailer, Deliveries>()

/**
 * After a use case committed: its letters go now, in the background: the answer never waits for the SMTP
 * server (a slow or unreachable one delays the letters, not the person who decided). What fails waits for
 * the timer (main.ts). Letters committed while a run is sending are taken by one more run right after it.
 */
export const deliverAfterCommit = (deps: Pick<ServiceDeps, 'db' | 'keys' | 'clock' | 'mailer'>): void => {
  const mailer = deps.mailer
  if (!mailer) return
  const under = deliveries.get(mailer)
  if (under) {
    under.again = true
    return
  }
  const state: Deliveries = { running: Promise.resolve(), again: true }
  deliveries.set(mailer, state)
  state.running = (async () => {
    while (state.again) {
      state.again = false
      await deliverOutbox(deps, mailer).catch((e) =>
        console.error('mail delivery failed:', e instanceof Error ? e.message : e),
      )
    }
    deliveries.delete(mailer)
  })()
}

/** Resolves when the mailer's background deliveries started so far are over (tests; a stop that lets them end). */
export const deliveriesSettled = async (mailer: Mailer) => {
  for (let under = deliveries.get(mailer); under; under = deliveries.get(mailer)) await under.running
}
