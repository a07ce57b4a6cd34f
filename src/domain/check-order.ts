import type { OrderContent, Point } from './content'

export type Problem = { code: string; message: string; path: string }

type Located = { text: string; path: string }

/** Every point with its JSON path, depth first. */
const walkPoints = (points: Point[], prefix = 'points'): (Located & { point: Point })[] =>
  points.flatMap((point, i) => [
    { point, text: point.text, path: `${prefix}.${i}` },
    ...walkPoints(point.points ?? [], `${prefix}.${i}.points`),
  ])

const CITATION = /Приложени[еяюи](?:\s*№\s*(\d+))?/gi
const DATE = /\b(\d{2})\.(\d{2})\.(\d{4})\b/g
const YEAR_RANGE = /\b(\d{3,4})\s*[/–-]\s*(\d{3,4})(?=\s*(?:учебн|уч\.|год|гг))/gi

const citations = (text: string) => [...text.matchAll(CITATION)].map((m) => (m[1] ? Number(m[1]) : null))

/** Every piece of free text with its path: where a year range can be mistyped. */
const allTexts = (c: OrderContent): Located[] => [
  { text: c.title, path: 'title' },
  { text: c.preamble, path: 'preamble' },
  ...walkPoints(c.points).map((p) => ({ text: p.text, path: `${p.path}.text` })),
  ...(c.appendices ?? []).flatMap((a, i) => [
    { text: a.title, path: `appendices.${i}.title` },
    ...(a.text ? [{ text: a.text, path: `appendices.${i}.text` }] : []),
    ...(a.table?.rows ?? []).flatMap((r, k) =>
      'section' in r
        ? [{ text: r.section, path: `appendices.${i}.table.rows.${k}.section` }]
        : r.cells.map((cell, j) => ({ text: cell, path: `appendices.${i}.table.rows.${k}.cells.${j}` })),
    ),
  ]),
]

const latestDate = (text: string): string | undefined =>
  [...text.matchAll(DATE)]
    .map((m) => `${m[3]}-${m[2]}-${m[1]}`)
    .sort()
    .at(-1)

/**
 * The order linter: what real orders get wrong and the system cannot prevent by construction
 * (numbers of points and appendices are the system's already). `reference` is the registration
 * date, or today for an order not yet registered.
 */
export const checkOrder = (c: OrderContent, { reference }: { reference: string }): Problem[] => {
  const problems: Problem[] = []
  const appendices = c.appendices ?? []
  const points = walkPoints(c.points)
  const cited = new Set<number>()
  for (const p of points) {
    for (const n of citations(p.text)) {
      if (appendices.length === 0) {
        problems.push({
          code: 'appendix_absent',
          path: `${p.path}.text`,
          message: `Пункт ссылается на приложение${n ? ` № ${n}` : ''}, но у приказа нет приложений`,
        })
      } else if (n !== null && appendices.length === 1) {
        problems.push({
          code: 'appendix_number_single',
          path: `${p.path}.text`,
          message: `Единственное приложение обозначается «Приложение» без номера, а пункт ссылается на «Приложение № ${n}»`,
        })
        cited.add(1)
      } else if (n !== null && n > appendices.length) {
        problems.push({
          code: 'appendix_missing',
          path: `${p.path}.text`,
          message: `Пункт ссылается на приложение № ${n}, а приложений ${appendices.length}`,
        })
      } else {
        cited.add(n ?? 1)
      }
    }
    if (p.point.deadline) {
      if (!p.point.executors?.length)
        problems.push({
          code: 'executor_missing',
          path: `${p.path}.executors`,
          message: `У пункта есть срок «${p.point.deadline}», но не указан исполнитель`,
        })
      const due = latestDate(p.point.deadline)
      if (due && due < reference)
        problems.push({
          code: 'deadline_past',
          path: `${p.path}.deadline`,
          message: `Срок «${p.point.deadline}» уже прошёл на дату ${reference.split('-').reverse().join('.')}`,
        })
    }
  }
  appendices.forEach((a, i) => {
    if (!cited.has(i + 1))
      problems.push({
        code: 'appendix_not_cited',
        path: `appendices.${i}`,
        message: `На ${appendices.length > 1 ? `приложение № ${i + 1}` : 'приложение'} «${a.title}» не ссылается ни один пункт`,
      })
    a.table?.columns.forEach((col, j) => {
      const rows = a.table!.rows.filter((r) => 'cells' in r) as { cells: string[] }[]
      if (rows.length && rows.every((r) => !r.cells[j]?.trim())) {
        problems.push({
          code: 'table_column_empty',
          path: `appendices.${i}.table.columns.${j}`,
          message: `Столбец «${col.title}» в приложении ${i + 1} пуст`,
        })
      }
    })
  })
  for (const { text, path } of allTexts(c)) {
    for (const m of text.matchAll(YEAR_RANGE)) {
      const [from, to] = [Number(m[1]), Number(m[2])]
      if (to - from !== 1 || from < 1900) {
        problems.push({
          code: 'year_range',
          path,
          message: `«${m[0]}»: годы записаны неверно${to > 1900 ? `, ожидается ${to - 1}/${to}` : ''}`,
        })
      }
    }
  }
  return problems
}
