import { afterAll, describe, expect, it } from 'vitest'
import { freshPostgresDatabase, postgresUrl } from '../support/databases'
import { checkIntegrity, formatFigures, LOAD_ADMIN_ENV, runLoad, setUpLoad } from '../support/load-client'
import { startServer, type RunningServer } from '../support/server'

const servers: RunningServer[] = []
const cleanups: (() => Promise<void>)[] = []
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop('SIGKILL')))
  for (const c of cleanups) await c()
})

/**
 * The load benchmark's mix (test/bench/load.ts), small: a few clients for a few seconds, then the integrity
 * checks. Not timed: the figures are the benchmark's; here every answer must be the expected one and the
 * journals, audit chains and signatures must hold.
 */
describe.skipIf(!postgresUrl).each([2, 1])('the load mix on %i process(es) on one PostgreSQL', (processes) => {
  it('answers every request as expected and leaves gap-free journals, verifying chains and signatures', async () => {
    const { url, drop } = await freshPostgresDatabase(postgresUrl!)
    cleanups.push(drop)
    // one after the other: two processes migrating one empty database at once is not what this tests
    const started: RunningServer[] = []
    for (let i = 0; i < processes; i++) started.push(await startServer({ ...LOAD_ADMIN_ENV, DATABASE_URL: url }))
    servers.push(...started)
    const setup = await setUpLoad(
      started.map((s) => s.url),
      2,
    )
    const result = await runLoad(setup, { clients: 6, seconds: 5, drain: true })
    console.log(formatFigures(`load e2e (${processes} process(es))`, result))
    expect(result.errors).toEqual([])
    // the drain walked every started order to the end: every kind of step ran, registrations and reports included
    expect(Object.keys(result.latencies).sort()).toEqual(
      expect.arrayContaining(['approve', 'accept', 'create', 'list', 'register', 'report', 'sign', 'submit']),
    )
    expect(result.registered.size).toBe(result.signed.size)
    const integrity = await checkIntegrity(setup, result)
    expect(integrity.problems).toEqual([])
    expect(integrity.verifiedFiles).toBeGreaterThanOrEqual(result.signed.size)
    await Promise.all(started.map((s) => s.stop()))
  }, 240_000)
})
