import { isMigrated } from '../db/migrate'
import { countUsers } from '../db/users'
import { unavailableOf, type ServiceDeps } from './context'

/** What a failed check says: the refusal's words for a database that does not answer, never the query it ran. */
const reasonOf = (e: unknown) => unavailableOf(e)?.message ?? (e instanceof Error ? e.message : String(e))

/** Up: {status:"ok",database}; the answer of `GET /api/health`, kept as it was before readiness. */
export const checkHealth = async (deps: ServiceDeps) => {
  const started = performance.now()
  try {
    await countUsers(deps.db)
    return { status: 'ok' as const, database: { reachable: true, ms: Math.round(performance.now() - started) } }
  } catch (e) {
    return { status: 'down' as const, database: { reachable: false, error: reasonOf(e) } }
  }
}

/**
 * A part the service needs to serve (the background queue, the signing keys): resolves when ready (with an
 * object to show in the answer, if it has something to say), throws why not.
 */
export type ReadinessCheck = () => Promise<unknown>

const CHECK_TIMEOUT_MS = 2000

const timed = async (check: ReadinessCheck) => {
  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  try {
    const detail = await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS)
      }),
    ])
    const ms = Math.round(performance.now() - started)
    // what a check tells of itself (a loop's last run, how many keys it opened) goes with its answer
    return detail && typeof detail === 'object' ? { ok: true as const, ms, detail } : { ok: true as const, ms }
  } catch (e) {
    return { ok: false as const, error: reasonOf(e) }
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Readiness for a load balancer: the database answers within 2 s, every migration is applied, and
 * every configured part (`extra`: the queue, the signing keys) answers. A check that hangs counts
 * as failed, so the probe itself never hangs.
 */
export const checkReadiness = async (deps: ServiceDeps, extra: Record<string, ReadinessCheck> = {}) => {
  const checks: Record<string, ReadinessCheck> = {
    database: () => countUsers(deps.db),
    migrations: async () => {
      if (!(await isMigrated(deps.db))) throw new Error('migrations of this version are not applied')
    },
    ...extra,
  }
  const results = Object.fromEntries(
    await Promise.all(Object.entries(checks).map(async ([name, check]) => [name, await timed(check)] as const)),
  )
  const failing = Object.entries(results)
    .filter(([, r]) => !r.ok)
    .map(([name]) => name)
  return { status: failing.length ? ('not_ready' as const) : ('ready' as const), failing, checks: results }
}
