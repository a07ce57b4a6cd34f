import { calendarDate, russianDate } from '../../domain/dates'
import type { OrderView } from '../../documents/order-view'
import { LinkDocument } from './LinkDocument'
import { Layout } from './Layout'

export type LinkPageProps = {
  token: string
  person: { name: string; position: string; role: 'approver' | 'signer' }
  view: OrderView
  /** the order's state in words («на согласовании») */
  status: string
  /** the approvers of this round and their decisions */
  visas: Visa[]
  yourTurn: boolean
  expiresAt: string
  codeRequired: boolean
  /** signed in as the link's person; else (mail on) the code confirms, and the sign-in is offered beside it */
  signedIn: boolean
  /** false only for a route typed by name before accounts were required: the link alone decides */
  boundToAccount: boolean
  signIn: string
  /** the session's CSRF token, sent with the decision when the page is used signed in */
  csrf?: string
}

export type Visa = {
  name: string
  position: string
  step: number
  decision: string
  comment: string | null
  decidedAt: string | null
}

const decisionNames: Record<string, string> = {
  pending: 'ждёт решения',
  approved: 'согласовано',
  returned: 'возвращено',
}

const when = (at: string | null) => {
  if (!at) return ''
  const d = new Date(at)
  const time = d.toLocaleTimeString('ru-RU', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Moscow' })
  return `${russianDate(calendarDate(d))} ${time}`
}

/** The visas of this round: who, what, when, with what comment. The signer reads them before signing. */
const Visas = ({ visas }: { visas: Visa[] }) => (
  <section aria-labelledby="visas-title">
    <h2 id="visas-title">Визы согласования</h2>
    {visas.length === 0 ? (
      <p>Согласующих в маршруте нет.</p>
    ) : (
      <ul class="visas">
        {visas.map((v) => (
          <li>
            <b>{v.name}</b>, {v.position}: {decisionNames[v.decision] ?? v.decision}
            {v.decidedAt ? ` ${when(v.decidedAt)}` : ''}
            {v.comment ? ` — «${v.comment}»` : ''}
          </li>
        ))}
      </ul>
    )}
  </section>
)

/** Where the order stands for this person, in words: the first thing the page says. */
const stateText = (signer: boolean, yourTurn: boolean, status: string) =>
  yourTurn
    ? signer
      ? 'Документ согласован и ждёт вашей подписи.'
      : 'Документ ждёт вашего решения: согласуйте его или верните на доработку.'
    : signer
      ? `Подписание станет доступно после согласования. Сейчас документ ${status}.`
      : `Ваш этап согласования ещё не начался: сейчас документ ${status} у предыдущих согласующих.`

/** The page an approver or the director opens from the link: where it stands, the decision, then the document. */
export const LinkPage = ({
  token,
  person,
  view,
  status,
  visas,
  yourTurn,
  expiresAt,
  codeRequired,
  signedIn,
  boundToAccount,
  signIn,
  csrf,
}: LinkPageProps) => {
  const signer = person.role === 'signer'
  return (
    <Layout title={`${signer ? 'Подписание' : 'Согласование'}: ${view.title}`} narrow scripts={['link.js']}>
      <header>
        <h1>{signer ? 'Подписание документа' : 'Согласование документа'}</h1>
        <p class={`notice${yourTurn ? ' ok' : ''}`} id="state">
          {stateText(signer, yourTurn, status)}
        </p>
        <p>
          {person.name}, {person.position}. Ссылка действует до {russianDate(calendarDate(new Date(expiresAt)))}.
        </p>
      </header>
      {signer ? <Visas visas={visas} /> : null}
      {yourTurn ? (
        <section id="decision" data-token={token} data-csrf={csrf ?? ''}>
          <label for="comment">Комментарий (для возврата на доработку обязателен)</label>
          <textarea id="comment" aria-describedby="comment-error"></textarea>
          <p id="comment-error" class="notice error" role="alert" hidden></p>
          {boundToAccount && !signedIn ? (
            <p class="notice">
              Вы не вошли в систему. <a href={signIn}>Войдите как {person.name}</a>
              {codeRequired ? ' или подтвердите решение кодом из письма.' : '.'}
            </p>
          ) : null}
          {codeRequired ? (
            <div class="code">
              <p>Решение подтверждается одноразовым кодом: он придёт на вашу почту и действует 10 минут.</p>
              <button type="button" id="get-code">
                Получить код
              </button>{' '}
              <label for="code">Код из письма</label>{' '}
              <input id="code" inputmode="numeric" autocomplete="one-time-code" maxlength={6} pattern="[0-9]{6}" />
            </div>
          ) : (
            <p class="notice">
              {boundToAccount
                ? `Решение принимается от имени учётной записи «${person.name}», под которой вы вошли.`
                : 'Простая электронная подпись по ссылке: решение принимается без кода подтверждения, владение ссылкой подтверждает вашу личность. Не пересылайте эту ссылку.'}
            </p>
          )}
          {signer && boundToAccount && signedIn ? (
            <details class="qualified">
              <summary>Квалифицированная электронная подпись (КЭП) вместо встроенной</summary>
              <p>
                1. <a href={`/api/links/${token}/document.pdf`}>Скачайте файл для подписания</a> — ровно те байты,
                которые будут подписаны. 2. Подпишите его отсоединённой подписью в своей программе (КриптоАРМ, КриптоПро
                CSP). 3. Загрузите файл подписи (.sig): сервис проверит её по списку доверенных удостоверяющих центров и
                СНИЛС вашей учётной записи.
              </p>
              <label for="qualified-sig">Файл подписи (.sig)</label>{' '}
              <input id="qualified-sig" type="file" accept=".sig,.p7s,.sgn" />{' '}
              <button type="button" id="sign-qualified">
                Загрузить подпись (.sig)
              </button>
            </details>
          ) : null}
          <div class="actions">
            {signer ? (
              <button type="button" class="primary" data-confirm="sign-confirm">
                Подписать
              </button>
            ) : (
              <button type="button" class="primary" data-action="approve">
                Согласовать
              </button>
            )}
            <button type="button" data-action="return">
              Вернуть на доработку
            </button>
          </div>
          {signer ? (
            <div id="sign-confirm" class="notice" hidden>
              <p>
                Подписать «{view.title}» электронной подписью? После подписи документ изменить нельзя: только отменить.
              </p>
              <div class="actions">
                <button type="button" class="primary" data-action="sign">
                  Да, подписать
                </button>
                <button type="button" data-cancel="sign-confirm">
                  Отмена
                </button>
              </div>
            </div>
          ) : null}
        </section>
      ) : null}
      <p id="result" role="status" hidden></p>
      <p>
        <a href={`/links/${token}/document.pdf`} target="_blank" rel="noopener">
          Открыть документ в PDF
        </a>{' '}
        (как он будет напечатан)
      </p>
      <LinkDocument v={view} />
    </Layout>
  )
}

/** A link opened by someone who is not its person (not signed in, or signed in as another): nothing of the order. */
export const LinkSignInPage = ({
  message,
  signIn,
  signedIn,
}: {
  message: string
  signIn: string
  signedIn: boolean
}) => (
  <Layout title="Вход для решения по документу" narrow>
    <h1>Ссылка для решения по документу</h1>
    <p class="notice error" role="alert">
      {message}
    </p>
    <p>
      {signedIn ? (
        <>
          Выйдите из системы и <a href={signIn}>войдите под учётной записью получателя ссылки</a>.
        </>
      ) : (
        <a href={signIn}>Войти и открыть документ</a>
      )}
    </p>
  </Layout>
)
