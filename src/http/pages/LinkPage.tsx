import { raw } from 'hono/html'
import { russianDate } from '../../domain/dates'
import type { OrderView } from '../../documents/order-view'
import { Layout } from './Layout'

export type LinkPageProps = {
  token: string
  person: { name: string; position: string; role: 'approver' | 'signer' }
  view: OrderView
  status: string
  yourTurn: boolean
  expiresAt: string
}

const script = (token: string) => `
async function decide(action){
  const comment = document.getElementById('comment')?.value || undefined
  const res = await fetch('/api/links/${token}/' + action, {method:'POST', headers:{'content-type':'application/json'}, body: JSON.stringify(comment ? {comment} : {})})
  const body = await res.json()
  const out = document.getElementById('result')
  out.hidden = false
  out.className = res.ok ? 'notice' : 'notice error'
  out.textContent = res.ok ? 'Решение принято. Состояние приказа: ' + body.status : body.error.message
  if (res.ok) document.querySelectorAll('button').forEach(b => b.disabled = true)
}`

/** The order as it will be printed, from the same view as the PDF and the DOCX (tables are in the PDF). */
const Document = ({ v }: { v: OrderView }) => (
  <article class="doc">
    {v.draft ? (
      <p style="text-align:right">
        <b>ПРОЕКТ</b>
      </p>
    ) : null}
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
      <p style={`margin-left:${p.depth * 1.5}em`}>
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
export const LinkPage = ({ token, person, view, status, yourTurn, expiresAt }: LinkPageProps) => {
  const signer = person.role === 'signer'
  return (
    <Layout title={`${signer ? 'Подписание' : 'Согласование'}: ${view.title}`}>
      <header>
        <h1>{signer ? 'Подписание документа' : 'Согласование документа'}</h1>
        <p>
          {person.name}, {person.position}. Ссылка действует до {russianDate(expiresAt.slice(0, 10))}.
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
        <section>
          {signer ? null : (
            <textarea id="comment" placeholder="Комментарий (для возврата на доработку обязателен)"></textarea>
          )}
          <div class="actions">
            {signer ? (
              <button type="button" class="primary" onclick="decide('sign')">
                Подписать
              </button>
            ) : (
              <>
                <button type="button" class="primary" onclick="decide('approve')">
                  Согласовать
                </button>
                <button type="button" onclick="decide('return')">
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
      <p id="result" hidden></p>
      <script>{raw(script(token))}</script>
    </Layout>
  )
}
