import type { Action } from '../domain/policy'

/**
 * Every route of the app, by `METHOD path` as Hono registers it, and who may call it: an action of the
 * policy (domain/policy.ts), `public` (anyone, the same answer whoever asks) or `link` (a signing link,
 * which acts for its own person; its use case decides). The guard (middleware/route-policy.ts) refuses a
 * route missing here, and the access-matrix test fails on it: adding a route is adding its line here.
 */
export type RouteAccess = Action | 'public' | 'link'

export const ROUTES = {
  // the service itself
  'GET /': 'public',
  'GET /docs': 'public',
  'GET /docs/init.js': 'public',
  'GET /docs/:asset{swagger-ui(\\.css|-bundle\\.js)}': 'public',
  'GET /openapi.json': 'public',
  'GET /favicon.ico': 'public',
  'GET /assets/:name': 'public',
  'GET /api/health': 'public',
  'GET /api/health/live': 'public',
  'GET /api/health/ready': 'public',
  'GET /ca/:file': 'public',
  // signing in
  'POST /api/auth/token': 'public',
  'POST /api/auth/password': 'account.own',
  'GET /api/auth/sessions': 'account.own',
  'DELETE /api/auth/sessions/:id': 'account.own',
  // a set-password link: its token is the authority, whoever holds it
  'GET /password/:token': 'public',
  'POST /password/:token': 'public',
  'POST /api/users/:id/password-reset': 'users.manage',
  'PATCH /api/organizations/:id': 'organizations.profile',
  'GET /admin/organizations/:id': 'organizations.profile',
  'POST /admin/organizations/:id': 'organizations.profile',
  'GET /signin': 'public',
  'POST /signin': 'public',
  'POST /signout': 'public',
  // anyone may check a signed file
  'POST /api/verify': 'public',
  'GET /verify': 'public',
  'POST /verify': 'public',
  'GET /verify/:id': 'public',
  // signing links
  'GET /links/:token': 'link',
  'GET /links/:token/document.pdf': 'link',
  'POST /api/links/:token/approve': 'link',
  'POST /api/links/:token/return': 'link',
  'POST /api/links/:token/sign': 'link',
  // without SMTP_URL refused alike whoever asks; with it, the code goes only to the link's own address
  'POST /api/links/:token/code': 'public',
  // orders
  'GET /api/orders': 'orders.read',
  'GET /api/orders/:id': 'orders.read',
  'GET /api/orders/:id/history': 'orders.read',
  'GET /api/orders/:id/document.pdf': 'orders.read',
  'GET /api/orders/:id/document.docx': 'orders.read',
  'GET /api/orders/:id/check': 'orders.read',
  'GET /api/orders/:id/signed.pdf': 'orders.read',
  'GET /api/orders/:id/registered.pdf': 'orders.read',
  'POST /api/orders': 'orders.draft',
  'POST /api/orders/import': 'orders.draft',
  'POST /api/orders/archive': 'orders.archive',
  'POST /api/orders/check': 'orders.draft',
  'PUT /api/orders/:id': 'orders.draft',
  'POST /api/orders/:id/submit': 'orders.submit',
  'PUT /api/orders/:id/route': 'orders.submit',
  'POST /api/orders/:id/links/reissue': 'orders.reissue',
  'POST /api/orders/:id/register': 'orders.register',
  'POST /api/orders/:id/cancel': 'orders.cancel',
  'GET /orders': 'orders.read',
  'GET /orders/:id': 'orders.read',
  'GET /orders/new': 'orders.draft',
  'GET /orders/:id/edit': 'orders.draft',
  'POST /orders/:id/submit': 'orders.submit',
  'POST /orders/:id/register': 'orders.register',
  'POST /orders/:id/cancel': 'orders.cancel',
  'POST /api/deadlines/parse': 'deadlines.parse',
  // control
  'GET /api/control': 'control.read',
  'GET /api/control/:id': 'control.read',
  'POST /api/control/:id/report': 'control.report',
  'POST /api/control/:id/accept': 'control.accept',
  'POST /api/control/:id/return': 'control.return',
  'POST /api/control/:id/extend': 'control.extend',
  'POST /api/control/:id/remove': 'control.remove',
  'POST /api/control/:id/reopen': 'control.reopen',
  'GET /control': 'control.read',
  'POST /control/:id/report': 'control.report',
  'POST /control/:id/accept': 'control.accept',
  'POST /control/:id/return': 'control.return',
  'POST /control/:id/extend': 'control.extend',
  'POST /control/:id/remove': 'control.remove',
  'POST /control/:id/reopen': 'control.reopen',
  'GET /api/reports/discipline': 'reports.discipline',
  'GET /reports/discipline': 'reports.discipline',
  // executors
  'GET /api/executors': 'executors.read',
  'GET /api/executors/unresolved': 'executors.unresolved',
  'POST /api/executors': 'executors.manage',
  'PATCH /api/executors/:id': 'executors.manage',
  'DELETE /api/executors/:id': 'executors.manage',
  'GET /admin/executors': 'executors.manage',
  'POST /admin/executors': 'executors.manage',
  // people and organizations
  'GET /api/people': 'people.read',
  'POST /api/users': 'users.manage',
  'PATCH /api/users/:id': 'users.manage',
  'GET /admin/users': 'users.manage',
  'POST /admin/users': 'users.manage',
  'GET /api/organizations': 'organizations.read',
  'GET /admin/organizations': 'organizations.read',
  'POST /api/organizations': 'organizations.create',
  'POST /admin/organizations': 'organizations.create',
  // registration journals, templates, settings
  'GET /api/journals': 'journals.read',
  'POST /api/journals': 'journals.manage',
  'GET /admin/journals': 'journals.manage',
  'POST /admin/journals': 'journals.manage',
  'GET /api/templates': 'templates.read',
  'POST /api/templates': 'templates.manage',
  'GET /admin/templates': 'templates.manage',
  'POST /admin/templates': 'templates.manage',
  'GET /api/calendar': 'settings.read',
  'PUT /api/calendar': 'settings.change',
  'GET /admin/calendar': 'settings.change',
  'POST /admin/calendar': 'settings.change',
  'GET /api/control-practice': 'settings.read',
  'PUT /api/control-practice': 'settings.change',
  'GET /api/signing-settings': 'signing.manage',
  'PUT /api/signing-settings': 'signing.manage',
  'POST /api/signing/credentials': 'signing.manage',
  'GET /api/audit/verify': 'audit.verify',
} as const satisfies Record<string, RouteAccess>

export type RouteKey = keyof typeof ROUTES

export const routeAccess = (method: string, path: string): RouteAccess | undefined =>
  (ROUTES as Record<string, RouteAccess>)[`${method} ${path}`]
