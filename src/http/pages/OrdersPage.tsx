import { may } from '../../domain/policy'
import { IMPORTED_LABEL } from '../../services/lifecycle'
import { calendarDate, russianDate } from '../../domain/dates'
import { currentFileAt, orderFileName } from '../../domain/file-names'
import { type Flash, FlashNotice } from './AdminPages'
import { Layout, type Viewer } from './Layout'

export type OrderListItem = {
  id: string
  kind: 'prikaz' | 'rasporyazhenie'
  title: string
  status: string
  imported?: boolean
  number: string | null
  date: string | null
  updatedAt: string
  /** a draft sent and returned: by whom and why */
  returned?: { by: string; position: string; comment: string; at: string | null } | null
}

export type OrdersPageProps = {
  viewer: Viewer
  items: OrderListItem[]
  q?: string
  status?: string
  signer?: string
  nextCursor: string | null
  states: { value: string; label: string }[]
  /** a refused search: what is wrong, field by field */
  error?: Flash
}

const kindNames = { prikaz: 'Приказ', rasporyazhenie: 'Распоряжение' }

const nextPage = (q: string | undefined, status: string | undefined, signer: string | undefined, cursor: string) => {
  const p = new URLSearchParams()
  if (q) p.set('q', q)
  if (status) p.set('status', status)
  if (signer) p.set('signer', signer)
  p.set('cursor', cursor)
  return `/orders?${p}`
}

export const OrdersPage = ({ viewer, items, q, status, signer, nextCursor, states, error }: OrdersPageProps) => {
  const label = (s: string) => states.find((x) => x.value === s)?.label ?? s
  return (
    <Layout title="Приказы" viewer={viewer} current="/orders">
      <h1>Приказы и распоряжения</h1>
      <form method="get" action="/orders" class="filters">
        <div>
          <label for="q">Номер, дата или слова</label>
          <input id="q" name="q" type="search" value={q ?? ''} placeholder="1-ОД, 226/1, 07.12.2026 или слова" />
        </div>
        <div>
          <label for="signer">Подписал</label>
          <input id="signer" name="signer" type="search" value={signer ?? ''} placeholder="фамилия" />
        </div>
        <div>
          <label for="status">Состояние</label>
          <select id="status" name="status">
            <option value="">все</option>
            {states.map((s) => (
              <option value={s.value} selected={s.value === status}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Найти</button>
        {may(viewer, 'orders.draft') ? (
          <a class="button primary" href="/orders/new">
            Новый приказ
          </a>
        ) : null}
      </form>
      <FlashNotice flash={error} />
      {items.length === 0 ? (
        <p class="notice">
          {q || status || signer
            ? 'Ничего не найдено. Номер ищется как в журнале («1-ОД», «226/1»), дата — как ДД.ММ.ГГГГ.'
            : 'Приказов ещё нет.'}
          {!q && !status && !signer && (viewer.role === 'clerk' || viewer.role === 'admin')
            ? ' Начните с кнопки «Новый приказ».'
            : ''}
        </p>
      ) : (
        <section class="table-wrap" aria-label="Список приказов" tabindex={0}>
          <table>
            <caption class="sr-only">Список приказов</caption>
            <thead>
              <tr>
                <th scope="col">Вид</th>
                <th scope="col">Номер и дата</th>
                <th scope="col">Заголовок</th>
                <th scope="col">Состояние</th>
                <th scope="col">Изменён</th>
                <th scope="col">Файл</th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr>
                  <td>{kindNames[o.kind]}</td>
                  <td class="num">{o.number ? `№ ${o.number} от ${russianDate(o.date ?? '')}` : '—'}</td>
                  <td>
                    <a href={`/orders/${o.id}`}>{o.title || '(без заголовка)'}</a>
                  </td>
                  <td>
                    <span class={`status ${o.status}`}>{o.imported ? IMPORTED_LABEL : label(o.status)}</span>
                    {o.returned ? (
                      <p>
                        <span class="status returned">возвращён</span> {o.returned.by}
                        {o.returned.at ? `, ${russianDate(calendarDate(new Date(o.returned.at)))}` : ''}: «
                        {o.returned.comment}»
                      </p>
                    ) : null}
                  </td>
                  <td class="num">{russianDate(calendarDate(new Date(o.updatedAt)))}</td>
                  <td>
                    <a
                      href={`/api/orders/${o.id}/file.pdf?download=1`}
                      download={orderFileName(o, currentFileAt(o.status), 'pdf')}
                    >
                      PDF<span class="sr-only">: {orderFileName(o, currentFileAt(o.status), 'pdf')}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {nextCursor ? (
        <p>
          <a href={nextPage(q, status, signer, nextCursor)}>Следующая страница →</a>
        </p>
      ) : null}
    </Layout>
  )
}
