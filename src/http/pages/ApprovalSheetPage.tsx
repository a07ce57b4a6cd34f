import { calendarDate, clockTime, russianDate } from '../../domain/dates'
import { Layout, type Viewer } from './Layout'
import { decisionNames, wordFor } from '../../domain/words'

export type SheetLine = {
  round: number
  step: number
  role: 'approver' | 'signer'
  name: string
  position: string
  decision: string
  comment: string | null
  decidedAt: string | null
}

const time = (iso: string) => {
  const at = new Date(iso)
  return `${russianDate(calendarDate(at))} ${clockTime(at)}`
}

/** Лист согласования: every visa and the signature of every round, printable on its own. */
export const ApprovalSheetPage = ({
  viewer,
  order,
  lines,
}: {
  viewer: Viewer
  order: { id: string; title: string; requisites: string }
  lines: SheetLine[]
}) => (
  <Layout title={`Лист согласования: ${order.title}`} viewer={viewer} current="/orders" scripts={['print.js']}>
    <p class="no-print">
      <a href={`/orders/${order.id}`}>← К приказу</a>
    </p>
    <h1>Лист согласования</h1>
    <p>
      {order.title} · {order.requisites}
    </p>
    {lines.length === 0 ? (
      <p class="notice">Приказ ещё не отправлялся на согласование.</p>
    ) : (
      <section class="table-wrap" aria-label="Визы и подпись" tabindex={0}>
        <table>
          <caption class="sr-only">Визы и подпись</caption>
          <thead>
            <tr>
              <th scope="col">Круг</th>
              <th scope="col">Этап</th>
              <th scope="col">Должность, ФИО</th>
              <th scope="col">Решение</th>
              <th scope="col">Дата и время</th>
              <th scope="col">Замечания</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr>
                <td class="num">{l.round}</td>
                <td>{l.role === 'signer' ? 'подпись' : l.step + 1}</td>
                <td>
                  {l.position}, {l.name}
                </td>
                <td>{wordFor(decisionNames, l.decision, '—')}</td>
                <td class="num">{l.decidedAt ? time(l.decidedAt) : '—'}</td>
                <td>{l.comment ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    )}
    <div class="actions no-print">
      <button type="button" data-print-page="">
        Печать
      </button>
    </div>
  </Layout>
)
