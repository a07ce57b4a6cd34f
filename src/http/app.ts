import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { bodyLimit } from 'hono/body-limit'
import { OrderError } from '../domain/errors'
import type { ServiceDeps } from '../services/context'
import { notFound, onError } from './errors'
import { signedIn, withRole } from './middleware/auth'
import { serviceContext } from './middleware/context'
import { createRouter } from './router'
import { adminRoutes } from './routes/admin'
import { linkPages } from './routes/link-pages'
import { describeDocumentRoutes, documentRoutes, templateRoutes } from './routes/documents'
import { linkRoutes } from './routes/links'
import { ordersRoutes } from './routes/orders'
import { signedDocumentRoutes, verifyRoutes } from './routes/signatures'
import { systemRoutes } from './routes/system'
import { verifyPages } from './routes/verify-pages'

export type AppOptions = { log?: (msg: string, err: unknown) => void; maxBodyBytes?: number }

const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
const swaggerAsset = (name: string) => readFileSync(join(swaggerDir, name))

const docsPage = `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Orders service API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui' })</script></body></html>`

/** The whole HTTP surface: middleware order, routes by resource, one error handler. */
export const createApp = (
  deps: ServiceDeps,
  { log = console.error, maxBodyBytes = 5 * 1024 * 1024 }: AppOptions = {},
) => {
  const app = createRouter()
  app.use(
    '*',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: () => {
        throw new OrderError('too_large', `Тело запроса больше ${maxBodyBytes} байт`)
      },
    }),
  )
  app.use('*', serviceContext(deps))
  app.use('/api/orders/*', signedIn(), withRole(['clerk'], { methods: ['POST', 'PUT', 'DELETE'] }))
  app.use('/api/orders', signedIn(), withRole(['clerk'], { methods: ['POST'] }))
  app.use('/api/users', withRole(['admin']))
  app.use('/api/organizations', withRole(['admin']))
  app.use('/api/audit/*', withRole(['admin']))
  app.use('/api/journals', signedIn(), withRole(['admin'], { methods: ['POST'] }))
  app.use('/api/templates', signedIn(), withRole(['admin'], { methods: ['POST'] }))
  app.route('/api', systemRoutes)
  app.route('/api', adminRoutes)
  app.route('/api/orders', ordersRoutes)
  app.route('/api/orders', documentRoutes)
  app.route('/api/orders', signedDocumentRoutes)
  app.route('/api', verifyRoutes)
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
  app.route('/verify', verifyPages)
  app.get('/', (c) => c.redirect('/docs'))

  app.onError(onError(log))
  app.notFound(notFound)
  return app
}

export type App = ReturnType<typeof createApp>
