import { serve } from '@hono/node-server'
import { loadConfig } from './config'
import { openDatabase } from './db/client'
import { migrateDatabase } from './db/migrate'
import { createLogger } from './logger'
import { systemClock, type ServiceDeps } from './services/context'
import { prepareFirstStart } from './services/first-start'

/** Composition root: configuration → database → services → HTTP. */
const main = async () => {
  const config = loadConfig()
  const logger = createLogger(config.logLevel)
  // the HTTP layer's modules load while PGlite opens its directory (start-up time)
  const http = import('./http/app')
  http.catch(() => {}) // awaited below; a failure to open the database must not leave it unhandled
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir })
  await migrateDatabase(database)
  const deps: ServiceDeps = {
    db: database.db,
    clock: systemClock,
    linkTtlDays: config.linkTtlDays,
    publicUrl: config.publicUrl,
  }
  const credentials = await prepareFirstStart(deps, config.admin)
  if (credentials.length) {
    // for the person at the terminal, once, on stderr: stdout is the JSON log, which never holds a password
    console.error('\nДемо-организация создана. Войдите с этими учётными данными (они показаны один раз):')
    for (const c of credentials)
      console.error(`  ${c.role.padEnd(10)} ${c.email.padEnd(24)} ${c.password}   (${c.name})`)
    console.error('')
  }
  const { createApp } = await http
  const app = createApp(deps, {
    log: (line) => process.stdout.write(`${line}\n`),
    logLevel: config.logLevel,
    rateLimits: config.rateLimits,
  })
  const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
    // written at every LOG_LEVEL: the line the operator (and the process tests) wait for
    logger
      .child({}, { level: 'info' })
      .info(
        { port: info.port, driver: database.driver },
        `orders service on ${config.publicUrl} (port ${info.port}, ${database.driver}${database.driver === 'pglite' ? ` in ${config.dataDir}` : ''}); API docs at /docs`,
      )
  })
  const stop = async () => {
    server.close()
    await database.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})
