import { claimOutbox, markOutboxSent, releaseOutbox } from '../db/outbox'
import type { ServiceDeps } from '../services/context'
import { openLetter } from '../services/mail-outbox'
import type { Mailer } from '../services/send-reminders'

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

/** after a use case committed: its letters go now; whatever fails waits for the timer, the answer does not */
export const deliverAfterCommit = async (deps: Pick<ServiceDeps, 'db' | 'keys' | 'clock' | 'mailer'>) => {
  if (!deps.mailer) return
  await deliverOutbox(deps, deps.mailer).catch((e) =>
    console.error('mail delivery failed:', e instanceof Error ? e.message : e),
  )
}
