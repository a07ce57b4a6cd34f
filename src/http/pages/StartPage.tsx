import type { getStartPage } from '../../services/start-page'
import { Layout, type Viewer } from './Layout'

type Start = Awaited<ReturnType<typeof getStartPage>>

/** A count that leads to its list, or says it is empty. */
const Pile = ({ label, count, href }: { label: string; count: number; href: string }) => (
  <li class="pile">
    <a href={href}>
      <span class="pile-count">{count}</span> {label}
    </a>
  </li>
)

const ClerkPiles = ({ piles }: { piles: NonNullable<Start['piles']> }) => {
  const total = piles.drafts + piles.returned + piles.onApproval + piles.signed
  return (
    <section>
      <h2>Приказы в работе</h2>
      <ul class="piles">
        <Pile label="черновики" count={piles.drafts} href="/orders?status=draft" />
        <Pile label="на согласовании и подписании" count={piles.onApproval} href="/orders?status=approval" />
        <Pile label="возвращены на доработку" count={piles.returned} href="/orders?status=draft" />
        <Pile label="подписаны — ждут регистрации" count={piles.signed} href="/orders?status=signed" />
      </ul>
      {total === 0 ? (
        <p class="notice">
          В работе ничего нет. Начните с <a href="/orders/new">нового приказа</a>: заполните его, отправьте на
          согласование и подпись, а подписанный зарегистрируйте.
        </p>
      ) : piles.signed ? (
        <p class="notice">Подписанные приказы ждут регистрации: откройте приказ и нажмите «Зарегистрировать…».</p>
      ) : null}
    </section>
  )
}

const Awaiting = ({ awaiting }: { awaiting: NonNullable<Start['awaiting']> }) => (
  <section>
    <h2>Ждут моего решения: {awaiting.length}</h2>
    {awaiting.length === 0 ? (
      <p class="notice">
        Решений от вас сейчас никто не ждёт. Когда приказ дойдёт до вас, придёт письмо со ссылкой; приказ появится и
        здесь.
      </p>
    ) : (
      <ul>
        {awaiting.map((o) => (
          <li>
            <a href={`/orders/${o.id}`}>{o.title}</a> — {o.role === 'signer' ? 'подпись' : 'согласование'} (откройте
            ссылку из письма, чтобы решить)
          </li>
        ))}
      </ul>
    )}
  </section>
)

const Control = ({ control }: { control: NonNullable<Start['control']> }) => (
  <section>
    <h2>Контроль исполнения</h2>
    <ul class="piles">
      <Pile label="просрочено" count={control.overdue} href="/control" />
      <Pile label="срок скоро" count={control.dueSoon} href="/control" />
      <Pile label="отчёты ждут решения" count={control.awaitingDecision} href="/control" />
    </ul>
    {control.overdue + control.dueSoon + control.awaitingDecision === 0 ? (
      <p class="notice">
        Просроченных и срочных поручений нет. Поручения появляются, когда регистрируется приказ с исполнителями и
        сроками; все они — на странице <a href="/control">«Контроль»</a>.
      </p>
    ) : null}
  </section>
)

/** The start page of a role: what waits, as counts that lead to their lists, and what to do first when nothing does. */
export const StartPage = ({ viewer, start }: { viewer: Viewer; start: Start }) => (
  <Layout title="Начало" viewer={viewer} current="/start">
    <h1>Здравствуйте, {viewer.name}</h1>
    {start.piles ? <ClerkPiles piles={start.piles} /> : null}
    {start.awaiting ? <Awaiting awaiting={start.awaiting} /> : null}
    {start.control ? <Control control={start.control} /> : null}
    <p>
      <a href="/orders">Все приказы</a> · <a href="/journals">Журнал регистрации</a>
    </p>
  </Layout>
)
