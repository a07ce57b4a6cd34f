import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Caller, mayEver } from '../../src/domain/policy'
import { ROUTES, type RouteAccess } from '../../src/http/route-policy'
import { issueToken } from '../../src/services/auth'
import type { ServiceContext } from '../../src/services/context'
import { createUser } from '../../src/services/users'
import { testDatabases } from '../support/databases'
import { PASSWORD, sampleContent, tokenOf, useHarness } from '../support/harness'
import { approver, approverId, director, directorId } from '../support/people'

/**
 * Every route of the app × every kind of caller × their own organization and another one. The
 * routes come from the app itself (`app.routes`), so a route added without an entry below fails.
 */
const actors = ['installation', 'orgAdmin', 'clerk', 'controller', 'director', 'anonymous'] as const
type Actor = (typeof actors)[number]
type Org = 0 | 1 // callers belong to organization 0; 1 is the other one
/** `text`: a plain-text body (`text/plain`), as the import takes an order's text */
type Req = { path: string; body?: unknown; form?: FormData; text?: string; orderId?: string }
type State = 'draft' | 'approval' | 'signed' | 'registered'
type ItemState = 'open' | 'reported' | 'removed'
type Fixtures = {
  orderIn: (org: Org, state: State) => Promise<string>
  /** a control item of a registered order signed by the director of organization 0 */
  itemIn: (org: Org, state: ItemState) => Promise<string>
  executorIn: (org: Org) => Promise<string>
  /** a fresh clerk of the organization, for an admin to disable */
  userIn: (org: Org) => Promise<string>
  links: Record<Org, { first: string; later: string; signer: string }>
  orgId: (org: Org) => string
  /** the organization's journal of orders */
  journalOf: (org: Org) => string
  unique: () => string
}

/**
 * What one route answers. Who may call it is not written here: it is read from the route policy
 * (src/http/route-policy.ts) and the policy map (src/domain/policy.ts), as the app reads them. A `public`
 * route answers `status` to anyone; a `link` route acts for its person only (the harness's approver or
 * director it was issued to gets `status`; every caller here is someone else, refused: anonymous 401, any
 * other account 403); an action's route answers `status` to whoever the policy lets do the action, 403
 * to the others, and 401 (an API) or 302 to sign in (a page) to the anonymous.
 */
type Entry = {
  status: number
  /** organization: the request names an organization's data; list: one answer filtered by organization; self: acts in the caller's own */
  scope?: 'organization' | 'list' | 'self'
  installation?: number // where the installation's admin, who has no organization, gets another answer
  request: (f: Fixtures, org: Org) => Req | Promise<Req>
}

/** The callers as the policy sees them (organization 0's id does not matter to a role's rule). */
const callers: Record<Exclude<Actor, 'anonymous'>, Caller> = {
  installation: { role: 'admin', organizationId: null },
  orgAdmin: { role: 'admin', organizationId: 'own' },
  clerk: { role: 'clerk', organizationId: 'own' },
  controller: { role: 'controller', organizationId: 'own' },
  director: { role: 'director', organizationId: 'own' },
}

/** `body` may depend on the organization the request is about (a route names that organization's people). */
const order =
  (state: State, suffix = '', body?: unknown | ((org: Org) => unknown)) =>
  async (f: Fixtures, org: Org): Promise<Req> => {
    const orderId = await f.orderIn(org, state)
    return { path: `/api/orders/${orderId}${suffix}`, body: typeof body === 'function' ? body(org) : body, orderId }
  }

const item =
  (state: ItemState, suffix = '', body?: unknown) =>
  async (f: Fixtures, org: Org): Promise<Req> => ({
    path: `/api/control/${await f.itemIn(org, state)}${suffix}`,
    body,
  })

/** A decision on the control board's page, as its form posts it. */
const boardItem = (state: ItemState, action: string, fields: Record<string, string>): Entry => ({
  scope: 'organization',
  status: 303,
  request: async (f, org) => ({ path: `/control/${await f.itemIn(org, state)}/${action}`, form: formOf(fields) }),
})

const executor =
  (suffixOrBody?: unknown) =>
  async (f: Fixtures, org: Org): Promise<Req> =>
    typeof suffixOrBody === 'string'
      ? { path: `/api/executors/${await f.executorIn(org)}${suffixOrBody}` }
      : { path: `/api/executors/${await f.executorIn(org)}`, body: suffixOrBody }

const UNKNOWN = '00000000-0000-4000-8000-00000000dead'
/** No account here is tied to a directory executor: each is refused (403), nobody signed in 401. */
const executorSide = { scope: 'self', status: 200 } as const

let archivedNumber = 100

const table: Record<string, Entry> = {
  'GET /': { status: 302, request: () => ({ path: '/' }) },
  'GET /docs': { status: 200, request: () => ({ path: '/docs' }) },
  'GET /docs/:asset{swagger-ui(\\.css|-bundle\\.js)}': {
    status: 200,
    request: () => ({ path: '/docs/swagger-ui.css' }),
  },
  'GET /openapi.json': { status: 200, request: () => ({ path: '/openapi.json' }) },
  'GET /api/health': { status: 200, request: () => ({ path: '/api/health' }) },
  'GET /api/health/live': { status: 200, request: () => ({ path: '/api/health/live' }) },
  'GET /api/health/ready': { status: 200, request: () => ({ path: '/api/health/ready' }) },
  'POST /api/auth/token': {
    status: 200,
    request: () => ({ path: '/api/auth/token', body: { email: 'clerk0@test.local', password: PASSWORD } }),
  },
  'PATCH /api/users/:id': {
    scope: 'organization',
    status: 200,
    request: async (f, org) => ({ path: `/api/users/${await f.userIn(org)}`, body: { disabled: true } }),
  },
  'POST /api/auth/password': {
    scope: 'self',
    status: 422, // the current password is checked: here a wrong one, refused for every caller alike
    request: () => ({ path: '/api/auth/password', body: { current: 'not the password', next: 'a new password 1' } }),
  },
  'GET /api/auth/sessions': {
    scope: 'self',
    status: 200,
    request: () => ({ path: '/api/auth/sessions' }),
  },
  'DELETE /api/auth/sessions/:id': {
    scope: 'self',
    status: 404, // a session of nobody's (the caller's own is ended in test/http/own-account.test.ts)
    request: () => ({ path: '/api/auth/sessions/00000000-0000-4000-8000-00000000abcd' }),
  },
  'POST /api/users/:id/password-reset': {
    scope: 'organization',
    status: 200,
    request: async (f, org) => ({ path: `/api/users/${await f.userIn(org)}/password-reset` }),
  },
  // a set-password link: its token is the authority, whoever holds it (a made-up one is gone for everyone)
  'GET /password/:token': { status: 410, request: () => ({ path: `/password/${'x'.repeat(43)}` }) },
  'POST /password/:token': {
    status: 410,
    request: () => ({
      path: `/password/${'x'.repeat(43)}`,
      form: formOf({ password: 'a new password 1', repeat: 'a new password 1' }),
    }),
  },
  'GET /api/people': {
    scope: 'self',
    status: 200,
    installation: 422, // the installation's admin names the organization (?organizationId=)
    request: () => ({ path: '/api/people' }),
  },
  'POST /api/users': {
    scope: 'organization',
    status: 201,
    request: (f, org) => ({
      path: '/api/users',
      body: {
        email: `${f.unique()}@test.local`,
        name: 'Новый',
        role: 'clerk',
        password: PASSWORD,
        organizationId: f.orgId(org),
      },
    }),
  },
  'POST /api/organizations': {
    scope: 'self',
    status: 201,
    request: () => ({ path: '/api/organizations', body: { name: ['НОВАЯ ШКОЛА'] } }),
  },
  'PATCH /api/organizations/:id': {
    scope: 'organization',
    status: 200,
    request: (f, org) => ({ path: `/api/organizations/${f.orgId(org)}`, body: { place: 'г. Смоленск' } }),
  },
  'GET /api/organizations': {
    scope: 'list',
    status: 200,
    request: () => ({ path: '/api/organizations' }),
  },
  'POST /api/journals': {
    scope: 'organization',
    status: 201,
    request: (f, org) => ({
      path: '/api/journals',
      body: { name: f.unique(), kind: 'prikaz', pattern: '{n}-Х', reset: 'never', organizationId: f.orgId(org) },
    }),
  },
  'GET /api/journals': {
    scope: 'list',
    status: 200,
    request: () => ({ path: '/api/journals' }),
  },
  'GET /api/templates': {
    scope: 'list',
    status: 200,
    request: () => ({ path: '/api/templates' }),
  },
  'POST /api/templates': {
    scope: 'self',
    status: 201,
    installation: 422, // a template belongs to an organization
    request: () => ({ path: '/api/templates', form: templateForm('Свой шаблон') }),
  },
  'POST /api/orders': {
    scope: 'self',
    status: 201,
    installation: 422, // an order belongs to an organization
    request: () => ({ path: '/api/orders', body: sampleContent() }),
  },
  'POST /api/orders/import': {
    scope: 'self',
    status: 200, // stores nothing: the installation's admin reads it too, with no directory to match executors
    request: () => ({
      path: '/api/orders/import',
      text: 'ПРИКАЗ\nО проведении олимпиады\nПРИКАЗЫВАЮ:\n1. Провести олимпиаду до 25.12.2026.\nНачальник управления С.Н. Петров',
    }),
  },
  'POST /api/orders/archive': {
    scope: 'self',
    status: 201,
    installation: 422, // an order belongs to an organization
    request: (f) => ({
      path: '/api/orders/archive',
      // a number of its own each call (the same number twice is a 409), in the caller's journal «{n}-ОД» (the
      // journals the table adds are made at the same clock time: the default one would be either)
      body: {
        content: sampleContent(),
        registration: { number: `${++archivedNumber}-ОД`, date: '2026-02-02' },
        journalId: f.journalOf(0),
      },
    }),
  },
  'GET /api/orders': {
    scope: 'list',
    status: 200,
    request: () => ({ path: '/api/orders' }),
  },
  'GET /api/orders/:id': {
    scope: 'organization',
    status: 200,
    request: order('draft'),
  },
  'PUT /api/orders/:id': {
    scope: 'organization',
    status: 200,
    request: order('draft', '', sampleContent({ title: 'Новая редакция' })),
  },
  'POST /api/orders/:id/submit': {
    scope: 'organization',
    status: 200,
    request: order('draft', '/submit', (org: Org) => ({
      approvers: [approver(0, org)],
      sequential: true,
      signer: director(0, org),
    })),
  },
  'PUT /api/orders/:id/route': {
    scope: 'organization',
    status: 200,
    request: order('approval', '/route', (org: Org) => ({
      approvers: [approver(1, org)],
      sequential: true,
      signer: director(1, org),
    })),
  },
  'POST /api/orders/:id/links/reissue': {
    scope: 'organization',
    status: 200,
    request: order('approval', '/links/reissue'),
  },
  'POST /api/orders/:id/register': {
    scope: 'organization',
    status: 200,
    request: order('signed', '/register', {}),
  },
  'POST /api/orders/:id/cancel': {
    scope: 'organization',
    status: 200,
    request: order('draft', '/cancel', { reason: 'не нужен' }),
  },
  'GET /api/orders/:id/history': {
    scope: 'organization',
    status: 200,
    request: order('draft', '/history'),
  },
  'GET /api/orders/:id/document.pdf': {
    scope: 'organization',
    status: 200,
    request: order('draft', '/document.pdf'),
  },
  'GET /api/orders/:id/document.docx': {
    scope: 'organization',
    status: 200,
    request: order('draft', '/document.docx'),
  },
  'GET /api/orders/:id/route-suggestion': {
    scope: 'organization',
    status: 200,
    request: order('draft', '/route-suggestion'),
  },
  'GET /api/orders/:id/check': {
    scope: 'organization',
    status: 200,
    request: order('draft', '/check'),
  },
  'GET /api/orders/:id/signed.pdf': {
    scope: 'organization',
    status: 200,
    request: order('signed', '/signed.pdf'),
  },
  'GET /api/orders/:id/registered.pdf': {
    scope: 'organization',
    status: 200,
    request: order('registered', '/registered.pdf'),
  },
  'GET /api/orders/:id/file.pdf': {
    scope: 'organization',
    status: 200,
    request: order('registered', '/file.pdf'),
  },
  'GET /api/orders/:id/registration-preview': {
    scope: 'organization',
    status: 200,
    request: order('signed', '/registration-preview'),
  },
  'GET /api/journals/:id/record': {
    scope: 'organization',
    status: 200,
    installation: 200, // the installation's admin reads every organization's journals
    request: (f, org) => ({ path: `/api/journals/${f.journalOf(org)}/record` }),
  },
  'GET /api/audit/verify': {
    scope: 'list',
    status: 200,
    request: () => ({ path: '/api/audit/verify' }),
  },
  // a file that is no PDF: a report that says so (200), to anyone
  'POST /api/verify': { status: 200, request: () => ({ path: '/api/verify', body: 'не PDF' }) },
  'GET /verify/:id': {
    status: 200,
    request: async (f) => ({ path: `/verify/${await f.orderIn(0, 'registered')}` }),
  },
  'GET /api/control': {
    scope: 'list',
    status: 200,
    request: () => ({ path: '/api/control' }),
  },
  'GET /api/control/:id': {
    scope: 'organization',
    status: 200,
    request: item('open'),
  },
  'POST /api/control/:id/report': {
    scope: 'organization',
    status: 200,
    request: item('open', '/report', { text: 'Исполнено' }),
  },
  'POST /api/control/:id/accept': {
    scope: 'organization',
    status: 200,
    request: item('reported', '/accept'),
  },
  'POST /api/control/:id/return': {
    scope: 'organization',
    status: 200,
    request: item('reported', '/return', { comment: 'Не полностью' }),
  },
  // the controller, or the director who signed the order (the director of organization 0 signs them all)
  'POST /api/control/:id/extend': {
    scope: 'organization',
    status: 200,
    request: item('open', '/extend', { due: '2031-12-30', reason: 'Перенос' }),
  },
  'POST /api/control/:id/remove': {
    scope: 'organization',
    status: 200,
    request: item('open', '/remove', { reason: 'Не нужно' }),
  },
  'POST /api/control/:id/reopen': {
    scope: 'organization',
    status: 200,
    request: item('removed', '/reopen', { reason: 'Снова нужно' }),
  },
  // issue 27: an executor's request decided by the controller or the order's signer; no request here, so 404 once let in
  'POST /api/control/:id/extension-requests/:requestId/grant': {
    scope: 'organization',
    status: 404,
    request: item('open', `/extension-requests/${UNKNOWN}/grant`, {}),
  },
  'POST /api/control/:id/extension-requests/:requestId/refuse': {
    scope: 'organization',
    status: 404,
    request: item('open', `/extension-requests/${UNKNOWN}/refuse`, { comment: 'Нет' }),
  },
  'GET /api/control/:id/files/:fileId': {
    scope: 'organization',
    status: 404,
    request: item('reported', `/files/${UNKNOWN}`),
  },
  'POST /api/executors/:id/link': {
    scope: 'organization',
    status: 200,
    request: executor('/link'),
  },
  'DELETE /api/executors/:id/link': {
    scope: 'organization',
    status: 200,
    request: executor('/link'),
  },
  // the executor's side: a personal link's token or an account tied to an executor; none of these callers is one
  'GET /api/executor/items': { ...executorSide, request: () => ({ path: '/api/executor/items' }) },
  'POST /api/executor/items/:id/report': {
    ...executorSide,
    request: async (f, org) => ({
      path: `/api/executor/items/${await f.itemIn(org, 'open')}/report`,
      body: { text: 'Исполнено' },
    }),
  },
  'POST /api/executor/items/:id/extension-request': {
    ...executorSide,
    request: async (f, org) => ({
      path: `/api/executor/items/${await f.itemIn(org, 'open')}/extension-request`,
      body: { due: '2031-12-30', reason: 'Перенос' },
    }),
  },
  'GET /api/executor/items/:id/files/:fileId': {
    ...executorSide,
    request: async (f, org) => ({ path: `/api/executor/items/${await f.itemIn(org, 'reported')}/files/${UNKNOWN}` }),
  },
  'POST /api/executor/orders/:orderId/acknowledge': {
    ...executorSide,
    request: async (f, org) => ({ path: `/api/executor/orders/${await f.orderIn(org, 'registered')}/acknowledge` }),
  },
  'GET /api/executor/orders/:orderId/registered.pdf': {
    ...executorSide,
    request: async (f, org) => ({ path: `/api/executor/orders/${await f.orderIn(org, 'registered')}/registered.pdf` }),
  },
  'GET /api/executors': {
    scope: 'list',
    status: 200,
    request: () => ({ path: '/api/executors' }),
  },
  'GET /api/executors/unresolved': {
    scope: 'list',
    status: 200,
    request: () => ({ path: '/api/executors/unresolved' }),
  },
  'POST /api/executors': {
    scope: 'organization',
    status: 201,
    request: (f, org) => ({
      path: '/api/executors',
      body: { name: `Исполнитель ${f.unique()}`, kind: 'person', organizationId: f.orgId(org) },
    }),
  },
  'PATCH /api/executors/:id': {
    scope: 'organization',
    status: 200,
    request: executor({ email: 'new@test.local' }),
  },
  'DELETE /api/executors/:id': {
    scope: 'organization',
    status: 200,
    request: executor(),
  },
  'GET /api/calendar': {
    scope: 'organization',
    status: 200,
    request: (f, org) => ({ path: `/api/calendar?year=2026&organizationId=${f.orgId(org)}` }),
  },
  'PUT /api/calendar': {
    scope: 'organization',
    status: 200,
    request: (f, org) => ({
      path: '/api/calendar',
      body: { organizationId: f.orgId(org), days: [{ day: '2026-06-13', working: true }] },
    }),
  },
  'GET /api/control-practice': {
    scope: 'self',
    status: 200,
    installation: 422, // a practice belongs to an organization, and this route names none
    request: () => ({ path: '/api/control-practice' }),
  },
  'PUT /api/control-practice': {
    scope: 'organization',
    status: 200,
    request: (f, org) => ({ path: '/api/control-practice', body: { organizationId: f.orgId(org), urgentDays: 3 } }),
  },
  'GET /api/reports/discipline': {
    scope: 'organization',
    status: 200,
    request: (f, org) => ({
      path: `/api/reports/discipline?from=2026-01-01&to=2031-12-31&organizationId=${f.orgId(org)}`,
    }),
  },
  'POST /api/deadlines/parse': {
    scope: 'self',
    status: 200,
    request: () => ({ path: '/api/deadlines/parse', body: { text: 'до 25 декабря', reference: '2026-03-10' } }),
  },
  // decisions that are not the link's turn: refused by the lifecycle (409) whoever sends them, nothing changes
  'POST /api/links/:token/approve': {
    status: 409,
    request: (f, org) => ({ path: `/api/links/${f.links[org].later}/approve`, body: {} }),
  },
  'POST /api/links/:token/return': {
    status: 409,
    request: (f, org) => ({ path: `/api/links/${f.links[org].later}/return`, body: { comment: 'нет' } }),
  },
  'POST /api/links/:token/sign': {
    status: 409,
    request: (f, org) => ({ path: `/api/links/${f.links[org].signer}/sign` }),
  },
  'GET /api/links/:token/document.pdf': {
    status: 200,
    request: (f, org) => ({ path: `/api/links/${f.links[org].signer}/document.pdf` }),
  },
  // a text that is no signature: its person gets as far as the check (422), nothing signed
  'POST /api/links/:token/sign-qualified': {
    status: 422,
    request: (f, org) => ({ path: `/api/links/${f.links[org].signer}/sign-qualified`, text: 'не подпись' }),
  },
  // without SMTP_URL there are no codes: refused alike whoever asks
  'POST /api/links/:token/code': {
    status: 409,
    request: (f) => ({ path: `/api/links/${f.links[0].first}/code` }),
  },
  'GET /api/signing-settings': {
    scope: 'self',
    status: 200,
    installation: 422, // the setting belongs to an organization: the installation's admin names one
    request: () => ({ path: '/api/signing-settings' }),
  },
  'PUT /api/signing-settings': {
    scope: 'self',
    status: 200,
    installation: 422,
    request: () => ({ path: '/api/signing-settings', body: { signVisas: true } }),
  },
  // a file that is no PKCS#12: the admins get as far as the check (422), everyone else is stopped before it
  'POST /api/signing/credentials': {
    scope: 'self',
    status: 422,
    request: () => ({ path: '/api/signing/credentials', form: credentialForm() }),
  },
  // the trusted list is an admin's: a text that is no certificate or CRL gets them as far as the check (422)
  'GET /api/trust/certificates': {
    scope: 'self',
    status: 200,
    installation: 422,
    request: () => ({ path: '/api/trust/certificates' }),
  },
  'POST /api/trust/certificates': {
    scope: 'self',
    status: 422,
    request: () => ({ path: '/api/trust/certificates', text: 'не сертификат' }),
  },
  'POST /api/trust/crls': {
    scope: 'self',
    status: 422,
    request: () => ({ path: '/api/trust/crls', text: 'не список отзыва' }),
  },
  'DELETE /api/trust/certificates/:id': {
    scope: 'self',
    status: 404,
    request: () => ({ path: '/api/trust/certificates/00000000-0000-4000-8000-000000000000' }),
  },
  'GET /links/:token': { status: 200, request: (f, org) => ({ path: `/links/${f.links[org].first}` }) },
  'GET /links/:token/document.pdf': {
    status: 200,
    request: (f, org) => ({ path: `/links/${f.links[org].first}/document.pdf` }),
  },
}

const credentialForm = () => {
  const form = new FormData()
  form.append('file', new Blob(['not a pkcs#12']), 'key.p12')
  form.append('password', 'secret')
  form.append('email', 'person@test.local')
  return form
}

/** A form as a browser posts it; a bearer-token caller needs no CSRF token (no cookie signs it in). */
const formOf = (fields: Record<string, string>) => {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.set(k, v)
  return form
}

const page =
  (
    state: 'draft' | 'approval' | 'signed',
    suffix = '',
    fields?: Record<string, string> | ((org: Org) => Record<string, string>),
  ) =>
  async (f: Fixtures, org: Org): Promise<Req> => {
    const orderId = await f.orderIn(org, state)
    const form = typeof fields === 'function' ? fields(org) : fields
    return { path: `/orders/${orderId}${suffix}`, form: form && formOf(form), orderId }
  }

const pages: Record<string, Entry> = {
  'GET /signin': { status: 200, request: () => ({ path: '/signin' }) },
  // without the sign-in form's own token (and its cookie) nobody signs in by a posted form
  'POST /signin': {
    status: 403,
    request: () => ({ path: '/signin', form: formOf({ email: 'clerk0@test.local', password: PASSWORD }) }),
  },
  'POST /signout': { status: 303, request: () => ({ path: '/signout', form: formOf({}) }) },
  'GET /favicon.ico': { status: 204, request: () => ({ path: '/favicon.ico' }) },
  'GET /assets/:name': { status: 200, request: () => ({ path: '/assets/app.css' }) },
  'GET /docs/init.js': { status: 200, request: () => ({ path: '/docs/init.js' }) },
  'POST /api/orders/check': {
    scope: 'self',
    status: 200,
    request: () => ({ path: '/api/orders/check', body: sampleContent() }),
  },
  'GET /orders': { scope: 'list', status: 200, request: () => ({ path: '/orders' }) },
  'GET /orders/new': {
    scope: 'self',
    status: 200,
    request: () => ({ path: '/orders/new' }),
  },
  'GET /orders/:id': { scope: 'organization', status: 200, request: page('draft') },
  'GET /start': { scope: 'list', status: 200, request: () => ({ path: '/start' }) },
  'GET /journals': {
    scope: 'list',
    status: 200,
    request: () => ({ path: '/journals' }),
  },
  'GET /journals/go': {
    scope: 'list',
    status: 302,
    request: (f) => ({ path: `/journals/go?journal=${f.journalOf(0)}&year=2026` }),
  },
  'GET /journals/:id': {
    scope: 'organization',
    status: 200,
    request: (f, org) => ({ path: `/journals/${f.journalOf(org)}` }),
  },
  'GET /orders/:id/edit': {
    scope: 'organization',
    status: 200,
    request: page('draft', '/edit'),
  },
  'POST /orders/:id/submit': {
    scope: 'organization',
    status: 200,
    request: page('draft', '/submit', (org: Org) => ({
      'a0-user': approverId(0, org),
      'a0-step': '1',
      'signer-user': directorId(0, org),
    })),
  },
  // without the number confirmed the form is shown the confirmation (200), never registered
  'POST /orders/:id/register': {
    scope: 'organization',
    status: 200,
    request: page('signed', '/register', {}),
  },
  'GET /orders/:id/register': {
    scope: 'organization',
    status: 200,
    request: page('signed', '/register'),
  },
  'GET /orders/:id/approval-sheet': {
    scope: 'organization',
    status: 200,
    request: page('signed', '/approval-sheet'),
  },
  'POST /orders/:id/cancel': {
    scope: 'organization',
    status: 303,
    request: page('draft', '/cancel', { reason: 'не нужен' }),
  },
  'GET /admin/organizations': {
    scope: 'list',
    status: 200,
    request: () => ({ path: '/admin/organizations' }),
  },
  'POST /admin/organizations': {
    scope: 'self',
    status: 303,
    request: () => ({ path: '/admin/organizations', form: formOf({ name: 'НОВАЯ ШКОЛА' }) }),
  },
  'GET /admin/organizations/:id': {
    scope: 'organization',
    status: 200,
    request: (f, org) => ({ path: `/admin/organizations/${f.orgId(org)}` }),
  },
  'POST /admin/organizations/:id': {
    scope: 'organization',
    status: 303,
    request: (f, org) => ({
      path: `/admin/organizations/${f.orgId(org)}`,
      form: formOf({
        name: 'УПРАВЛЕНИЕ ОБРАЗОВАНИЯ',
        place: 'Смоленск',
        'kind-prikaz': 'on',
        'kind-rasporyazhenie': 'on',
      }),
    }),
  },
  'GET /admin/users': {
    scope: 'list',
    status: 200,
    request: () => ({ path: '/admin/users' }),
  },
  'POST /admin/users': {
    scope: 'organization',
    status: 303,
    request: (f, org) => ({
      path: '/admin/users',
      form: formOf({
        email: `${f.unique()}@test.local`,
        name: 'Новый',
        role: 'clerk',
        password: PASSWORD,
        organizationId: f.orgId(org),
      }),
    }),
  },
  'GET /admin/journals': {
    scope: 'list',
    status: 200,
    request: () => ({ path: '/admin/journals' }),
  },
  'POST /admin/journals': {
    scope: 'organization',
    status: 303,
    request: (f, org) => ({
      path: '/admin/journals',
      form: formOf({
        name: f.unique(),
        kind: 'prikaz',
        pattern: '{n}-Х',
        reset: 'never',
        organizationId: f.orgId(org),
      }),
    }),
  },
  'GET /admin/templates': {
    scope: 'list',
    status: 200,
    request: () => ({ path: '/admin/templates' }),
  },
  'POST /admin/templates': {
    scope: 'self',
    status: 303,
    installation: 422, // a template belongs to an organization
    request: () => ({ path: '/admin/templates', form: templateForm('Шаблон со страницы') }),
  },
}
Object.assign(table, pages, {
  'GET /control': {
    scope: 'list',
    status: 200,
    request: () => ({ path: '/control' }),
  },
  // one route for the board's six decisions: tried with a report, which is the controller's
  // the board's six decisions, each its own route; a director may extend and remove the items of the orders
  // they signed (the director of organization 0 signs them all)
  'POST /control/:id/report': boardItem('open', 'report', { text: 'Исполнено' }),
  'POST /control/:id/accept': boardItem('reported', 'accept', {}),
  'POST /control/:id/return': boardItem('reported', 'return', { comment: 'Не полностью' }),
  'POST /control/:id/extend': boardItem('open', 'extend', { due: '2031-12-30', reason: 'Перенос' }),
  'POST /control/:id/remove': boardItem('open', 'remove', { reason: 'Не нужно' }),
  'POST /control/:id/reopen': boardItem('removed', 'reopen', { reason: 'Снова нужно' }),
  'GET /reports/discipline': {
    scope: 'list',
    status: 200,
    installation: 422, // a report is of one organization: the installation's admin names none here
    request: () => ({ path: '/reports/discipline?from=2020-01-01&to=2031-12-31' }),
  },
  'GET /admin/executors': {
    scope: 'list',
    status: 200,
    request: () => ({ path: '/admin/executors' }),
  },
  'POST /admin/executors': {
    scope: 'self',
    status: 303,
    installation: 422, // an executor belongs to an organization
    request: (f: Fixtures) => ({
      path: '/admin/executors',
      form: formOf({ name: `Отдел ${f.unique()}`, kind: 'unit' }),
    }),
  },
  'GET /admin/calendar': {
    scope: 'list',
    status: 200, // the installation's admin is shown the first organization's, and a choice of the others
    request: () => ({ path: '/admin/calendar?year=2026' }),
  },
  'POST /admin/calendar': {
    scope: 'self',
    status: 303,
    installation: 422, // names no organization: the page's form names the one shown
    request: () => ({ path: '/admin/calendar?year=2026', form: formOf({ day: '2026-06-15', working: 'false' }) }),
  },
  'GET /verify': { status: 200, request: () => ({ path: '/verify' }) },
  // the organization CA's certificate and CRL: what relying parties fetch, without signing in
  'GET /ca/:file': { status: 200, request: (f) => ({ path: `/ca/${f.orgId(0)}.crl` }) },
  // anyone may check a file; one that is no PDF gets a page that says so
  'POST /verify': {
    status: 200,
    request: () => {
      const form = new FormData()
      form.set('file', new File([new TextEncoder().encode('not a pdf')], 'x.pdf'))
      return { path: '/verify', form }
    },
  },
} satisfies Record<string, Entry>)

const templateBytes = readFileSync(new URL('../../templates/prikaz.docx', import.meta.url))
const templateForm = (name: string) => {
  const form = new FormData()
  form.set('kind', 'prikaz')
  form.set('name', name)
  form.set('file', new File([templateBytes], 'prikaz.docx'))
  return form
}

const accessOf = (key: string): RouteAccess => {
  const access = (ROUTES as Record<string, RouteAccess>)[key]
  if (!access) throw new Error(`${key}: not in the route policy`)
  return access
}

/** What the route policy expects of one caller on one organization's data: a status, or a set of refusals. */
const expected = (key: string, entry: Entry, actor: Actor, org: Org): number[] => {
  const access = accessOf(key)
  if (access === 'public') return [entry.status]
  // a link acts for its own person, the executor's side for its own executor: nobody of the harness's callers
  if (access === 'link' || access === 'executor') return [actor === 'anonymous' ? 401 : 403]
  if (actor === 'anonymous') return [key.split(' ')[1]!.startsWith('/api/') ? 401 : 302]
  if (!mayEver(callers[actor], access)) return [403]
  if (actor === 'installation') return [entry.installation ?? entry.status]
  if (entry.scope === 'organization' && org === 1) return [403, 404]
  return [entry.status]
}

const SECRET = 'СЕКРЕТ-ДРУГОЙ-ОРГАНИЗАЦИИ'
/** The director of organization 0 signs every registered order, so that the signer's own decisions are tried. */
const directorAsSigner = { userId: '' }
/** Two points on control, so that taking one off control leaves the order on control (and the item can be reopened). */
const twoItems = [
  ...sampleContent().points,
  { text: 'Представить отчёт об исполнении плана.', executors: ['Лаврушкина Е.А.'], deadline: 'до 30.09.2030' },
]

describe.each(testDatabases())(
  'access to every route, by every caller, in and across organizations ($name)',
  ({ open }) => {
    const h = useHarness(open)
    const tokens = {} as Record<Actor, string | undefined>
    let fixtures: Fixtures

    beforeAll(async () => {
      const [own, other] = h.orgs as [(typeof h.orgs)[0], (typeof h.orgs)[0]]
      const setup: ServiceContext = {
        ...h.deps,
        actor: {
          type: 'user',
          id: '00000000-0000-0000-0000-000000000000',
          name: 'setup',
          role: 'admin',
          organizationId: null,
        },
        meta: {},
      }
      directorAsSigner.userId = (
        await createUser(setup, {
          email: 'director0@test.local',
          name: 'Директор',
          position: 'Директор',
          role: 'director',
          password: PASSWORD,
          organizationId: own.id,
        })
      ).id
      const signIn = async (email: string) => (await issueToken(h.deps, { email, password: PASSWORD })).token
      Object.assign(tokens, {
        installation: await h.installationAdmin(),
        orgAdmin: own.admin,
        clerk: own.clerk,
        controller: own.controller,
        director: await signIn('director0@test.local'),
        anonymous: undefined,
      })

      let n = 0
      const clerkOf = (org: Org) => h.orgs[org]!.clerk
      const orderIn: Fixtures['orderIn'] = async (org, state) => {
        const title = org === 1 ? `${SECRET} ${++n}` : `Свой приказ ${++n}`
        const id = (
          await h.call('POST', '/api/orders', {
            token: clerkOf(org),
            body: sampleContent({ title, ...(state === 'registered' ? { points: twoItems } : {}) }),
          })
        ).body.id
        if (state === 'draft') return id
        const route =
          state === 'approval'
            ? { approvers: [approver(0, org)], sequential: true, signer: director(0, org) }
            : state === 'signed' || org === 1
              ? { approvers: [], sequential: false, signer: director(0, org) }
              : { approvers: [], sequential: false, signer: directorAsSigner }
        const links = (await h.call('POST', `/api/orders/${id}/submit`, { token: clerkOf(org), body: route })).body
          .links
        if (state === 'signed' || state === 'registered')
          expect(
            (
              await h.call('POST', `/api/links/${tokenOf(links[0].url)}/sign`, {
                token: state === 'registered' && org === 0 ? tokens.director : undefined,
              })
            ).status,
          ).toBe(200)
        if (state === 'registered')
          expect((await h.call('POST', `/api/orders/${id}/register`, { token: clerkOf(org), body: {} })).status).toBe(
            200,
          )
        return id
      }
      const controllerOf = (org: Org) => h.orgs[org]!.controller
      const itemIn: Fixtures['itemIn'] = async (org, state) => {
        const orderId = await orderIn(org, 'registered')
        const items = (await h.call('GET', `/api/control?orderId=${orderId}`, { token: controllerOf(org) })).body.items
        const id: string = items[0].id
        const act = async (action: string, body: unknown) =>
          expect(
            (await h.call('POST', `/api/control/${id}/${action}`, { token: controllerOf(org), body })).status,
          ).toBe(200)
        if (state === 'reported') await act('report', { text: 'Исполнено' })
        if (state === 'removed') await act('remove', { reason: 'Не нужно' })
        return id
      }
      const executorIn: Fixtures['executorIn'] = async (org) => {
        const res = await h.call('POST', '/api/executors', {
          token: h.orgs[org]!.admin,
          body: { name: org === 1 ? `${SECRET} ${++n}` : `Исполнитель ${++n}`, kind: 'unit' },
        })
        expect(res.status).toBe(201)
        return res.body.id
      }
      const linksOf = async (org: Org) => {
        const id = await orderIn(org, 'draft')
        const route = { approvers: [approver(0, org), approver(1, org)], sequential: true, signer: director(0, org) }
        const links = (await h.call('POST', `/api/orders/${id}/submit`, { token: clerkOf(org), body: route })).body
          .links
        const [first, later, signer] = links.map((l: { url: string }) => tokenOf(l.url))
        return { first, later, signer }
      }
      const userIn: Fixtures['userIn'] = async (org) =>
        (
          await createUser(setup, {
            email: `${++n}-${Math.random().toString(36).slice(2, 8)}@test.local`,
            name: 'Отключаемый',
            role: 'clerk',
            password: PASSWORD,
            organizationId: h.orgs[org]!.id,
          })
        ).id
      fixtures = {
        orderIn,
        itemIn,
        executorIn,
        userIn,
        links: { 0: await linksOf(0), 1: await linksOf(1) },
        orgId: (org) => h.orgs[org]!.id,
        journalOf: (org) => h.orgs[org]!.journal,
        unique: () => `u${++n}x${Math.random().toString(36).slice(2, 8)}`,
      }
      // the other organization's own things, which no list of organization 0 may show
      const upload = await h.app.request('/api/templates', {
        method: 'POST',
        headers: { authorization: `Bearer ${other.admin}` },
        body: templateForm(SECRET),
      })
      expect(upload.status).toBe(201)
      await executorIn(1)
      await itemIn(1, 'reported')
      await h.call('POST', '/api/journals', {
        token: other.admin,
        body: { name: SECRET, kind: 'prikaz', pattern: '{n}-С', reset: 'never' },
      })
    })

    const routeKeys = () => [
      ...new Set(h.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`)),
    ]

    it('has every route of the app in the route policy and here, and none for a route that is gone', () => {
      const keys = routeKeys()
      const policy = Object.keys(ROUTES)
      expect(
        keys.filter((k) => !policy.includes(k)),
        'routes missing from src/http/route-policy.ts',
      ).toEqual([])
      expect(
        policy.filter((k) => !keys.includes(k)),
        'route policy lines for no route',
      ).toEqual([])
      expect(
        keys.filter((k) => !(k in table)),
        'routes with no entry in the access table',
      ).toEqual([])
      expect(
        Object.keys(table).filter((k) => !keys.includes(k)),
        'entries for no route',
      ).toEqual([])
      expect(
        keys.filter((k) => !['public', 'link', 'executor'].includes(accessOf(k)) && !table[k]?.scope),
        'routes of an action whose entry names no scope',
      ).toEqual([])
    })

    it('answers every caller as the table says, and never shows another organization', async () => {
      const otherMarks = [SECRET, h.orgs[1]!.id, 'СРЕДНЯЯ ШКОЛА № 5']
      const wrong: string[] = []
      for (const key of routeKeys()) {
        const entry = table[key]
        if (!entry) continue
        const method = key.split(' ')[0]!
        for (const actor of actors) {
          for (const org of [0, 1] as Org[]) {
            const req = await entry.request(fixtures, org)
            const token = tokens[actor]
            const res = await h.app.request(req.path, {
              method,
              headers: {
                ...(token ? { authorization: `Bearer ${token}` } : {}),
                ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
                ...(req.text !== undefined ? { 'content-type': 'text/plain; charset=utf-8' } : {}),
              },
              body: req.form ?? req.text ?? (req.body === undefined ? undefined : JSON.stringify(req.body)),
            })
            const text = await res.text()
            const want = expected(key, entry, actor, org)
            if (!want.includes(res.status))
              wrong.push(`${key} as ${actor} on org ${org}: ${res.status}, want ${want.join('/')}`)
            const access = accessOf(key)
            const sealed =
              access !== 'public' &&
              access !== 'link' &&
              access !== 'executor' &&
              actor !== 'installation' &&
              entry.scope !== 'self'
            const leak = sealed && (entry.scope === 'list' || org === 1) && otherMarks.find((m) => text.includes(m))
            if (leak) wrong.push(`${key} as ${actor} on org ${org}: the body shows «${leak}» of the other organization`)
          }
        }
        // the link's own person (signed in as the account it was issued to: the harness's call) gets the answer
        if (accessOf(key) === 'link')
          for (const org of [0, 1] as Org[]) {
            const req = await entry.request(fixtures, org)
            const res = await h.call(method, req.path, { body: req.body })
            if (res.status !== entry.status)
              wrong.push(`${key} as the link's person on org ${org}: ${res.status}, want ${entry.status}`)
          }
      }
      expect(wrong).toEqual([])
    }, 240_000)
  },
)
