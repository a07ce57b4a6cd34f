/**
 * A fuzzing run against /openapi.json: generated requests for every route under every caller, bodies that fit
 * and bodies that do not (`test/support/replay.ts`), on the embedded database and on PostgreSQL, through the
 * app's own `request` (loopback only, nothing leaves the process). Bounded: ROUNDS rounds or SECONDS seconds per
 * database, whichever comes first. Prints the count of requests, 500s and answers the spec does not declare.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres ROUNDS=5 SECONDS=240 npx tsx test/bench/fuzz.ts
 */
import { startHarness } from '../support/harness'
import { testDatabases } from '../support/databases'
import { replaySpec } from '../support/replay'

const rounds = Number(process.env.ROUNDS ?? 3)
const seconds = Number(process.env.SECONDS ?? 180)

// a seeded generator (mulberry32): a run can be repeated
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

for (const { name, open } of testDatabases()) {
  const database = await open()
  const h = await startHarness(database)
  const started = Date.now()
  const result = await replaySpec(h, { rounds, deadline: started + seconds * 1000, random: seeded(23) })
  const undeclared = result.problems.filter((p) => p.includes('is not declared'))
  const misfit = result.problems.filter((p) => !p.includes('is not declared'))
  console.log(
    JSON.stringify({
      database: name,
      requests: result.requests,
      operations: result.operations,
      callers: result.callers,
      seconds: Math.round((Date.now() - started) / 1000),
      errors500: result.errors500.length,
      undeclaredStatuses: undeclared.length,
      bodiesNotFittingSchema: misfit.length,
      examples: [...new Set([...result.errors500, ...result.problems])].slice(0, 10),
    }),
  )
  await h.deps.renderer.close()
  await database.close()
}
