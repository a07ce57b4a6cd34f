import { kindNames, type OrderKind } from './content'
import { russianDate } from './dates'

/**
 * The names a clerk gives an order's files: «Приказ № 1-ОД от 07.12.2026.pdf» once registered,
 * «Проект приказа «О …».pdf» before. Which file it is:
 * - `registered` the sealed registered PDF (number, date, QR code, the organization's seal);
 * - `signed` the file with the visas and the signature (before the registration mark);
 * - `rendering` the order as the service renders it (the DOCX, or the PDF without signatures).
 */
export type OrderFile = 'registered' | 'signed' | 'rendering'

export type NamedOrder = {
  kind: OrderKind
  title: string
  number: string | null
  date: string | null
}

/** A title fits a file name: at most this many characters, cut at a word and marked with «…». */
const TITLE_CHARACTERS = 80

// characters Windows refuses in a file name, and a slash (226/1) that every system takes for a folder
const UNSAFE = /[\\/:*?"<>|]/g

const capital = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`

const shortTitle = (title: string) => {
  // «2024/2025 учебный год» keeps its pair of years as «2024-2025»
  const one = title.replace(/[\\/]/g, '-').replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim()
  if (one.length <= TITLE_CHARACTERS) return one
  const cut = one.slice(0, TITLE_CHARACTERS)
  const space = cut.lastIndexOf(' ')
  return `${(space > TITLE_CHARACTERS / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;«(-]+$/, '')}…`
}

/** «Приказ № 226-1-г от 05.09.2024»: the slash of a litera number becomes a hyphen, as in the register's files. */
export const registeredName = (o: NamedOrder & { number: string; date: string }) =>
  `${capital(kindNames[o.kind].nominative)} № ${o.number.replace(UNSAFE, '-')} от ${russianDate(o.date)}`

export const orderFileName = (o: NamedOrder, file: OrderFile, ext: 'pdf' | 'docx') => {
  const names = kindNames[o.kind]
  const title = `«${shortTitle(o.title)}»`
  if (o.number && o.date) {
    const base = registeredName({ ...o, number: o.number, date: o.date })
    if (file === 'signed') return `${base} (подписан, без регистрационной отметки).${ext}`
    if (file === 'rendering' && ext === 'pdf') return `${base} (без подписей).${ext}`
    return `${base}.${ext}`
  }
  if (file === 'signed') return `${capital(names.nominative)} ${title} (подписан).${ext}`
  return `Проект ${names.genitive} ${title}.${ext}`
}

// ГОСТ Р 52535.1-2006 (the passports' transliteration): what a Russian reader reads back most easily
const LATIN: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
  '№': 'N',
  '«': "'",
  '»': "'",
  '…': '...',
  '–': '-',
  '—': '-',
}

/**
 * The plain-ASCII name for `filename="…"` (RFC 6266), for a client that does not read `filename*`:
 * Cyrillic transliterated, anything else outside printable ASCII, a quote or a backslash an underscore.
 */
export const asciiFileName = (name: string) =>
  [...name]
    .map((ch) => {
      const lower = ch.toLowerCase()
      const latin = LATIN[lower]
      if (latin === undefined) return /^[\x20-\x7e]$/.test(ch) && ch !== '"' && ch !== '\\' ? ch : '_'
      return ch !== lower && latin ? capital(latin) : latin
    })
    .join('')

/** The file that counts at a state: the sealed one once registered, the signed one before, the rendering before that. */
export const currentFileAt = (status: string): OrderFile =>
  status === 'registered' || status === 'closed' ? 'registered' : status === 'signed' ? 'signed' : 'rendering'
