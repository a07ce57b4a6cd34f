import { monitorEventLoopDelay } from 'node:perf_hooks'

export type ProcessMetrics = {
  rssMb: number
  heapUsedMb: number
  heapTotalMb: number
  externalMb: number
  /** the event loop's delay over the period: what a request waited before the process could look at it */
  eventLoopDelayP99Ms: number
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10

/**
 * Every `periodMs`, one line of what the process holds (RSS, V8 heap) and how late its event loop ran: the
 * figures an operator watches for a leak or a blocked loop, and what the memory benchmark reads. The timer
 * keeps no process alive.
 */
export const startProcessMetrics = (periodMs: number, write: (metrics: ProcessMetrics) => void) => {
  if (periodMs <= 0) return () => {}
  const delay = monitorEventLoopDelay({ resolution: 10 })
  delay.enable()
  const timer = setInterval(() => {
    const memory = process.memoryUsage()
    write({
      rssMb: mb(memory.rss),
      heapUsedMb: mb(memory.heapUsed),
      heapTotalMb: mb(memory.heapTotal),
      externalMb: mb(memory.external + memory.arrayBuffers),
      eventLoopDelayP99Ms: Math.round(delay.percentile(99) / 1e5) / 10,
    })
    delay.reset()
  }, periodMs)
  timer.unref()
  return () => {
    clearInterval(timer)
    delay.disable()
  }
}
