import { calendarDate, russianDate } from '../../domain/dates'
import type { OrderView } from '../../documents/order-view'
import { Layout } from './Layout'

export type LinkPageProps = {
  token: string
  person: { name: string; position: string; role: 'approver' | 'signer' }
  view: OrderView
  status: string
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

/** The order as it will be printed, from the same view as the PDF and the DOCX (tables are in the PDF). */
const Document = ({ v }: { v: OrderView }) => (
  <article class="doc">
    {v.draft ? <p class="draftmark">ПРОЕКТ</p> : null}
    {[...v.parentLines, ...v.nameLines].map((line) => (
      <h2>{line}</h2>
    ))}
    <h2>{v.kindTitle}</h2>
    <p>
      от {v.dateText} № {v.numberText}
    </p>
    <p>
      <b>{v.title}</b>
    </p>
    <p>{v.preamble}</p>
    {v.directive ? <p>{v.directive}</p> : null}
    {v.points.map((p) => (
      <p class={`depth${Math.min(p.depth, 4)}`}>
        {p.number} {p.text}
        {p.note ? `\n${p.note}` : ''}
      </p>
    ))}
    <p>
      {v.signer.position} — {v.signer.name}
    </p>
    {v.appendices.map((a) => (
      <p>
        <i>
          {a.label}: {a.title}
        </i>
        {a.table ? ` (таблица: ${a.table.rows.length} строк — в PDF)` : ''}
      </p>
    ))}
  </article>
)

/** The page an approver or the director opens from the link: the document and the decision buttons. */
export const LinkPage = ({
  token,
  person,
  view,
  status,
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
        <p>
          {person.name}, {person.position}. Ссылка действует до {russianDate(calendarDate(new Date(expiresAt)))}.
        </p>
      </header>
      <p>
        <a href={`/links/${token}/document.pdf`} target="_blank" rel="noopener">
          Открыть документ в PDF
        </a>{' '}
        (с приложениями, как он будет напечатан)
      </p>
      <Document v={view} />
      {yourTurn ? (
        <section id="decision" data-token={token} data-csrf={csrf ?? ''}>
          {signer ? null : (
            <>
              <label for="comment">Комментарий (для возврата на доработку обязателен)</label>
              <textarea id="comment"></textarea>
            </>
          )}
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
              <button type="button" class="primary" data-action="sign">
                Подписать
              </button>
            ) : (
              <>
                <button type="button" class="primary" data-action="approve">
                  Согласовать
                </button>
                <button type="button" data-action="return">
                  Вернуть на доработку
                </button>
              </>
            )}
          </div>
        </section>
      ) : (
        <p class="notice">
          {signer ? 'Подписание станет доступно после согласования.' : 'Ваш этап согласования ещё не начался.'}{' '}
          Состояние: {status}.
        </p>
      )}
      <p id="result" role="status" hidden></p>
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
