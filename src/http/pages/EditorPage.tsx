import { raw } from 'hono/html'
import { Layout, type Viewer } from './Layout'

export type EditorPageProps = {
  viewer: Viewer
  orderId?: string
  version?: number
  content?: unknown
  /** what a new order starts with, from the organization profile */
  defaults?: { kind: string; signer: { position: string; name: string } | null }
  templates: { id: string; name: string; kind: string }[]
}

/** JSON inside a data block: `<` escaped so that no text of the order can close the element. */
const dataBlock = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028|\u2029/g, '')

/**
 * The order editor. The form is built by /assets/editor.js from the content below (points and
 * sub-points, executors and deadlines, appendices as text or tables); it saves through the API
 * with the session's CSRF token and shows the linter's problems beside their fields as you type.
 */
export const EditorPage = ({ viewer, orderId, version, content, defaults, templates }: EditorPageProps) => (
  <Layout
    title={orderId ? 'Редактирование приказа' : 'Новый приказ'}
    viewer={viewer}
    current={orderId ? undefined : '/orders/new'}
    scripts={orderId ? ['editor.js'] : ['editor.js', 'editor-import.js']}
  >
    <h1>{orderId ? `Редактирование (версия ${version})` : 'Новый приказ'}</h1>
    <script type="application/json" id="order-data">
      {raw(dataBlock({ id: orderId ?? null, content: content ?? null, defaults: defaults ?? null, templates }))}
    </script>
    <noscript>
      <p class="notice error">Редактор работает с включённым JavaScript.</p>
    </noscript>
    {orderId ? null : (
      <details id="import" class="import">
        <summary>Заполнить из готового текста</summary>
        <label for="import-text">Вставить текст приказа (из Word или с сайта)</label>
        <textarea id="import-text" rows={8}></textarea>
        <div class="actions">
          <button type="button" id="import-paste">
            Вставить текст приказа
          </button>
          <label class="button" for="import-file">
            Загрузить .docx
          </label>
          <input
            type="file"
            id="import-file"
            class="sr-only"
            accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          />
        </div>
        <p id="import-result" role="status"></p>
      </details>
    )}
    <form id="editor" class="editor" novalidate>
      <div id="editor-root"></div>
      <section aria-live="polite">
        <h2>Проверка</h2>
        <ul id="problems" class="problems">
          <li class="muted">Проверка появится по мере ввода.</li>
        </ul>
      </section>
      <div class="actions">
        <button type="submit" class="primary" id="save">
          Сохранить
        </button>
        {orderId ? (
          <a class="button" href={`/orders/${orderId}`}>
            К приказу
          </a>
        ) : null}
      </div>
      <p id="save-result" role="status"></p>
    </form>
  </Layout>
)
