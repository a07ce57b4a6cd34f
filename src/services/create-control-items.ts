import { initialTransition } from 'xstate'
import { CONTROL_ITEM_MACHINE_VERSION, controlItemMachine } from '../../workflows/control-item.machine'
import { insertAuditEvent } from '../db/audit'
import type { Db } from '../db/client'
import { insertControlItems } from '../db/control-items'
import { listExecutors } from '../db/executors'
import { findOrder, findOrderContent, type OrderRow, updateOrder } from '../db/orders'
import { OrderError } from '../domain/errors'
import type { controlItems, WrittenExecutor } from '../db/schema'
import { type Appendix, type OrderContent, type Point, searchableText } from '../domain/content'
import { controlDueDate } from '../domain/control-practice'
import { orderPeriodEnd, schoolYearOf } from '../domain/deadlines'
import { readWrittenDeadline } from '../domain/import/deadline-in-sentence'
import { type DirectoryEntry, matchExecutor, splitExecutors } from '../domain/executors'
import { numberPoints, type NumberedPoint } from '../domain/numbering'
import { orderEvent } from './audit'
import type { ServiceContext } from './context'
import { organizationCalendar, organizationPractice } from './control-settings'

/** What the content puts on control, before dates are applied: a point or a table row with an executor or a deadline. */
export type ControlCandidate = {
  source: { kind: 'point'; path: string } | { kind: 'row'; appendix: number; row: number; number?: string }
  label: string
  text: string
  deadline: string | null
  executors: string[]
}

const pointCandidates = (numbered: NumberedPoint<Point>[]): ControlCandidate[] =>
  numbered.flatMap(({ number, point, children }) => {
    const executors = (point.executors ?? []).flatMap(splitExecutors)
    const deadline = point.deadline?.trim() || null
    const path = number.replace(/\.$/, '')
    const own: ControlCandidate[] =
      executors.length || deadline
        ? [{ source: { kind: 'point', path }, label: `п. ${path}`, text: point.text, deadline, executors }]
        : []
    return [...own, ...pointCandidates(children)]
  })

/**
 * Rows of an appendix table with an executor column and a deadline column. A row is on control when
 * it names an executor or a deadline; section rows, and rows with both cells empty (a heading
 * typed as a row), are not.
 */
const rowCandidates = (appendix: Appendix, index: number): ControlCandidate[] => {
  const columns = appendix.table?.columns ?? []
  const col = (role: string) => columns.findIndex((c) => c.role === role)
  const [executorCol, deadlineCol, numberCol, activityCol] = ['executor', 'deadline', 'number', 'activity'].map(col)
  if (!appendix.table || executorCol === -1 || deadlineCol === -1) return []
  return appendix.table.rows.flatMap((row, i) => {
    if (!('cells' in row)) return []
    const executors = splitExecutors(row.cells[executorCol!] ?? '')
    const deadline = row.cells[deadlineCol!]?.trim() || null
    if (!executors.length && !deadline) return []
    const number = numberCol! >= 0 ? row.cells[numberCol!]?.trim() || undefined : undefined
    const text =
      (activityCol! >= 0 ? row.cells[activityCol!]?.trim() : '') ||
      row.cells.filter((_, k) => k !== executorCol && k !== deadlineCol && k !== numberCol).find((c) => c.trim()) ||
      ''
    return [
      {
        source: { kind: 'row', appendix: index + 1, row: i + 1, ...(number ? { number } : {}) },
        label: `прил. ${index + 1}, ${number ? `п. ${number}` : `стр. ${i + 1}`}`,
        text,
        deadline,
        executors,
      },
    ]
  })
}

/** Every point and appendix row of the content that goes on control, in reading order. */
export const controlCandidates = (content: OrderContent): ControlCandidate[] => [
  ...pointCandidates(numberPoints(content.points)),
  ...(content.appendices ?? []).flatMap(rowCandidates),
]

const resolve = (written: string, directory: readonly DirectoryEntry[]): WrittenExecutor => ({
  written,
  executorId: matchExecutor(written, directory)?.id ?? null,
})

/**
 * Puts a registered order's points and roadmap rows on control, inside the registration's
 * transaction: one item each, its due date from the deadline as written, the registration date and
 * the organization's practice and calendar. Executors are resolved against the directory; an
 * unresolved one is kept as written. One audit event on the order's chain records the count.
 */
export const createControlItems = async (
  tx: Db,
  ctx: ServiceContext,
  { id }: Pick<OrderRow, 'id'>,
  registration: { number: string; date: string },
) => {
  // read again inside the transaction: registration has just moved the order's audit head
  const order = await findOrder(tx, id)
  if (!order) throw new OrderError('not_found', 'Приказ не найден')
  const content = await findOrderContent(tx, order.id, order.version)
  const candidates = controlCandidates(content)
  if (!candidates.length) return { items: 0, auditHash: order.auditHash }
  const reference = registration.date
  const schoolYear = schoolYearOf(searchableText(content))
  const [practice, calendar, directoryRows] = await Promise.all([
    organizationPractice(tx, order.organizationId),
    organizationCalendar(tx, order.organizationId),
    listExecutors(tx, order.organizationId),
  ])
  const directory: DirectoryEntry[] = directoryRows.map((e) => ({
    id: e.id,
    name: e.name,
    kind: e.kind,
    ...(e.email ? { email: e.email } : {}),
  }))
  // the order's period: a recurring item rolls over until it ends, unless its deadline names its own end
  const periodEnd = orderPeriodEnd(schoolYear, reference)
  const now = ctx.clock.now()
  const rows: (typeof controlItems.$inferInsert)[] = candidates.map((c) => {
    const parsed = c.deadline
      ? readWrittenDeadline(c.deadline, reference, schoolYear ? { schoolYear } : undefined)
      : null
    const due = controlDueDate(parsed, reference, practice, calendar)
    const [responsible, ...co] = c.executors.map((w) => resolve(w, directory))
    const [snapshot] = initialTransition(controlItemMachine, {
      due,
      until: parsed?.until ?? periodEnd,
      // a recurring deadline, or a continuous duty with its yearly report, rolls over when reported
      recurring: parsed?.kind === 'recurring' || parsed?.kind === 'continuous',
    })
    return {
      organizationId: order.organizationId,
      orderId: order.id,
      source: c.source,
      sourceLabel: c.label,
      text: c.text,
      deadlineText: c.deadline,
      deadline: parsed,
      registeredOn: reference,
      dueDate: due,
      responsible: responsible?.written ?? null,
      responsibleId: responsible?.executorId ?? null,
      coExecutors: co,
      snapshot: { value: snapshot.value as string, context: snapshot.context },
      machineVersion: CONTROL_ITEM_MACHINE_VERSION,
      createdAt: now,
      updatedAt: now,
    }
  })
  await insertControlItems(tx, rows)
  const unresolved = rows.flatMap((r) => [
    ...(r.responsible && !r.responsibleId ? [r.responsible] : []),
    ...(r.coExecutors ?? []).filter((e) => !e.executorId).map((e) => e.written),
  ])
  const audit = orderEvent(ctx, order, {
    action: 'control_items_created',
    data: { items: rows.length, unresolvedExecutors: [...new Set(unresolved)], number: registration.number },
    at: now,
  })
  await Promise.all([insertAuditEvent(tx, audit), updateOrder(tx, order.id, { auditHash: audit.hash })])
  return { items: rows.length, auditHash: audit.hash }
}
