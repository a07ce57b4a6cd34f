/**
 * Every word a person reads for a code of the service: states, decisions, events of the history. One
 * dictionary, so a page never shows `control_items_created` or `signed`; a code missing here is caught by
 * `wordFor`, which says «событие» rather than the code.
 */
export const orderStateNames = {
  draft: 'проект',
  approval: 'на согласовании',
  signature: 'на подписании',
  signed: 'подписан',
  registered: 'зарегистрирован',
  closed: 'исполнен и закрыт',
  cancelled: 'отменён',
} as const

export const decisionNames: Record<string, string> = {
  pending: 'ожидает',
  approved: 'согласовано',
  returned: 'возвращено',
  signed: 'подписано',
}

/** The audit events of an order's history and of the organization's log. */
export const eventNames: Record<string, string> = {
  created: 'создан',
  edited: 'изменён',
  submitted: 'отправлен на согласование',
  imported_registered: 'внесён из архива с номером и датой журнала',
  route_changed: 'маршрут изменён, согласование начато заново',
  approved: 'согласован',
  returned: 'возвращён на доработку',
  signed: 'подписан',
  registered: 'зарегистрирован',
  cancelled: 'отменён',
  closed: 'исполнен и закрыт',
  links_reissued: 'ссылки выданы заново',
  control_items_created: 'поставлен на контроль',
  control_item_reported: 'отчёт об исполнении',
  control_item_accepted: 'отчёт принят',
  control_item_returned: 'отчёт возвращён',
  control_item_extended: 'срок перенесён',
  control_item_removed: 'снято с контроля',
  control_item_reopened: 'возвращено на контроль',
  control_item_rolled_over: 'следующий срок периодического поручения',
  journal_created: 'создан журнал',
  template_uploaded: 'загружен шаблон',
  user_created: 'создан пользователь',
  user_disabled: 'пользователь отключён',
  user_enabled: 'пользователь включён',
  organization_created: 'создана организация',
  executor_created: 'добавлен исполнитель',
  executor_changed: 'изменён исполнитель',
  executor_removed: 'удалён исполнитель',
  credential_uploaded: 'загружен сертификат',
  signing_settings_changed: 'изменены настройки подписи',
  control_practice_changed: 'изменены правила контроля',
  calendar_changed: 'изменён календарь',
  demo_created: 'созданы демонстрационные данные',
}

/** The word for a code of one of the dictionaries; never the code itself. */
export const wordFor = (dictionary: Record<string, string>, code: string, otherwise: string) =>
  Object.hasOwn(dictionary, code) ? dictionary[code]! : otherwise
