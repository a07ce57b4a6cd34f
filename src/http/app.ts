import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { bodyLimit } from 'hono/body-limit'
import { requestId } from 'hono/request-id'
import { LIMITS } from '../domain/limits'
import { OrderError } from '../domain/errors'
import { createLogger, type LogLevel } from '../logger'
import type { ServiceDeps } from '../services/context'
import type { ReadinessCheck } from '../services/health'
import { notFound, onError } from './errors'
import { signedIn, withRole } from './middleware/auth'
import { serviceContext } from './middleware/context'
import { strictJsonBody } from './middleware/json-body'
import { rateLimit, type RateLimits } from './middleware/rate-limit'
import { requestLog } from './middleware/request-log'
import { createRouter } from './router'
import { adminRoutes } from './routes/admin'
import { linkPages } from './routes/link-pages'
import { describeDocumentRoutes, documentRoutes, templateRoutes } from './routes/documents'
import { linkRoutes } from './routes/links'
import { ordersRoutes } from './routes/orders'
import { healthRoutes, systemRoutes } from './routes/system'

export type AppOptions = {
  /** where the JSON log lines go (one call per line) */
  log?: (line: string) => void
  /** `warn` when not given: failures only */
  logLevel?: LogLevel
  /** none when not given (tests); the service passes its configuration's, whose defaults are in config.ts */
  rateLimits?: RateLimits
  /** parts `GET /api/health/ready` checks besides the database and its migrations (the queue, the signing keys) */
  readiness?: Record<string, ReadinessCheck>
}

const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
const swaggerAsset = (name: string) => readFileSync(join(swaggerDir, name))

const docsPage = `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Orders service API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui' })</script></body></html>`

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
  { log = console.error, logLevel = 'warn', rateLimits, readiness }: AppOptions = {},
) => {
  const app = createRouter()
  const logger = createLogger(logLevel, log)
  app.use('*', requestId())
  app.use('*', requestLog(logger))
  // a template comes as multipart and may be larger than any JSON body
  const jsonSize = sizeLimit(LIMITS.request.jsonBytes)
  const multipartSize = sizeLimit(LIMITS.request.multipartBytes)
  app.use('*', function bodySize(c, next) {
    return c.req.header('content-type')?.startsWith('multipart/') ? multipartSize(c, next) : jsonSize(c, next)
  })
  app.use('*', strictJsonBody())
  if (rateLimits) app.use('*', rateLimit(deps.clock, rateLimits))
  app.use('*', serviceContext(deps))
  app.use('/api/orders/*', signedIn(), withRole(['clerk'], { methods: ['POST', 'PUT', 'DELETE'] }))
  app.use('/api/orders', signedIn(), withRole(['clerk'], { methods: ['POST'] }))
  app.use('/api/users', withRole(['admin']))
  app.use('/api/organizations', withRole(['admin']))
  app.use('/api/journals', signedIn(), withRole(['admin'], { methods: ['POST'] }))
  app.use('/api/templates', signedIn(), withRole(['admin'], { methods: ['POST'] }))
  app.route('/api', systemRoutes)
  app.route('/api', healthRoutes(readiness))
  app.route('/api', adminRoutes)
  app.route('/api/orders', ordersRoutes)
  app.route('/api/orders', documentRoutes)
  app.route('/api', templateRoutes)
  app.route('/api/links', linkRoutes)

  describeDocumentRoutes(app.openAPIRegistry)
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
  app.get('/docs/:asset{swagger-ui(\\.css|-bundle\\.js)}', (c) => {
    const name = c.req.param('asset')
    c.header('content-type', name.endsWith('.css') ? 'text/css' : 'text/javascript')
    c.header('cache-control', 'public, max-age=86400')
    return c.body(swaggerAsset(name))
  })

  app.route('/links', linkPages)
  app.get('/', (c) => c.redirect('/docs'))

  app.onError(onError(logger))
  app.notFound(notFound)
  return app
}

export type App = ReturnType<typeof createApp>
