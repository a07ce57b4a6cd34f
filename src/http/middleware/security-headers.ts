import { createMiddleware } from 'hono/factory'
import { secure } from './session'

/**
 * Pages run no inline script and load nothing from elsewhere; nobody may frame them. Documents
 * (PDF) may be framed by our own order page for its preview, and nothing else.
 */
const pageCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

const documentCsp = "default-src 'none'; frame-ancestors 'self'; sandbox"

const isDocument = (contentType: string | null) =>
  !!contentType && /^application\/(pdf|vnd\.openxmlformats|octet-stream)/.test(contentType)

export const securityHeaders = () =>
  createMiddleware(async function securityHeaders(c, next) {
    await next()
    const document = isDocument(c.res.headers.get('content-type'))
    c.header('content-security-policy', document ? documentCsp : pageCsp)
    c.header('x-content-type-options', 'nosniff')
    c.header('referrer-policy', 'no-referrer')
    if (!document) c.header('x-frame-options', 'DENY')
    // link pages carry a credential in their address; documents are personal data; JSON and pages answer a
    // signed-in person (orders, the token itself) and must stay out of every cache, a shared proxy's and the
    // browser's back-forward one alike. Only the static assets (their own cache-control) are kept.
    const type = c.res.headers.get('content-type') ?? ''
    const answer = /^(application\/(problem\+)?json|text\/html)/.test(type)
    if (document || answer || c.req.path.startsWith('/links/')) c.header('cache-control', 'no-store')
    // over HTTPS (as the Secure cookie decides: the request's scheme, or the proxy's X-Forwarded-Proto), the browser
    // is told to use nothing else for a year
    if (secure(c)) c.header('strict-transport-security', 'max-age=31536000')
  })
