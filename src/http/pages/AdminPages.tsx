import type { Child } from 'hono/jsx'
import { CsrfField, Layout, roleNames, type Viewer } from './Layout'

export type Flash = { kind: 'ok' | 'error'; text: string; details?: { path: string; message: string }[] }

export const FlashNotice = ({ flash }: { flash?: Flash }) =>
  flash ? (
    <div class={`notice ${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'}>
      <p>{flash.text}</p>
      {flash.details?.length ? (
        <ul>
          {flash.details.map((d) => (
            <li>
              {d.path && d.path !== '(body)' ? `${d.path}: ` : ''}
              {d.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  ) : null

const AdminLayout = ({
  viewer,
  title,
  href,
  flash,
  children,
}: {
  viewer: Viewer
  title: string
  href: string
  flash?: Flash
  children: Child
}) => (
  <Layout title={title} viewer={viewer} current={href}>
    <h1>{title}</h1>
    <FlashNotice flash={flash} />
    {children}
  </Layout>
)

const Field = ({ id, label, type = 'text', required, placeholder }: Record<string, string | boolean | undefined>) => (
  <div>
    <label for={id as string}>{label}</label>
    <input
      id={id as string}
      name={id as string}
      type={type as string}
      required={!!required}
      placeholder={placeholder as string | undefined}
    />
  </div>
)

const SelectField = ({
  id,
  label,
  options,
}: {
  id: string
  label: string
  options: [value: string, text: string][]
}) => (
  <div>
    <label for={id}>{label}</label>
    <select id={id} name={id}>
      {options.map(([value, text]) => (
        <option value={value}>{text}</option>
      ))}
    </select>
  </div>
)

const SubmitActions = ({ label }: { label: string }) => (
  <div class="actions">
    <button type="submit" class="primary">
      {label}
    </button>
  </div>
)

type Organization = { id: string; name: string[]; parent: string[] | null; place: string | null }

/** Only the installation admin chooses the organization; an organization's admin creates in their own. */
const OrganizationField = ({ viewer, organizations }: { viewer: Viewer; organizations: Organization[] }) =>
  viewer.global ? (
    <SelectField id="organizationId" label="Организация" options={organizations.map((o) => [o.id, o.name.join(' ')])} />
  ) : null

export const OrganizationsPage = ({
  viewer,
  items,
  flash,
}: {
  viewer: Viewer
  items: Organization[]
  flash?: Flash
}) => (
  <AdminLayout viewer={viewer} title="Организации" href="/admin/organizations" flash={flash}>
    <table>
      <thead>
        <tr>
          <th scope="col">Наименование</th>
          <th scope="col">Вышестоящий орган</th>
          <th scope="col">Место</th>
          <th scope="col">Профиль</th>
        </tr>
      </thead>
      <tbody>
        {items.map((o) => (
          <tr>
            <td>{o.name.join(' ')}</td>
            <td>{o.parent?.join(' ') ?? ''}</td>
            <td>{o.place ?? ''}</td>
            <td>
              <a href={`/admin/organizations/${o.id}`}>Изменить</a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    <form method="post" action="/admin/organizations" class="card">
      <CsrfField viewer={viewer} />
      <h2>Новая организация</h2>
      <label for="name">Наименование (каждая строка бланка с новой строки)</label>
      <textarea id="name" name="name" required></textarea>
      <label for="parent">Вышестоящий орган (строки бланка, необязательно)</label>
      <textarea id="parent" name="parent"></textarea>
      <Field id="place" label="Место издания (город)" />
      <SubmitActions label="Создать" />
    </form>
  </AdminLayout>
)

export const UsersPage = ({
  viewer,
  items,
  organizations,
  flash,
}: {
  viewer: Viewer
  items: {
    id: string
    email: string
    name: string
    position: string | null
    role: keyof typeof roleNames
    organizationId: string | null
  }[]
  organizations: Organization[]
  flash?: Flash
}) => {
  const orgName = (id: string | null) => organizations.find((o) => o.id === id)?.name.join(' ') ?? '—'
  return (
    <AdminLayout viewer={viewer} title="Пользователи" href="/admin/users" flash={flash}>
      <table>
        <thead>
          <tr>
            <th scope="col">Имя</th>
            <th scope="col">Почта</th>
            <th scope="col">Должность</th>
            <th scope="col">Роль</th>
            <th scope="col">Организация</th>
          </tr>
        </thead>
        <tbody>
          {items.map((u) => (
            <tr>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>{u.position ?? ''}</td>
              <td>{roleNames[u.role]}</td>
              <td>{orgName(u.organizationId)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" action="/admin/users" class="card">
        <CsrfField viewer={viewer} />
        <h2>Новый пользователь</h2>
        <div class="grid2">
          <Field id="name" label="ФИО" required />
          <Field id="email" label="Почта" type="email" required />
          <Field id="position" label="Должность" />
          <SelectField id="role" label="Роль" options={Object.entries(roleNames)} />
          <OrganizationField viewer={viewer} organizations={organizations} />
          <Field id="password" label="Пароль (не короче 8 символов)" type="password" required />
        </div>
        <SubmitActions label="Создать" />
      </form>
    </AdminLayout>
  )
}

export const JournalsPage = ({
  viewer,
  items,
  organizations,
  flash,
}: {
  viewer: Viewer
  items: {
    id: string
    name: string
    kind: string
    pattern: string
    reset: string
    nextNumber: string
    organizationId: string
  }[]
  organizations: Organization[]
  flash?: Flash
}) => (
  <AdminLayout viewer={viewer} title="Журналы регистрации" href="/admin/journals" flash={flash}>
    <table>
      <thead>
        <tr>
          <th scope="col">Журнал</th>
          <th scope="col">Вид</th>
          <th scope="col">Шаблон номера</th>
          <th scope="col">Нумерация</th>
          <th scope="col">Следующий номер</th>
        </tr>
      </thead>
      <tbody>
        {items.map((j) => (
          <tr>
            <td>{j.name}</td>
            <td>{j.kind === 'prikaz' ? 'приказы' : 'распоряжения'}</td>
            <td>{j.pattern}</td>
            <td>{j.reset === 'yearly' ? 'с 1 каждый год' : 'сквозная'}</td>
            <td>{j.nextNumber}</td>
          </tr>
        ))}
      </tbody>
    </table>
    <form method="post" action="/admin/journals" class="card">
      <CsrfField viewer={viewer} />
      <h2>Новый журнал</h2>
      <div class="grid2">
        <Field id="name" label="Название" required />
        <SelectField
          id="kind"
          label="Вид документов"
          options={[
            ['prikaz', 'приказы'],
            ['rasporyazhenie', 'распоряжения'],
          ]}
        />
        <Field id="pattern" label="Шаблон номера ({n} — номер, {yyyy} — год)" required placeholder="{n}-ОД" />
        <SelectField
          id="reset"
          label="Нумерация"
          options={[
            ['yearly', 'с 1 каждый год'],
            ['never', 'сквозная'],
          ]}
        />
        <OrganizationField viewer={viewer} organizations={organizations} />
      </div>
      <SubmitActions label="Создать" />
    </form>
  </AdminLayout>
)

export const TemplatesPage = ({
  viewer,
  items,
  flash,
}: {
  viewer: Viewer
  items: { id: string; kind: string; name: string; builtIn?: boolean }[]
  flash?: Flash
}) => (
  <AdminLayout viewer={viewer} title="Шаблоны документов" href="/admin/templates" flash={flash}>
    <table>
      <thead>
        <tr>
          <th scope="col">Шаблон</th>
          <th scope="col">Вид</th>
          <th scope="col">Источник</th>
        </tr>
      </thead>
      <tbody>
        {items.map((t) => (
          <tr>
            <td>{t.name}</td>
            <td>{t.kind === 'prikaz' ? 'приказ' : 'распоряжение'}</td>
            <td>{t.builtIn ? 'встроенный' : 'загружен'}</td>
          </tr>
        ))}
      </tbody>
    </table>
    <form method="post" action="/admin/templates" enctype="multipart/form-data" class="card">
      <CsrfField viewer={viewer} />
      <h2>Загрузить шаблон DOCX</h2>
      <div class="grid2">
        <Field id="name" label="Название" required />
        <SelectField
          id="kind"
          label="Вид документов"
          options={[
            ['prikaz', 'приказ'],
            ['rasporyazhenie', 'распоряжение'],
          ]}
        />
        <div>
          <label for="file">Файл .docx</label>
          <input id="file" name="file" type="file" accept=".docx" required />
        </div>
      </div>
      <SubmitActions label="Загрузить" />
    </form>
  </AdminLayout>
)

type Executor = { id: string; name: string; kind: 'person' | 'unit'; email: string | null }

export const ExecutorsPage = ({
  viewer,
  items,
  unresolved,
  flash,
}: {
  viewer: Viewer
  items: Executor[]
  unresolved: { written: string; items: number }[]
  flash?: Flash
}) => (
  <AdminLayout viewer={viewer} title="Справочник исполнителей" href="/admin/executors" flash={flash}>
    <p class="muted">
      Исполнители пунктов и строк дорожных карт сопоставляются с этим справочником в любом падеже («Лаврушкиной Е.А.» —
      Лаврушкина Е.А.); по адресу почты им приходят напоминания о сроках.
    </p>
    <table>
      <thead>
        <tr>
          <th scope="col">Исполнитель</th>
          <th scope="col">Вид</th>
          <th scope="col">Почта</th>
        </tr>
      </thead>
      <tbody>
        {items.map((e) => (
          <tr>
            <td>{e.name}</td>
            <td>{e.kind === 'person' ? 'сотрудник' : 'подразделение'}</td>
            <td>{e.email ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
    {unresolved.length ? (
      <section class="card">
        <h2>Не найдены в справочнике</h2>
        <p class="muted">
          Так написаны исполнители поручений, которых нет в справочнике. Добавьте их — поручения свяжутся сами.
        </p>
        <ul>
          {unresolved.map((u) => (
            <li>
              {u.written} <span class="muted">(поручений: {u.items})</span>
            </li>
          ))}
        </ul>
      </section>
    ) : null}
    <form method="post" action="/admin/executors" class="card">
      <CsrfField viewer={viewer} />
      <h2>Добавить исполнителя</h2>
      <div class="grid2">
        <Field id="name" label="ФИО или наименование подразделения" required />
        <SelectField
          id="kind"
          label="Вид"
          options={[
            ['person', 'сотрудник'],
            ['unit', 'подразделение'],
          ]}
        />
        <Field id="email" label="Почта (для напоминаний)" type="email" />
      </div>
      <SubmitActions label="Добавить" />
    </form>
  </AdminLayout>
)

export const CalendarPage = ({
  viewer,
  organizationId,
  organizations,
  year,
  nonWorkingDays,
  workingWeekends,
  overrides,
  flash,
}: {
  viewer: Viewer
  organizationId: string
  /** for the installation's admin: the organizations whose calendar may be shown */
  organizations?: { id: string; name: string }[]
  year: number
  nonWorkingDays: string[]
  workingWeekends: string[]
  overrides: { day: string; working: boolean; note: string | null }[]
  flash?: Flash
}) => {
  const at = (y: number) =>
    `/admin/calendar?${new URLSearchParams({ year: String(y), ...(organizations ? { organizationId } : {}) })}`
  const weekdayHolidays = nonWorkingDays.filter((d) => {
    const w = new Date(`${d}T00:00:00Z`).getUTCDay()
    return w !== 0 && w !== 6
  })
  const ru = (d: string) => d.split('-').reverse().join('.')
  return (
    <AdminLayout viewer={viewer} title={`Производственный календарь ${year}`} href="/admin/calendar" flash={flash}>
      {organizations && (
        <form method="get" action="/admin/calendar" class="card">
          <input type="hidden" name="year" value={String(year)} />
          <label for="organizationId">Организация</label>
          <select id="organizationId" name="organizationId">
            {organizations.map((o) => (
              <option value={o.id} selected={o.id === organizationId}>
                {o.name}
              </option>
            ))}
          </select>
          <button type="submit">Показать</button>
        </form>
      )}
      <p>
        <a href={at(year - 1)}>← {year - 1}</a> · <a href={at(year + 1)}>{year + 1} →</a>
      </p>
      <p class="muted">
        Контрольная дата, выпавшая на нерабочий день, переносится на предшествующий рабочий. Встроен календарь РФ по
        постановлениям Правительства о переносе выходных дней; изменения организации — ниже.
      </p>
      <div class="grid2">
        <section>
          <h2>Нерабочие будние дни ({weekdayHolidays.length})</h2>
          <p>{weekdayHolidays.map(ru).join(', ') || '—'}</p>
        </section>
        <section>
          <h2>Рабочие выходные ({workingWeekends.length})</h2>
          <p>{workingWeekends.map(ru).join(', ') || '—'}</p>
        </section>
      </div>
      <h2>Изменения организации</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">День</th>
            <th scope="col">Стал</th>
            <th scope="col">Основание</th>
          </tr>
        </thead>
        <tbody>
          {overrides.map((o) => (
            <tr>
              <td>{ru(o.day)}</td>
              <td>{o.working ? 'рабочим' : 'нерабочим'}</td>
              <td>{o.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" action={at(year)} class="card">
        <CsrfField viewer={viewer} />
        <h2>Изменить день</h2>
        <div class="grid2">
          <Field id="day" label="День" type="date" required />
          <SelectField
            id="working"
            label="Сделать"
            options={[
              ['false', 'нерабочим'],
              ['true', 'рабочим'],
            ]}
          />
          <Field id="note" label="Основание (постановление, приказ)" />
        </div>
        <SubmitActions label="Сохранить" />
      </form>
    </AdminLayout>
  )
}
