import type { JSX } from 'hono/jsx/jsx-runtime'
import { russianDate } from '../../domain/dates'
import { type Flash, FlashNotice } from './AdminPages'
import { CsrfField, Layout, type Viewer } from './Layout'

export type BoardItem = {
  id: string
  orderId: string
  label: string
  text: string
  deadline: string | null
  due: string | null
  status: string
  timing: string
  responsible: { written: string } | null
  coExecutors: { written: string }[]
  report?: { text: string; on: string } | null
  extensions: { from: string | null; to: string; reason: string }[]
  /** what this viewer may do with the item now (its machine's state and the policy): the buttons shown */
  allowedActions: string[]
}

export type BoardOrder = { id: string; title: string; number: string | null; date: string | null; signerEmail?: string }

export type ControlPageProps = {
  viewer: Viewer
  items: BoardItem[]
  orders: Record<string, BoardOrder>
  view: 'timing' | 'executor' | 'order'
  flash?: Flash
}

const timingNames: Record<string, string> = {
  overdue: 'просрочено',
  due_soon: 'срок скоро',
  not_due: 'на контроле',
  no_due_date: 'без срока',
  awaiting_decision: 'отчёт ждёт решения',
  settled: 'снято или исполнено',
}

/** The board's order of sections: what needs the controller first. */
const TIMING_ORDER = ['overdue', 'due_soon', 'awaiting_decision', 'not_due', 'no_due_date', 'settled']

const date = (d: string | null) => (d ? russianDate(d) : '—')

const orderName = (o: BoardOrder | undefined) =>
  o ? `${o.number ? `№ ${o.number} от ${date(o.date)}` : 'без номера'} «${o.title}»` : 'приказ'

const Actions = ({ viewer, item }: { viewer: Viewer; item: BoardItem }) => {
  const can = (action: string) => item.allowedActions.includes(action)
  if (!item.allowedActions.length) return null
  const form = (action: string, label: string, fields: JSX.Element | null, kind = '') =>
    can(action) ? (
      <form method="post" action={`/control/${item.id}/${action}`} class="inline-form">
        <CsrfField viewer={viewer} />
        {fields}
        <button type="submit" class={`small ${kind}`}>
          {label}
        </button>
      </form>
    ) : null
  const field = (name: string, label: string, type = 'text') => (
    <>
      <label for={`${name}-${item.id}`} class="sr-only">
        {label}
      </label>
      <input id={`${name}-${item.id}`} name={name} type={type} placeholder={label} required />
    </>
  )
  return (
    <details>
      <summary>Действия</summary>
      {form('accept', 'Принять отчёт', null)}
      {form('return', 'Вернуть отчёт', field('comment', 'Комментарий к возврату'))}
      {form('report', 'Отметить исполнение', field('text', 'Отчёт об исполнении'))}
      {form(
        'extend',
        'Перенести срок',
        <>
          {field('due', 'Новый срок', 'date')}
          {field('reason', 'Причина переноса')}
        </>,
      )}
      {form('remove', 'Снять с контроля', field('reason', 'Причина снятия'), 'danger')}
      {form('reopen', 'Вернуть на контроль', field('reason', 'Причина'))}
    </details>
  )
}

const ItemRow = ({ viewer, item, order }: { viewer: Viewer; item: BoardItem; order?: BoardOrder }) => (
  <tr>
    <td>
      <a href={`/orders/${item.orderId}`}>{orderName(order)}</a>, {item.label}
    </td>
    <td>
      {item.text}
      {item.report ? (
        <p class="muted">
          Отчёт от {date(item.report.on)}: {item.report.text}
        </p>
      ) : null}
      {item.extensions.length ? (
        <p class="muted">
          Переносы: {item.extensions.map((e) => `${date(e.from)} → ${date(e.to)} (${e.reason})`).join('; ')}
        </p>
      ) : null}
    </td>
    <td>
      {item.responsible?.written ?? '—'}
      {item.coExecutors.length ? (
        <span class="muted">, {item.coExecutors.map((c) => c.written).join(', ')}</span>
      ) : null}
    </td>
    <td class="num">
      {date(item.due)}
      {item.deadline ? <div class="muted">{item.deadline}</div> : null}
    </td>
    <td>
      <span class={`status ${item.timing}`}>{timingNames[item.timing] ?? item.timing}</span>
    </td>
    <td>
      <Actions viewer={viewer} item={item} />
    </td>
  </tr>
)

const Group = ({
  title,
  items,
  viewer,
  orders,
}: {
  title: string
  items: BoardItem[]
  viewer: Viewer
  orders: Record<string, BoardOrder>
}) => (
  <section>
    <h2>
      {title} <span class="muted">({items.length})</span>
    </h2>
    <table>
      <thead>
        <tr>
          <th scope="col">Приказ, пункт</th>
          <th scope="col">Поручение</th>
          <th scope="col">Исполнитель</th>
          <th scope="col">Срок</th>
          <th scope="col">Состояние</th>
          <th scope="col">
            <span class="sr-only">Действия</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <ItemRow viewer={viewer} item={item} order={orders[item.orderId]} />
        ))}
      </tbody>
    </table>
  </section>
)

const byTiming = (a: BoardItem, b: BoardItem) =>
  TIMING_ORDER.indexOf(a.timing) - TIMING_ORDER.indexOf(b.timing) || (a.due ?? '9999').localeCompare(b.due ?? '9999')

const groups = (items: BoardItem[], view: ControlPageProps['view'], orders: Record<string, BoardOrder>) => {
  const map = new Map<string, BoardItem[]>()
  const keyOf = (i: BoardItem) =>
    view === 'executor'
      ? (i.responsible?.written ?? 'без исполнителя')
      : view === 'order'
        ? orderName(orders[i.orderId])
        : (timingNames[i.timing] ?? i.timing)
  for (const item of [...items].sort(byTiming)) map.set(keyOf(item), [...(map.get(keyOf(item)) ?? []), item])
  const list = [...map.entries()]
  // by executor and by order: whoever has the most overdue first
  if (view !== 'timing')
    list.sort(
      ([, a], [, b]) => b.filter((i) => i.timing === 'overdue').length - a.filter((i) => i.timing === 'overdue').length,
    )
  return list
}

/** The controller's board: overdue first, then due soon, then the rest; or by executor, or by order. */
export const ControlPage = ({ viewer, items, orders, view, flash }: ControlPageProps) => {
  const count = (t: string) => items.filter((i) => i.timing === t).length
  return (
    <Layout title="Контроль исполнения" viewer={viewer} current="/control">
      <h1>Контроль исполнения</h1>
      <FlashNotice flash={flash} />
      <p>
        Просрочено: <strong>{count('overdue')}</strong> · срок скоро: <strong>{count('due_soon')}</strong> · отчёты ждут
        решения: <strong>{count('awaiting_decision')}</strong> · всего на контроле:{' '}
        <strong>{items.filter((i) => i.timing !== 'settled').length}</strong>
      </p>
      <nav class="actions" aria-label="Группировка">
        <a class="button" href="/control" aria-current={view === 'timing' ? 'page' : undefined}>
          По срокам
        </a>
        <a class="button" href="/control?view=executor" aria-current={view === 'executor' ? 'page' : undefined}>
          По исполнителям
        </a>
        <a class="button" href="/control?view=order" aria-current={view === 'order' ? 'page' : undefined}>
          По приказам
        </a>
        <a class="button" href="/reports/discipline">
          Отчёт об исполнительской дисциплине
        </a>
      </nav>
      {items.length === 0 ? <p class="notice">На контроле ничего нет.</p> : null}
      {groups(items, view, orders).map(([title, list]) => (
        <Group title={title} items={list} viewer={viewer} orders={orders} />
      ))}
    </Layout>
  )
}
