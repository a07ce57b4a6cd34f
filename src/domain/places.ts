/**
 * Where in an order a problem is, in the clerk's words: «Пункт 1.10», «Приложение 1, таблица, строка 3,
 * ячейка 2», never a JSON path («points.0.points.9.text»). The path stays beside it in the answer, for the
 * editor to find the field; the place is what a person reads.
 */
type Path = readonly (string | number)[] | string

const toSegments = (path: Path): (string | number)[] =>
  typeof path === 'string'
    ? path
        .split('.')
        .filter(Boolean)
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s))
    : [...path]

const topLevel: Record<string, string> = {
  kind: 'Вид документа',
  templateId: 'Шаблон',
  organization: 'Реквизиты организации',
  title: 'Заголовок',
  preamble: 'Преамбула',
  directive: 'Распорядительное слово',
  points: 'Пункты',
  control: 'Пункт о контроле',
  signer: 'Подписывает',
  appendices: 'Приложения',
}

const pointFields: Record<string, string> = {
  text: '',
  executors: ', исполнители',
  deadline: ', срок',
  points: ', подпункты',
}

const appendixPlace = (rest: (string | number)[]): string => {
  const [field, ...more] = rest
  if (field === undefined) return ''
  if (field === 'title') return ', заголовок'
  if (field === 'text') return ', текст'
  if (field !== 'table') return ''
  const [part, index, leaf, cell] = more
  if (part === 'columns') return typeof index === 'number' ? `, таблица, столбец ${index + 1}` : ', таблица'
  if (part === 'rows') {
    if (typeof index !== 'number') return ', таблица, строки'
    const row = `, таблица, строка ${index + 1}`
    if (leaf === 'section') return `${row} (раздел)`
    return typeof cell === 'number' ? `${row}, ячейка ${cell + 1}` : row
  }
  return ', таблица'
}

/** The place a path of OrderContent names, as a clerk would say it. */
export const placeOf = (path: Path): string => {
  const segments = toSegments(path)
  const [head, ...rest] = segments
  if (head === undefined) return 'Приказ'
  if (head === 'points' && typeof rest[0] === 'number') {
    const numbers: number[] = []
    let i = 0
    // points.0.points.9 → 1.10: each level is «points», then its index
    while (typeof segments[i + 1] === 'number' && segments[i] === 'points') {
      numbers.push((segments[i + 1] as number) + 1)
      i += 2
    }
    const field = segments[i]
    const executor = field === 'executors' && typeof segments[i + 1] === 'number' ? segments[i + 1] : undefined
    const suffix =
      executor !== undefined ? `, исполнитель ${(executor as number) + 1}` : (pointFields[String(field)] ?? '')
    return `Пункт ${numbers.join('.')}${suffix}`
  }
  if (head === 'appendices' && typeof rest[0] === 'number')
    return `Приложение ${rest[0] + 1}${appendixPlace(rest.slice(1))}`
  if (head === 'signer' && rest[0] === 'position') return 'Подписывает, должность'
  if (head === 'signer' && rest[0] === 'name') return 'Подписывает, И.О. Фамилия'
  return topLevel[String(head)] ?? 'Приказ'
}

/** «Пункт 1.10: нет текста»: a message with its place in front, once. */
export const placed = (path: Path, message: string): string => `${placeOf(path)}: ${message}`
