import { OrderError } from './errors'

/**
 * Who may do what, in one map. Every use case asks it (`authorize` in services/access.ts), the route
 * guard asks it before a request's body is read (http/route-policy.ts names each route's action), the
 * pages ask it which buttons to show, and the access-matrix test reads it. The machine's state is the
 * other half of a decision: an order's or a control item's `allowedActions` are what its machine allows
 * now, filtered by this map for the one who asks.
 */

/** `approver`: a person who only gives visas (any active person may approve; signing needs `director`). */
export type Role = 'admin' | 'clerk' | 'controller' | 'director' | 'approver'

/** The one who asks: an account's role and organization (none for the installation's admin). */
export type Caller = { role: Role; organizationId: string | null }

type Rule = {
  /** who may: `everyone` signed in, or these roles (an admin acts in every role, within their organization) */
  roles: 'everyone' | readonly Role[]
  /** only the installation's admin (an admin bound to no organization) */
  installation?: true
  /** besides the roles: the director who signed the order (only a director signs; the use case knows whether they did) */
  orderSigner?: true
  /** the refusal, in the words the caller reads */
  refusal: string
}

const clerk = (refusal: string): Rule => ({ roles: ['clerk'], refusal })
const controller = (refusal: string): Rule => ({ roles: ['controller'], refusal })
const admin = (refusal: string): Rule => ({ roles: ['admin'], refusal })
const everyone: Rule = { roles: 'everyone', refusal: 'Требуется вход в систему' }
const signerToo = (refusal: string): Rule => ({ roles: ['controller'], orderSigner: true, refusal })

export const POLICY = {
  'orders.read': everyone,
  // one's own password and sessions
  'account.own': everyone,
  'orders.draft': clerk('Создавать и редактировать приказы может делопроизводитель'),
  'orders.submit': clerk('Отправлять приказ на согласование может делопроизводитель'),
  'orders.reissue': clerk('Выпускать ссылки заново может делопроизводитель'),
  'orders.register': clerk('Регистрировать приказы может делопроизводитель'),
  'orders.archive': clerk('Вносить приказы из архива может делопроизводитель'),
  'orders.cancel': clerk('Отменять приказы может делопроизводитель'),
  'control.read': everyone,
  'control.report': controller('Отмечать исполнение может контролёр'),
  'control.accept': controller('Принимать отчёт может контролёр'),
  'control.return': controller('Возвращать отчёт может контролёр'),
  'control.extend': signerToo('Переносить срок может контролёр или подписавший приказ'),
  'control.remove': signerToo('Снимать с контроля может контролёр или подписавший приказ'),
  'control.reopen': controller('Возвращать на контроль может контролёр'),
  'control.decideExtension': signerToo('Решать о переносе срока может контролёр или подписавший приказ'),
  'reports.discipline': controller('Отчёт об исполнительской дисциплине доступен контролёру'),
  'executors.read': everyone,
  'executors.unresolved': controller('Неопознанных исполнителей видит контролёр'),
  'executors.manage': admin('Справочник исполнителей ведёт администратор'),
  'executors.link': controller('Персональную ссылку исполнителю выдаёт контролёр'),
  'people.read': everyone,
  'users.manage': admin('Пользователей ведёт администратор'),
  'organizations.read': admin('Организации видит администратор'),
  'organizations.create': {
    roles: ['admin'],
    installation: true,
    refusal: 'Это доступно только администратору всей системы (без организации)',
  },
  'organizations.profile': admin('Профиль организации ведёт администратор'),
  'journals.read': everyone,
  'journals.manage': admin('Журналы регистрации ведёт администратор'),
  'templates.read': everyone,
  'templates.manage': admin('Шаблоны загружает администратор'),
  'settings.read': everyone,
  'settings.change': admin('Календарь и практику контроля меняет администратор'),
  'trust.manage': admin('Список доверенных удостоверяющих центров ведёт администратор'),
  'signing.manage': admin('Настройки подписи и ключи ведёт администратор'),
  'audit.verify': admin('Журнал аудита проверяет администратор'),
  'deadlines.parse': everyone,
} as const satisfies Record<string, Rule>

export type Action = keyof typeof POLICY

/** The order machine's actions (services/lifecycle.ts `allowedActions`) a person takes, by the policy's name. */
export const ORDER_ACTIONS = {
  edit: 'orders.draft',
  submit: 'orders.submit',
  change_route: 'orders.submit',
  reissue_links: 'orders.reissue',
  register: 'orders.register',
  cancel: 'orders.cancel',
} as const satisfies Record<string, Action>

export const ACTIONS = Object.keys(POLICY) as Action[]

/** Organizations are sealed: the installation's admin (no organization) is the only one who spans them. */
export const isInstallationAdmin = (caller: Caller) => caller.role === 'admin' && !caller.organizationId

/** What the use case knows of this caller and this record. */
export type Facts = { signedTheOrder?: boolean }

const byRole = (caller: Caller, rule: Rule) =>
  'installation' in rule
    ? isInstallationAdmin(caller)
    : caller.role === 'admin' || rule.roles === 'everyone' || rule.roles.includes(caller.role)

const bySignature = (caller: Caller, rule: Rule) => rule.orderSigner === true && caller.role === 'director'

/** May this caller do this, knowing the facts of the record? */
export const may = (caller: Caller, action: Action, facts: Facts = {}): boolean => {
  const rule: Rule = POLICY[action]
  return byRole(caller, rule) || (bySignature(caller, rule) && facts.signedTheOrder === true)
}

/**
 * May anyone of this caller's role ever do this: the route's check, before the record is read. Only a
 * director can have signed an order, so a director passes here where a signer may act and the use case decides.
 */
export const mayEver = (caller: Caller, action: Action): boolean => {
  const rule: Rule = POLICY[action]
  return byRole(caller, rule) || bySignature(caller, rule)
}

/** `may`, or the action's refusal (403). */
export const requireMay = (caller: Caller, action: Action, facts: Facts = {}) => {
  if (!may(caller, action, facts)) throw new OrderError('forbidden', POLICY[action].refusal)
}

/** Whether the caller's own organization reaches this organization's data (the installation's admin: all). */
export const reaches = (caller: Caller, organizationId: string) =>
  isInstallationAdmin(caller) || caller.organizationId === organizationId
