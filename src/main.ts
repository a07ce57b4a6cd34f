import { serve } from '@hono/node-server'
import { loadConfig } from './config'
import { openDatabase } from './db/client'
import { migrateDatabase } from './db/migrate'
import { answerClientError } from './http/client-errors'
import { createRenderPool } from './documents/render-pool'
import { startLoop } from './jobs/loops'
import { startProcessMetrics } from './jobs/process-metrics'
import { createLogger } from './logger'
import { offsetClock, type ServiceDeps } from './services/context'
import { prepareFirstStart } from './services/first-start'
import { loadKeyProtector } from './services/signing-key'

/** Composition root: configuration → database → services → HTTP. */
const main = async () => {
  const config = loadConfig()
  const logger = createLogger(config.logLevel)
  // the HTTP layer's modules load while PGlite opens its directory (start-up time)
  const http = import('./http/app')
  http.catch(() => {}) // awaited below; a failure to open the database must not leave it unhandled
  // so do the signing keys' and the background work's; the mail's (nodemailer and pg-boss, 0.2 s) only where
  // mail is configured
  const mail = config.smtpUrl ? Promise.all([import('./jobs/mailer'), import('./jobs/reminders')]) : undefined
  mail?.catch(() => {})
  const work = Promise.all([
    import('./services/keys'),
    import('./services/seal-order'),
    import('./services/deliver-mail'),
  ])
  work.catch(() => {})
  // the key of the signing keys is derived (scrypt, a third of a second) on libuv's threads meanwhile too
  const keys = loadKeyProtector(config)
  keys.catch(() => {})
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir })
  await migrateDatabase(database)
  const [{ checkSigningKeys, prepareSigningKeys }, { sealPending }, { deliverOutbox, deliveriesSettled }] = await work
  const [mailModule, remindersModule] = (await mail) ?? []
  const renderer = createRenderPool(config.render)
  const deps: ServiceDeps = {
    db: database.db,
    clock: offsetClock(config.clockOffsetDays),
    linkTtlDays: config.linkTtlDays,
    publicUrl: config.publicUrl,
    keys: await keys,
    renderer,
    dueSoonDays: config.dueSoonDays,
    mailer: config.smtpUrl ? mailModule?.smtpMailer(config.smtpUrl) : undefined,
    // test-only: a crash between a registration's commit and its seal (see config.ts)
    afterRegistrationCommit: config.failAfterRegistrationCommit
      ? () => process.kill(process.pid, 'SIGKILL')
      : undefined,
  }
  const credentials = await prepareFirstStart(deps, config.admin)
  await prepareSigningKeys(deps.db, deps, deps.clock.now())
  // what a crash left registered but unsealed is sealed now, and every minute whatever a failure leaves
  const sweeper = startLoop({
    name: 'sealing',
    periodMs: 60_000,
    work: async () => {
      const failed: string[] = []
      await sealPending(deps, (id, e) => {
        failed.push(id)
        logger.error({ orderId: id, err: e }, 'sealing an order failed')
      })
      if (failed.length)
        throw new Error(`${failed.length} registered orders could not be sealed; tried again in a minute`)
    },
    onError: (e) => logger.error({ err: e }, 'sealing sweep failed'),
  })
  await sweeper.runNow()
  if (credentials.length) {
    // not a log line but a notice for the person at the terminal, once, on stderr: stdout is the JSON log,
    // which never holds a password (the logger redacts any it is given)
    process.stderr.write(
      [
        '',
        'Демо-организация создана. Войдите с этими учётными данными (они показаны один раз):',
        ...credentials.map((c) => `  ${c.role.padEnd(10)} ${c.email.padEnd(24)} ${c.password}   (${c.name})`),
        '',
        '',
      ].join('\n'),
    )
  }
  // started once the service listens (start-up time); until then the queue is not ready
  let reminders: Awaited<ReturnType<NonNullable<typeof remindersModule>['startReminders']>> | undefined
  let outbox: ReturnType<typeof startLoop> | undefined
  const background = { started: false }
  const { createApp } = await http
  // the one Hono internal the service writes to, checked before anything is served (json-body.ts)
  await (await import('./http/middleware/json-body')).assertBodyCacheHonoured()
  const app = createApp(deps, {
    log: (line) => process.stdout.write(`${line}\n`),
    logLevel: config.logLevel,
    rateLimits: config.rateLimits,
    // behind a load balancer every instance must see the same counts; PGlite serves one process anyway
    sharedRateLimits: database.driver === 'postgres',
    // what a load balancer acts on besides the database and the migrations (README «Health»): the signing keys
    // open, and this process's background work is alive (its timers fire, no run is stuck)
    readiness: {
      signingKeys: () => checkSigningKeys(deps.db, deps),
      queue: async () => {
        if (!background.started) throw new Error('the background work is starting')
        return {
          sealing: await sweeper.check(),
          ...(outbox ? { outbox: await outbox.check() } : {}),
          ...(reminders ? { reminders: await reminders.check() } : {}),
        }
      },
    },
  })
  const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
    // written at every LOG_LEVEL: the line the operator (and the process tests) wait for
    logger
      .child({}, { level: 'info' })
      .info(
        { port: info.port, driver: database.driver },
        `orders service on ${config.publicUrl} (port ${info.port}, ${database.driver}${database.driver === 'pglite' ? ` in ${config.dataDir}` : ''}); API docs at /docs`,
      )
    // the rendering threads warm up once the service listens: on a machine of two cores their loading would
    // take the cores from the start itself (start-up time); a document asked for meanwhile waits for its thread
    void renderer.warm().catch((e) => {
      logger.error({ err: e }, 'rendering threads failed to warm up')
      // a PDF library is not the version its replaced methods were written for (src/patch-fence.ts): stop here
      if ((e as Error | undefined)?.name === 'PatchFenceError') stop(1)
    })
  })
  server.on('clientError', answerClientError)
  const log = (message: string, e?: unknown) => logger.error({ err: e }, message)
  reminders =
    deps.mailer && remindersModule
      ? await remindersModule.startReminders({ deps, mailer: deps.mailer, databaseUrl: config.databaseUrl, log })
      : undefined
  // letters queued by submissions and decisions go right after their commit; this timer retries what failed
  const mailer = deps.mailer
  outbox = mailer
    ? startLoop({
        name: 'outbox',
        periodMs: 30_000,
        work: () => deliverOutbox(deps, mailer),
        onError: (e) => logger.error({ err: e }, 'mail delivery failed'),
      })
    : undefined
  // written at every LOG_LEVEL but silent, as the listening line: what an operator watches for a leak
  const metricsLog = logger.child({}, { level: 'info' })
  const stopMetrics = startProcessMetrics(config.logLevel === 'silent' ? 0 : config.metricsIntervalMs, (m) =>
    metricsLog.info(m, 'process'),
  )
  background.started = true
  async function stop(code = 0) {
    stopMetrics()
    outbox?.stop()
    sweeper.stop()
    server.close()
    if (mailer) await deliveriesSettled(mailer) // letters already leaving are let go, not cut off mid-send
    await renderer.close()
    await reminders?.stop()
    await database.close()
    process.exit(code)
  }
  process.on('SIGINT', () => stop())
  process.on('SIGTERM', () => stop())
}

main().catch((e) => {
  // the configuration may be what failed: the log of the level every configuration writes
  createLogger('error').fatal({ err: e }, e instanceof Error ? e.message : String(e))
  process.exit(1)
})
