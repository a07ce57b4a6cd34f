import type { Context } from 'hono'
import type { JSX } from 'hono/jsx/jsx-runtime'
import { calendarDate } from '../../domain/dates'
import { OrderError } from '../../domain/errors'
import { issueToken } from '../../services/auth'
import type { Authenticator } from '../../services/auth'
import { cancelOrder } from '../../services/cancel-order'
import {
  acceptControlItem,
  extendControlItem,
  removeControlItem,
  reopenControlItem,
  reportControlItem,
  returnControlItem,
} from '../../services/control-item-actions'
import { changeCalendar, getCalendar } from '../../services/control-settings'
import { getDisciplineReport } from '../../services/discipline-report'
import { createExecutor, findExecutors, findUnresolvedExecutors } from '../../services/executors'
import { controlBoard } from '../../services/list-control-items'
import { getOrder } from '../../services/get-order'
import { createJournal, findJournals } from '../../services/journals'
import { stateNames, statusLabelOf } from '../../services/lifecycle'
import { findOrders } from '../../services/list-orders'
import { submitOrder } from '../../services/submit-order'
import { newOrderDefaults } from '../../services/organization-profile'
import { suggestRoute } from '../../services/route-suggestion'
import { listPeople } from '../../services/people'
import { findTemplates, uploadTemplate } from '../../services/templates'
import { createOrganization, createUser, findOrganizations, findUsers } from '../../services/users'
import { statusOf } from '../errors'
import type { AppEnv } from '../middleware/context'
import { clearSessionCookie, preSessionCsrf, SESSION_TTL_MS, setSessionCookie } from '../middleware/session'
import { type Flash, JournalsPage, OrganizationsPage, TemplatesPage, UsersPage } from '../pages/AdminPages'
import { CalendarPage, ExecutorsPage } from '../pages/AdminPages'
import { ControlPage } from '../pages/ControlPage'
import { DisciplinePage } from '../pages/DisciplinePage'
import { EditorPage } from '../pages/EditorPage'
import { ErrorPage } from '../pages/ErrorPage'
import type { Viewer } from '../pages/Layout'
import { OrderPage, type OrderPageProps } from '../pages/OrderPage'
import { OrdersPage } from '../pages/OrdersPage'
import { SignInPage } from '../pages/SignInPage'
import { createRouter } from '../router'
import { doneFlash, failure, flashOf, formOf, lines, optional, SignInFirst, text, viewerOf } from './page-kit'
import { organizationPages } from './organization-pages'
import { passwordPages } from './password-pages'
import { addRecordPages } from './record-pages'

type C = Context<AppEnv>
type HtmlContent = JSX.Element

/** Where a role starts: its start page of what waits (an admin's people). */
const homeOf = (role: Viewer['role']) => (role === 'admin' ? '/admin/users' : '/start')

/** Only a path of this site: never `//host` or a scheme, so sign-in cannot send anyone elsewhere. */
const safeNext = (next: unknown) =>
  typeof next === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) && next.length < 500 ? next : undefined

const states = Object.entries(stateNames).map(([value, label]) => ({ value, label }))

/** The approvers of the submit form (people picked by account), grouped into steps by the step each row names. */
const stepsFromForm = (form: Record<string, unknown>) => {
  const byStep = new Map<number, { userId: string }[]>()
  for (let i = 0; i < 20; i++) {
    const userId = optional(form[`a${i}-user`])
    if (!userId) continue
    const step = Number(text(form[`a${i}-step`]) || '1')
    byStep.set(step, [...(byStep.get(step) ?? []), { userId }])
  }
  return [...byStep.entries()].sort(([a], [b]) => a - b).map(([, people]) => people)
}

/** The route offered to whoever may send (the use case asks the role); the others see the page without it. */
const offeredRoute = (c: C, id: string) =>
  suggestRoute(c.var.ctx, id).catch((e) => {
    if (e instanceof OrderError && e.code === 'forbidden') return undefined
    throw e
  })

const orderPage = async (c: C, id: string, extra: Partial<Pick<OrderPageProps, 'links' | 'message'>> = {}) => {
  const viewer = viewerOf(c)
  const [order, journals] = await Promise.all([getOrder(c.var.ctx, id), findJournals(c.var.ctx)])
  // the people a route may name: the order's organization's active accounts (only when it can be sent)
  const sendable = order.allowedActions.includes('submit')
  const [people, route] = sendable
    ? await Promise.all([listPeople(c.var.ctx, order.organizationId).then((p) => p.items), offeredRoute(c, id)])
    : [[], undefined]
  // the editor's redirect names the version it saved; any other text in the address is no note of ours
  const saved = /^\d{1,9}$/.exec(c.req.query('saved') ?? '')?.[0]
  const message =
    extra.message ?? doneFlash(c) ?? (saved ? { kind: 'ok' as const, text: `Сохранена версия ${saved}.` } : undefined)
  return (
    <OrderPage
      viewer={viewer}
      order={{ ...order, statusLabel: statusLabelOf(order) }}
      journals={journals.items.filter((j) => j.kind === order.kind)}
      links={extra.links}
      message={message}
      people={people}
      route={route}
    />
  )
}

/** The server-rendered pages clerks, directors, controllers and admins work in. */
export const pageRoutes = (auth: Authenticator) => {
  const pages = createRouter()

  pages.onError((e, c) => {
    if (e instanceof SignInFirst) {
      const next = c.req.method === 'GET' ? `?next=${encodeURIComponent(c.req.path)}` : ''
      return c.redirect(`/signin${next}`)
    }
    if (!(e instanceof OrderError)) throw e
    const viewer = c.var.ctx.actor.type === 'user' ? viewerOf(c) : undefined
    const title = e.code === 'forbidden' ? 'Нет доступа' : e.code === 'not_found' ? 'Не найдено' : 'Действие невозможно'
    return c.html(<ErrorPage title={title} message={e.message} viewer={viewer} hint="" />, statusOf[e.code])
  })

  pages.get('/', (c) => {
    const actor = c.var.ctx.actor
    return c.redirect(actor.type === 'user' ? homeOf(actor.role) : '/signin')
  })

  pages.get('/signin', (c) => c.html(<SignInPage csrf={preSessionCsrf(c)} next={safeNext(c.req.query('next'))} />))

  pages.post('/signin', async (c) => {
    const form = await formOf(c)
    const next = safeNext(form.next)
    try {
      const { token, user } = await issueToken(
        c.var.ctx,
        { email: text(form.email), password: text(form.password) },
        { ttlMs: SESSION_TTL_MS },
      )
      setSessionCookie(c, token)
      return c.redirect(next ?? homeOf(user.role as Viewer['role']), 303)
    } catch (e) {
      const flash = flashOf(e)
      return c.html(<SignInPage csrf={preSessionCsrf(c)} next={next} error={flash} />, failure(e))
    }
  })

  pages.post('/signout', async (c) => {
    if (c.var.session) await auth.signOut(c.var.session.token)
    clearSessionCookie(c)
    return c.redirect('/signin', 303)
  })

  pages.get('/orders', async (c) => {
    const viewer = viewerOf(c)
    const q = optional(c.req.query('q'))
    const status = optional(c.req.query('status'))
    const signer = optional(c.req.query('signer'))
    const cursor = optional(c.req.query('cursor'))
    try {
      const list = await findOrders(c.var.ctx, { q, status, signer, cursor, limit: '25' })
      return c.html(<OrdersPage viewer={viewer} {...list} q={q} status={status} signer={signer} states={states} />)
    } catch (e) {
      const flash = flashOf(e)
      return c.html(
        <OrdersPage
          viewer={viewer}
          items={[]}
          nextCursor={null}
          q={q}
          status={status}
          signer={signer}
          states={states}
          error={flash}
        />,
        failure(e),
      )
    }
  })

  pages.get('/orders/new', async (c) => {
    const viewer = viewerOf(c)
    const [found, defaults] = await Promise.all([findTemplates(c.var.ctx), newOrderDefaults(c.var.ctx)])
    const templates = found.items.filter((t) => !('builtIn' in t && t.builtIn))
    return c.html(<EditorPage viewer={viewer} templates={templates} defaults={defaults} />)
  })

  pages.get('/orders/:id/edit', async (c) => {
    const viewer = viewerOf(c)
    const order = await getOrder(c.var.ctx, c.req.param('id'))
    if (!order.allowedActions.includes('edit'))
      throw new OrderError('lifecycle_forbids', 'Редактировать можно только проект')
    const templates = (await findTemplates(c.var.ctx)).items.filter((t) => !('builtIn' in t && t.builtIn))
    return c.html(
      <EditorPage
        viewer={viewer}
        orderId={order.id}
        version={order.version}
        content={order.content}
        templates={templates}
      />,
    )
  })

  pages.get('/orders/:id', async (c) => c.html(await orderPage(c, c.req.param('id'))))
  addRecordPages(pages, { viewerOf, flashOf, failure, orderPage })

  /** A decision on the order page: done → back to the page with a note; refused → the page with the reasons. */
  const orderAction =
    (run: (c: C, id: string, form: Record<string, unknown>) => Promise<unknown>, done: string) => async (c: C) => {
      viewerOf(c)
      const id = c.req.param('id') ?? ''
      const form = await formOf(c)
      try {
        await run(c, id, form)
        return c.redirect(`/orders/${id}?done=${done}`, 303)
      } catch (e) {
        return c.html(await orderPage(c, id, { message: flashOf(e) }), failure(e))
      }
    }

  pages.post('/orders/:id/submit', async (c) => {
    viewerOf(c)
    const id = c.req.param('id')
    const form = await formOf(c)
    try {
      const signer = { userId: text(form['signer-user']).trim() }
      const { links } = await submitOrder(c.var.ctx, id, { steps: stepsFromForm(form), signer })
      return c.html(await orderPage(c, id, { links, message: { kind: 'ok', text: 'Отправлено на согласование.' } }))
    } catch (e) {
      // an unfinished draft's problems name their place in their message («Пункт 1.10: нет текста»): no path
      const flash = flashOf(e)
      const details = flash.details?.map((d) => ({ path: '', message: d.message }))
      return c.html(await orderPage(c, id, { message: { ...flash, details } }), failure(e))
    }
  })

  pages.post(
    '/orders/:id/cancel',
    orderAction((c, id, form) => cancelOrder(c.var.ctx, id, { reason: text(form.reason) }), 'cancelled'),
  )

  /** An admin list with its creation form: done → back to the list; refused → the list with the reasons. */
  const adminPage = (
    path: string,
    render: (c: C, viewer: Viewer, flash?: Flash) => Promise<HtmlContent>,
    create: (c: C, form: Record<string, unknown>) => Promise<unknown>,
  ) => {
    pages.get(path, async (c) => c.html(await render(c, viewerOf(c), doneFlash(c))))
    pages.post(path, async (c) => {
      const viewer = viewerOf(c)
      const form = await formOf(c)
      try {
        await create(c, form)
        // back to the same view (the calendar's year and organization), with the notice
        return c.redirect(`${path}?${new URLSearchParams({ ...c.req.query(), done: 'created' })}`, 303)
      } catch (e) {
        return c.html(await render(c, viewer, flashOf(e)), failure(e))
      }
    })
  }

  adminPage(
    '/admin/organizations',
    async (c, viewer, flash) => (
      <OrganizationsPage viewer={viewer} items={(await findOrganizations(c.var.ctx)).items} flash={flash} />
    ),
    (c, form) =>
      createOrganization(c.var.ctx, {
        name: lines(form.name),
        ...(lines(form.parent).length ? { parent: lines(form.parent) } : {}),
        ...(optional(form.place) ? { place: optional(form.place) } : {}),
      }),
  )
  adminPage(
    '/admin/users',
    async (c, viewer, flash) => {
      const [users, orgs] = await Promise.all([findUsers(c.var.ctx), findOrganizations(c.var.ctx)])
      return <UsersPage viewer={viewer} items={users.items} organizations={orgs.items} flash={flash} />
    },
    (c, form) =>
      createUser(c.var.ctx, {
        email: text(form.email),
        name: text(form.name),
        role: text(form.role),
        password: text(form.password),
        ...(optional(form.position) ? { position: optional(form.position) } : {}),
        ...(optional(form.organizationId) ? { organizationId: optional(form.organizationId) } : {}),
      }),
  )
  adminPage(
    '/admin/journals',
    async (c, viewer, flash) => {
      const [journals, orgs] = await Promise.all([findJournals(c.var.ctx), findOrganizations(c.var.ctx)])
      return <JournalsPage viewer={viewer} items={journals.items} organizations={orgs.items} flash={flash} />
    },
    (c, form) =>
      createJournal(c.var.ctx, {
        name: text(form.name),
        kind: text(form.kind),
        pattern: text(form.pattern),
        reset: text(form.reset),
        ...(optional(form.organizationId) ? { organizationId: optional(form.organizationId) } : {}),
      }),
  )
  adminPage(
    '/admin/templates',
    async (c, viewer, flash) => (
      <TemplatesPage viewer={viewer} items={(await findTemplates(c.var.ctx)).items} flash={flash} />
    ),
    async (c, form) => {
      const file = form.file
      return uploadTemplate(c.var.ctx, {
        kind: form.kind,
        name: optional(form.name) ?? (file instanceof File ? file.name : undefined),
        bytes: file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : undefined,
      })
    },
  )

  pages.get('/control', async (c) => {
    const viewer = viewerOf(c)
    const view = (['executor', 'order'] as const).find((v) => v === c.req.query('view')) ?? 'timing'
    const { items, orders } = await controlBoard(c.var.ctx)
    return c.html(<ControlPage viewer={viewer} items={items} orders={orders} view={view} flash={doneFlash(c)} />)
  })

  const decisions = {
    report: (c: C, id: string, f: Record<string, unknown>) => reportControlItem(c.var.ctx, id, { text: text(f.text) }),
    accept: (c: C, id: string) => acceptControlItem(c.var.ctx, id),
    return: (c: C, id: string, f: Record<string, unknown>) =>
      returnControlItem(c.var.ctx, id, { comment: text(f.comment) }),
    extend: (c: C, id: string, f: Record<string, unknown>) =>
      extendControlItem(c.var.ctx, id, { due: text(f.due), reason: text(f.reason) }),
    remove: (c: C, id: string, f: Record<string, unknown>) =>
      removeControlItem(c.var.ctx, id, { reason: text(f.reason) }),
    reopen: (c: C, id: string, f: Record<string, unknown>) =>
      reopenControlItem(c.var.ctx, id, { reason: text(f.reason) }),
  }
  const decisionDone = {
    report: 'reported',
    accept: 'accepted',
    return: 'returned',
    extend: 'extended',
    remove: 'removed',
    reopen: 'reopened',
  } as const
  // one route a decision, so that each is one line of the route policy (http/route-policy.ts)
  for (const action of Object.keys(decisions) as (keyof typeof decisions)[])
    pages.post(`/control/:id/${action}`, async (c) => {
      const viewer = viewerOf(c)
      const form = await formOf(c)
      try {
        await decisions[action](c, c.req.param('id'), form)
        return c.redirect(`/control?done=${decisionDone[action]}`, 303)
      } catch (e) {
        const flash = flashOf(e)
        const { items, orders } = await controlBoard(c.var.ctx)
        return c.html(
          <ControlPage viewer={viewer} items={items} orders={orders} view="timing" flash={flash} />,
          failure(e),
        )
      }
    })

  pages.get('/reports/discipline', async (c) => {
    const viewer = viewerOf(c)
    const today = calendarDate(c.var.ctx.clock.now())
    const from = optional(c.req.query('from')) ?? `${today.slice(0, 4)}-01-01`
    const to = optional(c.req.query('to')) ?? today
    try {
      const { report } = await getDisciplineReport(c.var.ctx, { from, to })
      return c.html(<DisciplinePage viewer={viewer} from={from} to={to} report={report} />)
    } catch (e) {
      return c.html(<DisciplinePage viewer={viewer} from={from} to={to} flash={flashOf(e)} />, failure(e))
    }
  })

  adminPage(
    '/admin/executors',
    async (c, viewer, flash) => {
      const [executors, unresolved] = await Promise.all([findExecutors(c.var.ctx), findUnresolvedExecutors(c.var.ctx)])
      return <ExecutorsPage viewer={viewer} items={executors.items} unresolved={unresolved.items} flash={flash} />
    },
    (c, form) =>
      createExecutor(c.var.ctx, {
        name: text(form.name),
        kind: text(form.kind),
        ...(optional(form.email) ? { email: optional(form.email) } : {}),
      }),
  )

  const calendarYear = (c: C) => {
    const year = Number(c.req.query('year'))
    return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : c.var.ctx.clock.now().getUTCFullYear()
  }
  /**
   * Whose calendar: the admin's own organization; the installation's admin, who has none, chooses one
   * (`?organizationId=`, the first by name until then) and is shown the choice.
   */
  const calendarOrganizations = async (c: C, viewer: Viewer) => {
    if (!viewer.global) return { organizationId: undefined, organizations: undefined }
    const organizations = (await findOrganizations(c.var.ctx)).items
      .map((o) => ({ id: o.id, name: o.name.join(' ') }))
      .sort((a, b) => a.name.localeCompare(b.name, 'ru'))
    const wanted = c.req.query('organizationId')
    return { organizationId: wanted || organizations[0]?.id, organizations }
  }
  adminPage(
    '/admin/calendar',
    async (c, viewer, flash) => {
      const { organizationId, organizations } = await calendarOrganizations(c, viewer)
      if (organizations && !organizationId)
        throw new OrderError('not_found', 'Организаций ещё нет: создайте организацию, затем её календарь')
      const calendar = await getCalendar(c.var.ctx, {
        year: calendarYear(c),
        ...(organizationId ? { organizationId } : {}),
      })
      return <CalendarPage viewer={viewer} {...calendar} organizations={organizations} flash={flash} />
    },
    (c, form) =>
      changeCalendar(c.var.ctx, {
        ...(c.req.query('organizationId') ? { organizationId: c.req.query('organizationId') } : {}),
        days: [
          {
            day: text(form.day),
            working: text(form.working) === 'true',
            ...(optional(form.note) ? { note: optional(form.note) } : {}),
          },
        ],
      }),
  )

  organizationPages(pages)
  passwordPages(pages, auth)
  return pages
}
