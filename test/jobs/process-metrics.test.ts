import { describe, expect, it } from 'vitest'
import { type ProcessMetrics, startProcessMetrics } from '../../src/jobs/process-metrics'

describe('startProcessMetrics', () => {
  it('writes the memory and the event loop’s delay every period, and nothing once stopped', async () => {
    const lines: ProcessMetrics[] = []
    const stop = startProcessMetrics(50, (m) => lines.push(m))
    // the loop blocked for 120 ms: the next line's delay shows it
    await new Promise((r) => setTimeout(r, 60))
    const until = Date.now() + 120
    while (Date.now() < until) {}
    await new Promise((r) => setTimeout(r, 120))
    stop()
    const seen = lines.length
    expect(seen).toBeGreaterThanOrEqual(2)
    const rss = process.memoryUsage().rss / 1024 / 1024
    for (const m of lines) {
      expect(m.rssMb).toBeGreaterThan(rss / 2)
      expect(m.rssMb).toBeLessThan(rss * 2)
      expect(m.heapUsedMb).toBeGreaterThan(0)
      expect(m.heapUsedMb).toBeLessThanOrEqual(m.heapTotalMb)
    }
    expect(Math.max(...lines.map((m) => m.eventLoopDelayP99Ms))).toBeGreaterThanOrEqual(100)
    await new Promise((r) => setTimeout(r, 120))
    expect(lines.length).toBe(seen)
  })

  it('a period of 0 writes nothing', async () => {
    const lines: ProcessMetrics[] = []
    const stop = startProcessMetrics(0, (m) => lines.push(m))
    await new Promise((r) => setTimeout(r, 50))
    stop()
    expect(lines).toEqual([])
  })
})
