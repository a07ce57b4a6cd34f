import { describe, expect, it } from 'vitest'
import { startLoop } from '../../src/jobs/loops'

/** A loop on a clock the test moves; its own timer (an hour) never fires during a test. */
const loopWith = (work: () => Promise<unknown>, errors: unknown[] = []) => {
  const clock = { t: 1_000_000 }
  const loop = startLoop({
    name: 'sealing',
    periodMs: 3_600_000,
    maxRunMs: 600_000,
    work,
    onError: (e) => errors.push(e),
    now: () => clock.t,
  })
  return { loop, clock }
}

describe('a background loop', () => {
  it('is alive when started and after each run, with the time of its last run', async () => {
    const { loop, clock } = loopWith(async () => {})
    expect(await loop.check()).toEqual({ lastRunAt: null, lastError: null, running: false })
    clock.t += 5000
    await loop.runNow()
    expect(await loop.check()).toEqual({
      lastRunAt: new Date(clock.t).toISOString(),
      lastError: null,
      running: false,
    })
    loop.stop()
  })

  it('runs one at a time, and a run going on past its limit makes it not alive until it ends', async () => {
    let calls = 0
    let release = () => {}
    const { loop, clock } = loopWith(() => {
      calls++
      return new Promise<void>((r) => {
        release = r
      })
    })
    const first = loop.runNow()
    const second = loop.runNow()
    expect(calls).toBe(1)
    expect((await loop.check()).running).toBe(true)
    clock.t += 600_000
    expect((await loop.check()).running).toBe(true) // at the limit, not past it
    clock.t += 1
    await expect(loop.check()).rejects.toThrow('sealing: one run has gone on for 600 s')
    release()
    await Promise.all([first, second])
    expect(await loop.check()).toMatchObject({ running: false, lastError: null })
    loop.stop()
  })

  it('is not alive when no run started for two periods and a minute (a lost timer)', async () => {
    const { loop, clock } = loopWith(async () => {})
    await loop.runNow()
    clock.t += 2 * 3_600_000 + 60_000
    expect((await loop.check()).running).toBe(false)
    clock.t += 1
    await expect(loop.check()).rejects.toThrow('sealing: no run for 7260 s (every 3600 s)')
    await loop.runNow()
    expect((await loop.check()).running).toBe(false)
    loop.stop()
  })

  it('counts a failed run as a run: alive, the failure kept and handed on, the next run clears it', async () => {
    const errors: unknown[] = []
    let fail = true
    const { loop } = loopWith(async () => {
      if (fail) throw new Error('2 registered orders could not be sealed')
    }, errors)
    await loop.runNow()
    expect(await loop.check()).toMatchObject({ lastError: '2 registered orders could not be sealed' })
    expect(errors).toHaveLength(1)
    fail = false
    await loop.runNow()
    expect(await loop.check()).toMatchObject({ lastError: null })
    loop.stop()
  })

  it('is not alive once stopped', async () => {
    const { loop } = loopWith(async () => {})
    loop.stop()
    await expect(loop.check()).rejects.toThrow('sealing: stopped')
  })
})
