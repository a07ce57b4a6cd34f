import { countUsers } from '../db/users'
import type { ServiceDeps } from './context'

export const checkHealth = async (deps: ServiceDeps) => {
  const started = performance.now()
  try {
    await countUsers(deps.db)
    return { status: 'ok' as const, database: { reachable: true, ms: Math.round(performance.now() - started) } }
  } catch (e) {
    return { status: 'down' as const, database: { reachable: false, error: (e as Error).message } }
  }
}
