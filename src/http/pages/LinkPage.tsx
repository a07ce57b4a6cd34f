import { raw } from 'hono/html'
import type { Point } from '../../domain/content'
import { kindNames, type OrderContent } from '../../domain/content'
import { numberPoints } from '../../domain/numbering'
import { Layout } from './Layout'

export type LinkPageProps = {
  token: string
  person: { name: string; position: string; role: 'approver' | 'signer' }
  order: { status: string; version: number; content: OrderContent }
  yourTurn: boolean
  expiresAt: string
}

const PointLines = ({ points }: { points: ReturnType<typeof numberPoints<Point>> }) => (
  <>
    {points.map((p) => (
      <>
        <p>
          {p.number} {p.point.text}
          {p.point.executors?.length ? ` Ответственные: ${p.point.executors.join(', ')}.` : ''}
          {p.point.deadline ? ` Срок: ${p.point.deadline}.` : ''}
        </p>
        <PointLines points={p.children} />
      </>
    ))}
  </>
)

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

/** The page an approver or the director opens from the link: the document and the decision buttons. */
export const LinkPage = ({ token, person, order, yourTurn, expiresAt }: LinkPageProps) => {
  const c = order.content
  const signer = person.role === 'signer'
  return (
    <Layout title={`${signer ? 'Подписание' : 'Согласование'}: ${c.title}`}>
      <header>
        <h1>{signer ? 'Подписание документа' : 'Согласование документа'}</h1>
        <p>{person.name}, {person.position}. Ссылка действует до {expiresAt.slice(0, 10)}.</p>
      </header>
      <p><a href={`/links/${token}/document.pdf`} target="_blank">Открыть документ в PDF</a> (с приложениями, как он будет напечатан)</p>
      <article class="doc">
        <h2>{kindNames[c.kind].nominative.toUpperCase()}</h2>
        <p><b>{c.title}</b></p>
        <p>{c.preamble}</p>
        {c.directive || c.kind === 'prikaz' ? <p>{c.directive ?? 'п р и к а з ы в а ю:'}</p> : null}
        <PointLines points={numberPoints(c.points)} />
        {c.control ? <p>{c.control}</p> : null}
        <p>{c.signer.position} — {c.signer.name}</p>
        {(c.appendices ?? []).map((a, i) => <p><i>Приложение{(c.appendices ?? []).length > 1 ? ` № ${i + 1}` : ''}: {a.title}</i></p>)}
      </article>
      {yourTurn ? (
        <section>
          {signer ? null : <textarea id="comment" placeholder="Комментарий (для возврата на доработку обязателен)"></textarea>}
          <div class="actions">
            {signer ? (
              <button class="primary" onclick="decide('sign')">Подписать</button>
            ) : (
              <>
                <button class="primary" onclick="decide('approve')">Согласовать</button>
                <button onclick="decide('return')">Вернуть на доработку</button>
              </>
            )}
          </div>
        </section>
      ) : (
        <p class="notice">{signer ? 'Подписание станет доступно после согласования.' : 'Ваш этап согласования ещё не начался.'} Состояние: {order.status}.</p>
      )}
      <p id="result" hidden></p>
      <script>{raw(script(token))}</script>
    </Layout>
  )
}
