import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { JSX } from 'hono/jsx/jsx-runtime'
import { kindNames } from '../../domain/content'
import { russianDate } from '../../domain/dates'
import { OrderError } from '../../domain/errors'
import { isUuid } from '../../services/access'
import { getOrder } from '../../services/get-order'
import { getJournalRecord } from '../../services/journal-record'
import { findJournals } from '../../services/journals'
import { previewRegistration } from '../../services/preview-registration'
import { registerOrder } from '../../services/register-order'
import { getStartPage } from '../../services/start-page'
import type { AppEnv } from '../middleware/context'
import type { Flash } from '../pages/AdminPages'
import { ApprovalSheetPage } from '../pages/ApprovalSheetPage'
import { JournalPage, JournalsListPage } from '../pages/JournalPage'
import type { Viewer } from '../pages/Layout'
import type { OrderPageProps } from '../pages/OrderPage'
import { RegisterConfirmPage } from '../pages/RegisterConfirmPage'
import { StartPage } from '../pages/StartPage'
import type { createRouter } from '../router'

type C = Context<AppEnv>

/** What the pages' router lends these pages: who is looking, refusals as notes, the order page. */
export type PageKit = {
  viewerOf: (c: C) => Viewer
  flashOf: (e: unknown) => Flash
  failure: (e: unknown) => ContentfulStatusCode
  orderPage: (c: C, id: string, extra?: Partial<Pick<OrderPageProps, 'message'>>) => Promise<JSX.Element>
}

const formOf = async (c: C) => (await c.req.parseBody({ all: false }).catch(() => ({}))) as Record<string, unknown>
const optional = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined)

/** The order's files, registration confirmed, the approval sheet: pages of the record, on the pages' router. */
export const addRecordPages = (pages: ReturnType<typeof createRouter>, kit: PageKit) => {
  const { viewerOf, flashOf, failure, orderPage } = kit

  const confirmation = async (c: C, id: string, wanted: Record<string, unknown>, flash?: Flash) => {
    const viewer = viewerOf(c)
    const [order, preview] = await Promise.all([
      getOrder(c.var.ctx, id),
      previewRegistration(c.var.ctx, id, {
        journalId: optional(wanted.journalId),
        literaOf: optional(wanted.literaOf),
      }),
    ])
    return (
      <RegisterConfirmPage
        viewer={viewer}
        order={{ id, title: order.content.title, kindName: kindNames[order.kind].nominative }}
        preview={preview}
        flash={flash}
      />
    )
  }

  /** The number registering would take, to confirm; refused (not signed, unknown litera) → the order page says why. */
  pages.get('/orders/:id/register', async (c) => {
    const id = c.req.param('id')
    try {
      return c.html(await confirmation(c, id, c.req.query()))
    } catch (e) {
      return c.html(await orderPage(c, id, { message: flashOf(e) }), failure(e))
    }
  })

  /**
   * Registers under the number confirmed. A form without one (an old page, a script) is shown the confirmation,
   * never registered; a number taken meanwhile shows the confirmation again with the new number and why.
   */
  pages.post('/orders/:id/register', async (c) => {
    const id = c.req.param('id')
    const form = await formOf(c)
    const expectedNumber = optional(form.expectedNumber)
    try {
      if (!expectedNumber) return c.html(await confirmation(c, id, form))
      await registerOrder(c.var.ctx, id, {
        journalId: optional(form.journalId),
        literaOf: optional(form.literaOf),
        expectedNumber,
      })
      return c.redirect(`/orders/${id}?done=registered`, 303)
    } catch (e) {
      if (e instanceof OrderError && e.code === 'number_changed')
        return c.html(await confirmation(c, id, form, flashOf(e)), 409)
      return c.html(await orderPage(c, id, { message: flashOf(e) }), failure(e))
    }
  })

  /** What waits for the person signed in: their role's start page. */
  pages.get('/start', async (c) => {
    const viewer = viewerOf(c)
    return c.html(<StartPage viewer={viewer} start={await getStartPage(c.var.ctx)} />)
  })

  /** The journals of the organization; one alone opens at once. */
  pages.get('/journals', async (c) => {
    const viewer = viewerOf(c)
    const journals = (await findJournals(c.var.ctx)).items
    if (journals.length === 1) return c.redirect(`/journals/${journals[0]!.id}`)
    return c.html(<JournalsListPage viewer={viewer} journals={journals} />)
  })

  /** The journal and year chosen in the page's form (a GET form names them as query parameters). */
  pages.get('/journals/go', (c) => {
    const journal = c.req.query('journal') ?? ''
    const year = /^\d{4}$/.exec(c.req.query('year') ?? '')?.[0]
    if (!isUuid(journal)) throw new OrderError('not_found', 'Журнал регистрации не найден')
    return c.redirect(`/journals/${journal}${year ? `?year=${year}` : ''}`)
  })

  pages.get('/journals/:id', async (c) => {
    const viewer = viewerOf(c)
    const [result, journals] = await Promise.all([
      getJournalRecord(c.var.ctx, c.req.param('id'), { year: c.req.query('year') }),
      findJournals(c.var.ctx),
    ])
    return c.html(<JournalPage viewer={viewer} record={result.record} years={result.years} journals={journals.items} />)
  })

  pages.get('/orders/:id/approval-sheet', async (c) => {
    const viewer = viewerOf(c)
    const order = await getOrder(c.var.ctx, c.req.param('id'))
    const requisites = order.number ? `№ ${order.number} от ${russianDate(order.date ?? '')}` : 'не зарегистрирован'
    return c.html(
      <ApprovalSheetPage
        viewer={viewer}
        order={{ id: order.id, title: order.content.title, requisites }}
        lines={order.approvals}
      />,
    )
  })
}
