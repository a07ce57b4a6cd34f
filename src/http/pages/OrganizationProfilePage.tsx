import { FlashNotice, type Flash } from './AdminPages'
import { CsrfField, Layout, type Viewer } from './Layout'

export type OrganizationProfileView = {
  organization: {
    id: string
    name: string[]
    parent: string[] | null
    place: string | null
    kinds: ('prikaz' | 'rasporyazhenie')[]
    directives: Partial<Record<'prikaz' | 'rasporyazhenie', string>>
    defaultSignerId: string | null
  }
  signers: { id: string; name: string; position: string }[]
  logo: string | null
  history: { at: string; actor: string; action: string; fields: string[] }[]
}

const KINDS = [
  ['prikaz', 'Приказ', 'п р и к а з ы в а ю:'],
  ['rasporyazhenie', 'Распоряжение', 'нет'],
] as const

const FIELD_NAMES: Record<string, string> = {
  name: 'наименование',
  parent: 'вышестоящий орган',
  place: 'место издания',
  shortName: 'краткое наименование',
  kinds: 'виды документов',
  directives: 'распорядительные слова',
  defaultSignerId: 'подписант по умолчанию',
  logo: 'эмблема',
}

const when = (iso: string) =>
  new Date(iso).toLocaleString('ru-RU', { timeZone: 'Europe/Moscow', dateStyle: 'short', timeStyle: 'short' })

/** The organization's letterhead and what every new order takes from it, with the history of its changes. */
export const OrganizationProfilePage = ({
  viewer,
  profile: { organization: o, signers, logo, history },
  flash,
}: {
  viewer: Viewer
  profile: OrganizationProfileView
  flash?: Flash
}) => (
  <Layout title="Профиль организации" viewer={viewer} current="/admin/organizations">
    <h1>Профиль организации</h1>
    <p>
      <a href="/admin/organizations">← Организации</a>
    </p>
    <FlashNotice flash={flash} />
    <p class="muted">
      Бланк и реквизиты ниже печатаются на каждом новом приказе, в котором не указана своя организация.
      Зарегистрированные приказы и уже сохранённые проекты не меняются.
    </p>
    <form
      method="post"
      action={`/admin/organizations/${o.id}`}
      enctype="multipart/form-data"
      class="card"
      aria-label="Профиль организации"
    >
      <CsrfField viewer={viewer} />
      <h2>Бланк</h2>
      <label for="parent">Вышестоящий орган (каждая строка бланка с новой строки)</label>
      <textarea id="parent" name="parent">
        {(o.parent ?? []).join('\n')}
      </textarea>
      <label for="name">Наименование (каждая строка бланка с новой строки)</label>
      <textarea id="name" name="name" required>
        {o.name.join('\n')}
      </textarea>
      <label for="place">Место издания</label>
      <input id="place" name="place" type="text" value={o.place ?? ''} />
      <h2>Виды документов</h2>
      <div class="grid2">
        {KINDS.map(([kind, label, fallback]) => (
          <fieldset>
            <legend>{label}</legend>
            <label>
              <input type="checkbox" name={`kind-${kind}`} value="on" checked={o.kinds.includes(kind)} /> издаёт
            </label>
            <label for={`directive-${kind}`}>Распорядительные слова (по умолчанию: {fallback})</label>
            <input id={`directive-${kind}`} name={`directive-${kind}`} type="text" value={o.directives[kind] ?? ''} />
          </fieldset>
        ))}
      </div>
      <h2>Подписант по умолчанию</h2>
      <label for="defaultSignerId">Руководитель, который подписывает новые приказы</label>
      <select id="defaultSignerId" name="defaultSignerId">
        <option value="">— не выбран —</option>
        {signers.map((s) => (
          <option value={s.id} selected={s.id === o.defaultSignerId}>
            {s.name}, {s.position}
          </option>
        ))}
      </select>
      <h2>Эмблема</h2>
      {logo ? <img src={logo} alt="Эмблема организации" class="logo" /> : <p class="muted">Эмблемы нет.</p>}
      <label for="logo">Новая эмблема (PNG или JPEG, до 256 КБ)</label>
      <input id="logo" name="logo" type="file" accept="image/png,image/jpeg" />
      {logo ? (
        <label>
          <input type="checkbox" name="removeLogo" value="on" /> убрать эмблему
        </label>
      ) : null}
      <div class="actions">
        <button type="submit" class="primary">
          Сохранить
        </button>
      </div>
    </form>
    <section class="card">
      <h2>История изменений</h2>
      {history.length ? (
        <ul>
          {history.map((e) => (
            <li>
              {when(e.at)} — {e.actor}:{' '}
              {e.action === 'organization_created'
                ? 'организация создана'
                : `изменено: ${e.fields.map((f) => FIELD_NAMES[f] ?? f).join(', ')}`}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">Изменений ещё не было.</p>
      )}
    </section>
  </Layout>
)
