import { may, ORDER_ACTIONS } from '../../domain/policy'
import { calendarDate, clockTime, russianDate } from '../../domain/dates'
import { decisionNames, eventNames, wordFor } from '../../domain/words'
import { CsrfField, Layout, type Viewer } from './Layout'
import { OrderFiles } from './OrderFiles'

type Approval = {
  id: string
  round: number
  step: number
  role: 'approver' | 'signer'
  name: string
  position: string
  decision: string
  comment: string | null
  decidedAt: string | null
}

type HistoryEvent = {
  seq: number
  action: string
  at: string
  actor: { name: string }
  fromState: string | null
  toState: string | null
  data: Record<string, unknown>
}

export type IssuedLinkView = { role: 'approver' | 'signer'; name: string; url: string; expiresAt: string }

export type OrderPageProps = {
  viewer: Viewer
  order: {
    id: string
    kind: 'prikaz' | 'rasporyazhenie'
    status: string
    statusLabel: string
    version: number
    number: string | null
    date: string | null
    allowedActions: string[]
    content: { title: string }
    approvals: Approval[]
    versions: { version: number; createdAt: string }[]
    history: HistoryEvent[]
  }
  journals: { id: string; name: string; nextNumber?: string }[]
  links?: IssuedLinkView[]
  /** the organization's active people a route may name (the submit form's selects) */
  people?: Person[]
  /** the route offered: the last one of the organization for the kind, the signer from the document */
  route?: SuggestedRoute
  message?: { kind: 'ok' | 'error'; text: string; details?: { path: string; message: string }[] }
}

/** An instant as the organization's clock shows it (the ISO string is UTC: its own date and hour are not). */
const time = (iso: string) => {
  const at = new Date(iso)
  return `${russianDate(calendarDate(at))} ${clockTime(at)}`
}

const eventNote = (e: HistoryEvent) => {
  const d = e.data
  const parts = [d.comment, d.reason, d.number ? `№ ${d.number}` : undefined].filter((x) => typeof x === 'string')
  return parts.join('; ')
}

/** `defaultSigner`: the organization profile's signer, chosen in the form until the clerk picks another */
type Person = { id: string; name: string; position: string | null; signs: boolean; defaultSigner?: boolean }
const personLabel = (p: Person) => (p.position ? `${p.name}, ${p.position}` : p.name)

export type SuggestedRoute = {
  steps: { userId: string }[][]
  signer: { userId: string } | null
  signerFrom: 'document' | 'saved' | 'only' | null
}

/** Rows of approvers: a step number and a person of the organization picked from its accounts, the offered ones chosen. */
const PersonRows = ({
  prefix,
  count,
  people,
  chosen,
}: {
  prefix: string
  count: number
  people: Person[]
  chosen: { step: number; userId: string }[]
}) => (
  <>
    {Array.from({ length: count }, (_, i) => (
      <tr>
        <td>
          <label class="sr-only" for={`${prefix}${i}-step`}>
            Этап {i + 1}
          </label>
          <input
            id={`${prefix}${i}-step`}
            name={`${prefix}${i}-step`}
            type="number"
            min="1"
            max="20"
            value={String(chosen[i]?.step ?? Math.max(1, ...chosen.map((c) => c.step)))}
          />
        </td>
        <td>
          <label class="sr-only" for={`${prefix}${i}-user`}>
            Согласующий {i + 1}
          </label>
          <select id={`${prefix}${i}-user`} name={`${prefix}${i}-user`}>
            <option value="">—</option>
            {people.map((p) => (
              <option value={p.id} selected={chosen[i]?.userId === p.id}>
                {personLabel(p)}
              </option>
            ))}
          </select>
        </td>
      </tr>
    ))}
  </>
)

const signerNotes = {
  document: 'Подписывающий взят из подписи в тексте приказа.',
  saved: 'Маршрут взят из прошлой отправки приказа этого вида: проверьте и отправьте.',
  only: 'Подписывает единственный руководитель организации.',
}

const SubmitForm = ({
  viewer,
  id,
  people,
  route,
}: {
  viewer: Viewer
  id: string
  people: Person[]
  route?: SuggestedRoute
}) => {
  const chosen = (route?.steps ?? []).flatMap((people, s) => people.map((p) => ({ step: s + 1, userId: p.userId })))
  return (
    <form method="post" action={`/orders/${id}/submit`} class="card">
      <CsrfField viewer={viewer} />
      <h2>Отправить на согласование и подпись</h2>
      <p class="muted">
        Согласующие и подписывающий — сотрудники организации с учётной записью: решение принимает только тот, кто вошёл
        под ней. Согласующие одного этапа решают параллельно, этапы идут друг за другом. Пустые строки не учитываются;
        без согласующих документ сразу уходит на подпись.
      </p>
      {route && (chosen.length || route.signerFrom) ? (
        <p class="muted" id="route-source">
          {[chosen.length ? signerNotes.saved : '', route.signerFrom ? signerNotes[route.signerFrom] : '']
            .filter(Boolean)
            .join(' ')}
        </p>
      ) : null}
      <table>
        <caption class="sr-only">Согласующие</caption>
        <thead>
          <tr>
            <th scope="col">Этап</th>
            <th scope="col">Сотрудник</th>
          </tr>
        </thead>
        <tbody>
          <PersonRows prefix="a" count={Math.max(4, chosen.length + 1)} people={people} chosen={chosen} />
        </tbody>
      </table>
      <h3>Подписывает</h3>
      <label for="signer-user">Руководитель</label>
      <select id="signer-user" name="signer-user" required>
        <option value="">—</option>
        {people
          .filter((p) => p.signs)
          .map((p) => (
            <option value={p.id} selected={route?.signer?.userId === p.id}>
              {personLabel(p)}
            </option>
          ))}
      </select>
      <div class="actions">
        <button type="submit" class="primary">
          Отправить
        </button>
      </div>
    </form>
  )
}

/** The first step of registering: the journal (and a litera's main number); the next page shows the number. */
const RegisterForm = ({ id, journals }: { id: string; journals: OrderPageProps['journals'] }) => (
  <form method="get" action={`/orders/${id}/register`} class="card">
    <h2>Регистрация</h2>
    <div class="grid2">
      <div>
        <label for="journalId">Журнал</label>
        <select id="journalId" name="journalId">
          {journals.map((j) => (
            <option value={j.id}>
              {j.name}
              {j.nextNumber ? ` (следующий номер ${j.nextNumber})` : ''}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="literaOf">Литерный номер к номеру (необязательно)</label>
        <input id="literaOf" name="literaOf" type="text" placeholder="например 226" />
      </div>
    </div>
    <div class="actions">
      <button type="submit" class="primary">
        Зарегистрировать…
      </button>
    </div>
  </form>
)

const CancelForm = ({ viewer, id }: { viewer: Viewer; id: string }) => (
  <form method="post" action={`/orders/${id}/cancel`} class="card">
    <CsrfField viewer={viewer} />
    <h2>Отменить</h2>
    <label for="reason">Причина отмены</label>
    <textarea id="reason" name="reason" required></textarea>
    <div class="actions">
      <button type="submit" class="danger">
        Отменить приказ
      </button>
    </div>
  </form>
)

export const OrderPage = ({ viewer, order, journals, links, message, people = [], route }: OrderPageProps) => {
  const can = (a: keyof typeof ORDER_ACTIONS) => order.allowedActions.includes(a) && may(viewer, ORDER_ACTIONS[a])
  const requisites = order.number ? `№ ${order.number} от ${russianDate(order.date ?? '')}` : 'не зарегистрирован'
  return (
    <Layout title={order.content.title} viewer={viewer} current="/orders" scripts={['print.js']}>
      <h1>{order.content.title}</h1>
      <p>
        <span class={`status ${order.status}`}>{order.statusLabel}</span> · {requisites} · версия {order.version}
      </p>
      {message ? (
        <div class={`notice ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          <p>{message.text}</p>
          {message.details?.length ? (
            <ul>
              {message.details.map((d) => (
                <li>
                  {d.path ? `${d.path}: ` : ''}
                  {d.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {links?.length ? (
        <section class="card">
          <h2>Ссылки для согласования и подписи</h2>
          <p class="muted">Почта не настроена: передайте каждому его ссылку. Ссылки показываются один раз.</p>
          <table>
            <thead>
              <tr>
                <th scope="col">Кому</th>
                <th scope="col">Ссылка</th>
                <th scope="col">Действует до</th>
              </tr>
            </thead>
            <tbody>
              {links.map((l) => (
                <tr>
                  <td>
                    {l.name} ({l.role === 'signer' ? 'подпись' : 'согласование'})
                  </td>
                  <td class="link-url">
                    <a href={l.url}>{l.url}</a>
                  </td>
                  <td class="num">{time(l.expiresAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {can('edit') ? (
        <div class="actions">
          <a class="button primary" href={`/orders/${order.id}/edit`}>
            Редактировать
          </a>
        </div>
      ) : null}
      <OrderFiles
        order={{
          ...order,
          title: order.content.title,
          hasApprovals: order.approvals.some((a) => a.decision !== 'pending'),
        }}
      />
      {can('submit') ? <SubmitForm viewer={viewer} id={order.id} people={people} route={route} /> : null}
      {can('register') ? <RegisterForm id={order.id} journals={journals} /> : null}
      {can('cancel') ? <CancelForm viewer={viewer} id={order.id} /> : null}
      {order.approvals.length ? (
        <section>
          <h2>Согласование и подпись</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Круг</th>
                <th scope="col">Этап</th>
                <th scope="col">Кто</th>
                <th scope="col">Решение</th>
                <th scope="col">Когда</th>
                <th scope="col">Комментарий</th>
              </tr>
            </thead>
            <tbody>
              {order.approvals.map((a) => (
                <tr>
                  <td>{a.round}</td>
                  <td>{a.role === 'signer' ? 'подпись' : a.step + 1}</td>
                  <td>
                    {a.name}, {a.position}
                  </td>
                  <td>{wordFor(decisionNames, a.decision, '—')}</td>
                  <td class="num">{a.decidedAt ? time(a.decidedAt) : ''}</td>
                  <td>{a.comment ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <section>
        <h2>Версии</h2>
        <ul>
          {order.versions.map((v) => (
            <li>
              версия {v.version} от {time(v.createdAt)}
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h2>История</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Когда</th>
              <th scope="col">Событие</th>
              <th scope="col">Кто</th>
              <th scope="col">Примечание</th>
            </tr>
          </thead>
          <tbody>
            {order.history.map((e) => (
              <tr>
                <td class="num">{time(e.at)}</td>
                <td>{wordFor(eventNames, e.action, 'событие')}</td>
                <td>{e.actor.name}</td>
                <td>{eventNote(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Layout>
  )
}
