import { PROJECT_STATES } from '../../workflows/order.machine'
import type { Db } from '../db/client'
import { findOrderContent, type OrderRow } from '../db/orders'
import { findTemplateBytes } from '../db/templates'
import { findOrganization } from '../db/users'
import { checkOrder } from '../domain/check-order'
import { kindNames } from '../domain/content'
import { calendarDate, russianDate } from '../domain/dates'
import { builtInTemplate } from '../documents/builtin-templates'
import { renderDocx } from '../documents/docx'
import { buildOrderView } from '../documents/order-view'
import { renderPdf } from '../documents/pdf'
import { isUuid, loadOrder, requireUser } from './access'
import type { ServiceContext } from './context'

export const withContent = async (db: Db, order: OrderRow) => {
  const [content, org] = await Promise.all([
    findOrderContent(db, order.id, order.version),
    findOrganization(db, order.organizationId),
  ])
  return { order, content, org: org! }
}

const loadForRendering = async (ctx: ServiceContext, orderId: string) =>
  withContent(ctx.db, await loadOrder(ctx.db, requireUser(ctx), orderId))

/** `Приказ_226-1-г_от_05.09.2024.pdf` for a registered order, `Проект_приказа_<id>.pdf` otherwise. */
export const documentFileName = (
  kind: 'prikaz' | 'rasporyazhenie',
  id: string,
  number: string | null,
  date: string | null,
  ext: string,
) => {
  const names = kindNames[kind]
  if (number && date)
    return `${names.nominative[0]!.toUpperCase()}${names.nominative.slice(1)}_${number.replace(/[/\\]/g, '-')}_от_${russianDate(date)}.${ext}`
  return `Проект_${names.genitive}_${id}.${ext}`
}

/** The current rendering of an order, appendices included, as PDF or DOCX. */
export const renderOrderDocument = async (ctx: ServiceContext, orderId: string, format: 'pdf' | 'docx') =>
  renderLoaded(ctx.db, await loadForRendering(ctx, orderId), format)

/** The order as every rendering shows it: the PDF, the DOCX and the link page. */
export const viewOfOrder = ({ order, content, org }: Awaited<ReturnType<typeof withContent>>) =>
  buildOrderView(content, {
    draft: PROJECT_STATES.includes(order.status),
    number: order.number,
    date: order.date,
    organization: { name: org.name, parent: org.parent, place: org.place },
  })

export const renderLoaded = async (db: Db, loaded: Awaited<ReturnType<typeof withContent>>, format: 'pdf' | 'docx') => {
  const { order, content } = loaded
  const view = viewOfOrder(loaded)
  const fileName = documentFileName(order.kind, order.id, order.number, order.date, format)
  if (format === 'pdf')
    return { bytes: await renderPdf(view, { createdAt: order.updatedAt }), fileName, contentType: 'application/pdf' }
  const uploaded =
    content.templateId && isUuid(content.templateId)
      ? await findTemplateBytes(db, content.templateId, order.organizationId, order.kind)
      : undefined
  const template = uploaded ? new Uint8Array(uploaded) : builtInTemplate(order.kind)
  return {
    bytes: renderDocx(template, view),
    fileName,
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  }
}

/** The order linter on the current version; deadlines are judged at the registration date, or today. */
export const checkOrderContent = async (ctx: ServiceContext, orderId: string) => {
  const { order, content } = await loadForRendering(ctx, orderId)
  return { problems: checkOrder(content, { reference: order.date ?? calendarDate(ctx.clock.now()) }) }
}
