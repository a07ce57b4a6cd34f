/**
 * Background work repeated on a timer (the sealing sweep, the outbox, the reminders without PostgreSQL),
 * one run at a time, with what readiness needs to know of it: whether the timer still fires and whether a
 * run is stuck. A run that fails is logged and counts as finished: the next one tries again.
 */
export type Loop = {
  /** runs the work now (unless a run is under way, which it then waits for) */
  runNow: () => Promise<void>
  /** throws why the loop is not alive: stopped, a run going on past `maxRunMs`, or no run for two periods */
  check: () => Promise<{ lastRunAt: string | null; lastError: string | null; running: boolean }>
  stop: () => void
}

export type LoopOptions = {
  name: string
  periodMs: number
  work: () => Promise<unknown>
  /** longer than this, a run is stuck (15 minutes unless set) */
  maxRunMs?: number
  onError?: (e: unknown) => void
  /** the clock readiness reads; tests move it */
  now?: () => number
}

export const startLoop = ({
  name,
  periodMs,
  work,
  maxRunMs = 15 * 60_000,
  onError = () => {},
  now = Date.now,
}: LoopOptions): Loop => {
  const started = now()
  let lastFinished: number | undefined
  let lastError: string | null = null
  let running: { since: number; done: Promise<void> } | undefined
  let stopped = false

  const runNow = () => {
    if (running) return running.done
    const since = now()
    const done = (async () => {
      try {
        await work()
        lastError = null
      } catch (e) {
        lastError = e instanceof Error ? e.message : String(e)
        onError(e)
      } finally {
        lastFinished = now()
        running = undefined
      }
    })()
    running = { since, done }
    return done
  }
  const timer = setInterval(() => void runNow(), periodMs)
  timer.unref()

  const check: Loop['check'] = async () => {
    const at = now()
    if (stopped) throw new Error(`${name}: stopped`)
    if (running && at - running.since > maxRunMs)
      throw new Error(`${name}: one run has gone on for ${Math.round((at - running.since) / 1000)} s`)
    // the timer fires every period: none finished nor started for two periods and a minute means it is lost
    // (or the event loop is blocked)
    const last = Math.max(lastFinished ?? started, running?.since ?? 0)
    if (at - last > 2 * periodMs + 60_000)
      throw new Error(`${name}: no run for ${Math.round((at - last) / 1000)} s (every ${periodMs / 1000} s)`)
    return {
      lastRunAt: lastFinished === undefined ? null : new Date(lastFinished).toISOString(),
      lastError,
      running: !!running,
    }
  }

  return {
    runNow,
    check,
    stop: () => {
      stopped = true
      clearInterval(timer)
    },
  }
}
