import type { OrderContent, Point } from './content'

export type Problem = { code: string; message: string; path: string }

type Located = { text: string; path: string }

/** Every point with its JSON path, depth first. */
const walkPoints = (points: Point[], prefix = 'points'): (Located & { point: Point })[] =>
  points.flatMap((point, i) => [
    { point, text: point.text, path: `${prefix}.${i}` },
    ...walkPoints(point.points ?? [], `${prefix}.${i}.points`),
  ])

// The patterns are built where they are used: a function per pattern keeps each one a part of the
// code that runs (and that mutation testing reaches), not a value fixed once at load.

/**
 * How an order cites its own appendix: «(Приложение № 2)», «согласно приложению», «в приложении к
 * настоящему приказу», «приложения № 1, 2», «приложения № 1–3», or without the word at all:
 * «прилагаемый План», «(прилагается)». Numbers, when given, follow «приложение» («прилагаемые 2
 * экземпляра» cites no appendix № 2).
 */
const citationPattern = () =>
  /приложени[еяюи]\p{L}*((?:\s*№{1,2}\s*|\s+)\d+(?:\s*(?:,|и|-|–|—)\s*\d+)*)?|прилага\p{L}*/giu
/** «приложение к приказу Министерства … от …»: an appendix of another act, not of this order. */
const otherActPattern = () =>
  /^\s*к\s+(?!настоящему|данному|этому)(?:приказу|распоряжению|постановлению|решению|письму|положению|порядку|закону|указу|протоколу|программе)/iu
const datePattern = () => /\b(\d{2})\.(\d{2})\.(\d{4})\b/g
/** Two years joined by a slash or a dash: «2024/2025», «2023 /2024», «2025 – 2027», «203/2024». */
const yearPairPattern = () => /(?<!\d|\d\.|№\s*)(\d{3,4})\s*[/–—-]\s*(\d{3,4})(?!\d|\.\d)/gu
/**
 * What makes a pair of years one school year: «учебный год», «учебного года», «уч. год», «уч. г.»,
 * in the singular («в 2024–2026 учебных годах» spans several).
 */
const schoolYear = String.raw`(?:учебн(?:ый|ого|ом|ому|ым)\s+год(?:а|у|ом)?|уч\.\s*г(?:од(?:а|у|ом)?|\.)?)(?!\p{L})`
const isSchoolYear = (before: string, after: string) =>
  new RegExp(`^\\s*${schoolYear}`, 'iu').test(after) || new RegExp(`${schoolYear}\\s*$`, 'iu').test(before)

/** The appendix numbers a citation gives: «№ 1, 2» → [1, 2]; «№ 1–3» → [1, 2, 3]; none → []. */
export const citedNumbers = (numbers: string | undefined): number[] => {
  if (!numbers) return []
  const found: number[] = []
  for (const m of numbers.matchAll(/(\d+)(?:\s*[-–—]\s*(\d+))?/g)) {
    const from = Number(m[1])
    const to = m[2] ? Number(m[2]) : from
    for (let n = from; n <= to && n - from < 50; n++) found.push(n)
  }
  return found
}

/** The citations of this order's appendices in a text: each a list of numbers, empty when none is given. */
export const citations = (text: string): number[][] =>
  [...text.matchAll(citationPattern())]
    .filter((m) => !otherActPattern().test(text.slice(m.index + m[0].length)))
    .map((m) => citedNumbers(m[1]))

/** A word cut to its stem, so that «План» and «плана», «Положение» and «Положения» meet. */
const stem = (word: string) => word.toLowerCase().slice(0, Math.max(4, word.length - 2))

/**
 * The appendices an unnumbered citation («Утвердить прилагаемое Положение о конкурсе», «согласно
 * приложению») means: those whose title's first two words the text names; the first one when the
 * text names none (a single appendix always).
 */
export const unnumberedCitation = (appendices: { title: string }[], text: string): number[] => {
  const lower = text.toLowerCase()
  const named = appendices.flatMap((a, i) => {
    const words = a.title.match(/\p{L}{3,}/gu)?.slice(0, 2) ?? []
    return words.length && words.every((w) => lower.includes(stem(w))) ? [i + 1] : []
  })
  return named.length ? named : [1]
}

/** Every piece of free text with its path: where a year range can be mistyped. */
const allTexts = (c: OrderContent): Located[] => [
  { text: c.title, path: 'title' },
  { text: c.preamble, path: 'preamble' },
  ...walkPoints(c.points).map((p) => ({ text: p.text, path: `${p.path}.text` })),
  ...(c.control ? [{ text: c.control, path: 'control' }] : []),
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
  [...text.matchAll(datePattern())]
    .map((m) => `${m[3]}-${m[2]}-${m[1]}`)
    .sort()
    .at(-1)

/**
 * A pair of years written wrong, or null: a three-digit year («203/2024») is a slip wherever it
 * stands; a school year («2023/2024 учебный год») must be two consecutive years, while a plan «на
 * 2025 – 2027 годы» or a range «2024-2025 гг.» may span any years.
 */
export const yearSlip = (from: string, to: string, before: string, after: string): string | null => {
  const [a, b] = [Number(from), Number(to)]
  const isYear = (n: number) => n >= 1900 && n <= 2099
  if (from.length !== to.length) {
    // «203/2024», «2023/204»: a digit lost from one of the years
    const [short, full] = from.length < to.length ? [a, b] : [b, a]
    if (short < 190 || short > 209 || !isYear(full)) return null
    const first = from.length < to.length ? b - 1 : a
    return `ожидается ${first}/${first + 1}`
  }
  if (!isYear(a) || !isYear(b)) return null // «123-456», «1000–5000»: not years
  if (b - a !== 1 && isSchoolYear(before, after)) return `учебный год — два года подряд, ожидается ${b - 1}/${b}`
  return null
}

const yearProblems = (c: OrderContent): Problem[] =>
  allTexts(c).flatMap(({ text, path }) =>
    [...text.matchAll(yearPairPattern())].flatMap((m) => {
      const slip = yearSlip(m[1]!, m[2]!, text.slice(0, m.index), text.slice(m.index + m[0].length))
      return slip ? [{ code: 'year_range', path, message: `«${m[0]}»: годы записаны неверно, ${slip}` }] : []
    }),
  )

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
    for (const numbers of citations(p.text)) {
      const path = `${p.path}.text`
      if (appendices.length === 0) {
        problems.push({
          code: 'appendix_absent',
          path,
          message: `Пункт ссылается на приложение${numbers.length ? ` № ${numbers.join(', ')}` : ''}, но у приказа нет приложений`,
        })
        continue
      }
      if (numbers.length === 0) for (const n of unnumberedCitation(appendices, p.text)) cited.add(n)
      for (const n of numbers) {
        if (appendices.length === 1) {
          problems.push({
            code: 'appendix_number_single',
            path,
            message: `Единственное приложение обозначается «Приложение» без номера, а пункт ссылается на «Приложение № ${n}»`,
          })
          cited.add(1)
        } else if (n > appendices.length || n < 1) {
          problems.push({
            code: 'appendix_missing',
            path,
            message: `Пункт ссылается на приложение № ${n}, а приложений ${appendices.length}`,
          })
        } else {
          cited.add(n)
        }
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
  problems.push(...yearProblems(c))
  return problems
}
