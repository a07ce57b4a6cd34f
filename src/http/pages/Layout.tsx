import type { Caller } from '../../domain/policy'
import type { Child } from 'hono/jsx'

export type Viewer = Caller & {
  name: string
  csrf: string
  /** the installation's admin (no organization): sees every organization */
  global: boolean
}

type MenuItem = { href: string; label: string }

/** What each role works with; the installation's admin also manages organizations. */
export const menuOf = (viewer: Viewer): MenuItem[] => {
  const orders = { href: '/orders', label: 'Приказы' }
  const control = { href: '/control', label: 'Контроль' }
  const verify = { href: '/verify', label: 'Проверка подписи' }
  const journals = { href: '/journals', label: 'Журнал регистрации' }
  const start = { href: '/start', label: 'Начало' }
  switch (viewer.role) {
    case 'clerk':
      return [start, orders, { href: '/orders/new', label: 'Новый приказ' }, journals, control, verify]
    case 'director':
      return [start, orders, journals, control, verify]
    case 'approver':
      // decides by the links sent to them (signing in brings them back to the link), reads the orders
      return [start, orders, verify]
    case 'controller':
      return [start, orders, journals, control, { href: '/reports/discipline', label: 'Дисциплина' }, verify]
    case 'admin':
      return [
        orders,
        ...(viewer.global ? [] : [journals]),
        ...(viewer.global ? [{ href: '/admin/organizations', label: 'Организации' }] : []),
        { href: '/admin/users', label: 'Пользователи' },
        { href: '/admin/journals', label: 'Журналы' },
        { href: '/admin/templates', label: 'Шаблоны' },
        { href: '/admin/executors', label: 'Исполнители' },
        { href: '/admin/calendar', label: 'Календарь' },
      ]
  }
}

/** In the order a new user's role is offered: the most common and least privileged first, the admin last. */
export const roleNames = {
  clerk: 'делопроизводитель',
  controller: 'контролёр',
  approver: 'согласующий',
  director: 'руководитель',
  admin: 'администратор',
}

export const CsrfField = ({ viewer }: { viewer: Viewer }) => <input type="hidden" name="_csrf" value={viewer.csrf} />

export const Layout = ({
  title,
  children,
  viewer,
  current,
  narrow,
  scripts = [],
}: {
  title: string
  children: Child
  viewer?: Viewer
  current?: string
  narrow?: boolean
  scripts?: string[]
}) => (
  <html lang="ru">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      {viewer ? <meta name="csrf-token" content={viewer.csrf} /> : null}
      <title>{`${title} — Приказы`}</title>
      <link rel="stylesheet" href="/assets/app.css" />
      {scripts.map((s) => (
        <script src={`/assets/${s}`} defer></script>
      ))}
    </head>
    <body>
      {viewer ? (
        <nav class="top" aria-label="Главное меню">
          <span class="brand">Приказы</span>
          {menuOf(viewer).map((m) => (
            <a href={m.href} aria-current={current === m.href ? 'page' : undefined}>
              {m.label}
            </a>
          ))}
          <form method="post" action="/signout">
            <CsrfField viewer={viewer} />
            <span>
              {viewer.name} ({roleNames[viewer.role]}){' '}
            </span>
            <button type="submit" class="small">
              Выйти
            </button>
          </form>
        </nav>
      ) : null}
      <main class={narrow ? 'narrow' : undefined}>{children}</main>
    </body>
  </html>
)
