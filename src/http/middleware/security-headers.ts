import { createMiddleware } from 'hono/factory'

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
    // link pages carry a credential in their address; documents are personal data
    if (document || c.req.path.startsWith('/links/')) c.header('cache-control', 'no-store')
  })
