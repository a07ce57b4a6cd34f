import { createMiddleware } from 'hono/factory'
import type { AppEnv } from './middleware/context'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bodyLimit } from 'hono/body-limit'
import { requestId } from 'hono/request-id'
import { LIMITS } from '../domain/limits'
import { OrderError } from '../domain/errors'
import { createAuthenticator } from '../services/auth'
import { createLogger, type LogLevel } from '../logger'
import { repoFile } from '../paths'
import type { ServiceDeps } from '../services/context'
import type { ReadinessCheck } from '../services/health'
import { notFoundOrNotAllowed } from './allowed-methods'
import { notFound, onError } from './errors'
import { serviceContext } from './middleware/context'
import { errorPagesForPeople } from './middleware/people-errors'
import { securityHeaders } from './middleware/security-headers'
import { csrfProtection } from './middleware/session'
import { strictJsonBody } from './middleware/json-body'
import { rateLimit, type RateLimits } from './middleware/rate-limit'
import { databaseRateStore, memoryRateStore } from '../services/rate-limits'
import { requestLog } from './middleware/request-log'
import { routePolicy } from './middleware/route-policy'
import { createRouter } from './router'
import { adminRoutes } from './routes/admin'
import { organizationRoutes } from './routes/organizations'
import { accountRoutes, passwordResetRoutes } from './routes/account'
import { certificateAuthorityRoutes } from './routes/certificate-authority'
import { linkPages } from './routes/link-pages'
import { deadlineRoutes } from './routes/deadlines'
import { describeDocumentRoutes, documentRoutes, templateRoutes } from './routes/documents'
import { controlRoutes } from './routes/control'
import { executorRoutes } from './routes/executors'
import { describeExecutorRoutes, executorSideRoutes } from './routes/executor'
import { describeImportRoutes, importRoutes } from './routes/import'
import { describeTrustRoutes, trustRoutes } from './routes/trust'
import { describeLinkFileRoutes, linkRoutes } from './routes/links'
import { describeJournalRecordRoutes, journalRecordRoutes } from './routes/journal-record'
import { describeOrderFileRoutes, orderFileRoutes } from './routes/order-files'
import { registrationRoutes } from './routes/registration'
import { ordersRoutes } from './routes/orders'
import { pageRoutes } from './routes/pages'
import { describeReportRoutes, reportRoutes } from './routes/reports'
import { credentialRoutes, describeSignatureRoutes, signedDocumentRoutes, verifyRoutes } from './routes/signatures'
import { healthRoutes, systemRoutes } from './routes/system'
import { verifyPages } from './routes/verify-pages'

export type AppOptions = {
  /** where the JSON log lines go (one call per line) */
  log?: (line: string) => void
  /** `warn` when not given: failures only */
  logLevel?: LogLevel
  /** none when not given (tests); the service passes its configuration's, whose defaults are in config.ts */
  rateLimits?: RateLimits
  /** count the rate limits in the database (PostgreSQL, shared by every instance) instead of this process */
  sharedRateLimits?: boolean
  /** parts `GET /api/health/ready` checks besides the database and its migrations (the queue, the signing keys) */
  readiness?: Record<string, ReadinessCheck>
}

const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
const swaggerAsset = (name: string) => readFileSync(join(swaggerDir, name))

const docsPage = `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Orders service API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>`

const docsInit = "SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui' })\n"

/** The pages' own stylesheet and scripts, read once: no inline script or style, so the CSP can forbid them. */
const assetsDir = fileURLToPath(repoFile('src/http/assets'))
const assets = Object.fromEntries(
  ['app.css', 'editor.js', 'editor-import.js', 'link.js', 'print.js'].map((name) => [
    name,
    readFileSync(join(assetsDir, name)),
  ]),
)

/** Routes whose body is a file told apart by its bytes: the trusted list's uploads and a qualified signature. */
const takesFileBody = (path: string) =>
  path.startsWith('/api/trust/') || /^\/api\/links\/[^/]+\/sign-qualified$/.test(path)

/** The whole HTTP surface: middleware order, routes by resource, one error handler. */
const sizeLimit = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new OrderError('too_large', `Тело запроса больше ${maxSize} байт`)
    },
  })

export const createApp = (
  deps: ServiceDeps,
  { log = console.error, logLevel = 'warn', rateLimits, sharedRateLimits = false, readiness }: AppOptions = {},
) => {
  const app = createRouter()
  app.use('*', securityHeaders())
  const logger = createLogger(logLevel, log)
  app.use('*', requestId())
  app.use('*', errorPagesForPeople())
  app.use('*', requestLog(logger))
  // a template comes as multipart and may be larger than any JSON body; a PDF to verify larger still
  const jsonSize = sizeLimit(LIMITS.request.jsonBytes)
  const multipartSize = sizeLimit(LIMITS.request.multipartBytes)
  const pdfSize = sizeLimit(LIMITS.request.pdfBytes)
  const importSize = sizeLimit(LIMITS.import.bytes)
  const trustSize = sizeLimit(LIMITS.request.trustedListBytes)
  // an executor's report carries its files: inline (base64, ≤ 2 MB each) or multipart (streamed, ≤ 15 MB each)
  const reportJsonSize = sizeLimit(LIMITS.report.jsonBytes)
  const reportMultipartSize = sizeLimit(LIMITS.report.multipartBytes)
  app.use('*', function bodySize(c, next) {
    if (c.req.path === '/api/verify' || c.req.path === '/verify') return pdfSize(c, next)
    if (/^\/api\/executor\/items\/[^/]+\/report$/.test(c.req.path))
      return c.req.header('content-type')?.startsWith('multipart/')
        ? reportMultipartSize(c, next)
        : reportJsonSize(c, next)
    if (c.req.path === '/api/orders/import') return importSize(c, next)
    if (c.req.path.startsWith('/api/trust/')) return trustSize(c, next)
    return c.req.header('content-type')?.startsWith('multipart/') ? multipartSize(c, next) : jsonSize(c, next)
  })
  // a file route reads its body as bytes, whatever the content type says (a certificate sent as JSON is a certificate)
  const jsonBody = strictJsonBody()
  app.use('*', function jsonUnlessFile(c, next) {
    return takesFileBody(c.req.path) ? next() : jsonBody(c, next)
  })
  if (rateLimits)
    app.use(
      '*',
      rateLimit(deps.clock, rateLimits, sharedRateLimits ? databaseRateStore(deps) : memoryRateStore(deps.clock)),
    )
  const auth = createAuthenticator(deps)
  app.use('*', serviceContext(deps, auth))
  app.use('*', csrfProtection())
  // who may call each route: http/route-policy.ts, one line a route (a route missing there is refused)
  app.use('*', routePolicy())
  // a person disabled here is forgotten by this process at once (the others within TOKEN_MEMORY_MS)
  app.patch('/api/users/:id', async (c, next) => {
    await next()
    if (c.res.status === 200) auth.forgetUser(c.req.param('id'))
  })
  // a session ended or a password changed here: this process forgets the person's remembered tokens at once
  const forgetCaller = createMiddleware<AppEnv>(async (c, next) => {
    await next()
    if (c.res.status === 200 && c.var.ctx.actor.type === 'user') auth.forgetUser(c.var.ctx.actor.id)
  })
  app.post('/api/auth/password', forgetCaller)
  app.delete('/api/auth/sessions/:id', forgetCaller)
  app.route('/api', systemRoutes)
  app.route('/api', healthRoutes(readiness))
  app.route('/api', adminRoutes)
  app.route('/api', organizationRoutes)
  app.route('/api', accountRoutes)
  app.route('/api', passwordResetRoutes)
  app.route('/api/journals', journalRecordRoutes)
  app.route('/api/orders', importRoutes)
  app.route('/api/orders', ordersRoutes)
  app.route('/api/orders', documentRoutes)
  app.route('/api/orders', signedDocumentRoutes)
  app.route('/api/orders', orderFileRoutes)
  app.route('/api/orders', registrationRoutes)
  app.route('/api', verifyRoutes)
  app.route('/api', credentialRoutes)
  app.route('/api', trustRoutes)
  app.route('/api', templateRoutes)
  app.route('/api/links', linkRoutes)
  app.route('/api/control', controlRoutes)
  app.route('/api', executorRoutes)
  app.route('/api/executor', executorSideRoutes)
  app.route('/api/reports', reportRoutes)
  app.route('/api/deadlines', deadlineRoutes)

  describeDocumentRoutes(app.openAPIRegistry)
  describeImportRoutes(app.openAPIRegistry)
  describeReportRoutes(app.openAPIRegistry)
  describeSignatureRoutes(app.openAPIRegistry)
  describeTrustRoutes(app.openAPIRegistry)
  describeLinkFileRoutes(app.openAPIRegistry)
  describeOrderFileRoutes(app.openAPIRegistry)
  describeJournalRecordRoutes(app.openAPIRegistry)
  describeExecutorRoutes(app.openAPIRegistry)
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' })
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Orders service',
      version: '0.1.0',
      description: 'Drafting, approval, signing, registration and execution control of official orders',
    },
  })
  app.get('/docs', (c) => c.html(docsPage))
  app.get('/docs/init.js', (c) => {
    c.header('content-type', 'text/javascript')
    return c.body(docsInit)
  })
  app.get('/favicon.ico', (c) => c.body(null, 204))
  app.get('/assets/:name', (c) => {
    const name = c.req.param('name')
    const body = assets[name]
    if (!body) return notFound(c)
    c.header('content-type', name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8')
    c.header('cache-control', 'no-cache')
    return c.body(new Uint8Array(body))
  })
  app.get('/docs/:asset{swagger-ui(\\.css|-bundle\\.js)}', (c) => {
    const name = c.req.param('asset')
    c.header('content-type', name.endsWith('.css') ? 'text/css' : 'text/javascript')
    c.header('cache-control', 'public, max-age=86400')
    return c.body(swaggerAsset(name))
  })

  app.route('/links', linkPages)
  app.route('/', pageRoutes(auth))
  app.route('/verify', verifyPages)
  app.route('/ca', certificateAuthorityRoutes)

  app.onError(onError(logger))
  app.notFound(notFoundOrNotAllowed(() => app.routes))
  return app
}

export type App = ReturnType<typeof createApp>
