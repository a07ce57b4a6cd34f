/**
 * Executors as written in orders — «Заместителям директора Лаврушкиной Е.А., Романовой И.Е.», «УОиМП»,
 * «отделу образования» — matched to the organization's directory of people and units, whatever the
 * grammatical case. Surnames are declined by the rules of Russian grammar (no dictionary): the written form
 * must be one of the forms of the directory's surname, with the same initials. When two entries fit, the
 * one written exactly as in the directory wins; otherwise nothing is matched: never two different people.
 */
export type DirectoryEntry = { id: string; name: string; kind: 'person' | 'unit'; email?: string }

/** «Иванова И.И., Петров П.П.; отдел образования» → names; the first is the responsible executor. */
export const splitExecutors = (cell: string): string[] => {
  const names: string[] = []
  let depth = 0
  let current = ''
  for (const ch of cell) {
    if (ch === '(') depth++
    if (ch === ')') depth = Math.max(0, depth - 1)
    if (depth === 0 && (ch === ',' || ch === ';' || ch === '\n')) {
      names.push(current)
      current = ''
    } else current += ch
  }
  names.push(current)
  return names.map((n) => n.replace(/\s+/g, ' ').trim()).filter((n) => n !== '')
}

// ---------------------------------------------------------------------------------------------------------
// people

const lower = (s: string): string => s.toLowerCase().replace(/ё/g, 'е')

type PersonName = { surname: string; initials: string }

const INITIALS = /([А-ЯЁ])\.\s*(?:([А-ЯЁ])\.)?/
const CAPITALIZED = /^[А-ЯЁ][а-яё]+$/

/**
 * The surname and initials of a written person: «Лаврушкиной Е.А.», «Е.А. Лаврушкиной», «заместителю директора
 * Петрову П.П.», «Иванова Ирина Ивановна» (initials from the first name and patronymic).
 */
const personName = (written: string): PersonName | undefined => {
  const s = written.replace(/\s+/g, ' ').trim()
  // initials after or before a capitalised word
  let m = new RegExp(`([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?) ${INITIALS.source}`).exec(s)
  if (m?.[1] && m[2]) return { surname: lower(m[1]), initials: lower(`${m[2]}${m[3] ?? ''}`) }
  m = new RegExp(`${INITIALS.source} ?([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)`).exec(s)
  if (m?.[1] && m[3]) return { surname: lower(m[3]), initials: lower(`${m[1]}${m[2] ?? ''}`) }
  // three capitalised words: surname, first name, patronymic
  const words = s.split(' ')
  if (words.length === 3 && words.every((w) => CAPITALIZED.test(w))) {
    const [surname, first, patronymic] = words as [string, string, string]
    return { surname: lower(surname), initials: lower(`${first[0]}${patronymic[0]}`) }
  }
  return undefined
}

/**
 * Every form of a surname given in the nominative, for either gender (the directory does not say which):
 * nominative, genitive, dative, accusative, instrumental, prepositional.
 */
export const surnameForms = (nominative: string): Set<string> => {
  const s = lower(nominative)
  const forms = new Set<string>([s])
  const add = (stem: string, endings: string[]): void => {
    for (const e of endings) forms.add(stem + e)
  }
  const base = (n: number): string => s.slice(0, s.length - n)
  if (s.includes('-')) {
    // a double surname declines part by part
    const [a, b] = s.split('-') as [string, string]
    const fa = [...surnameForms(a)]
    const fb = [...surnameForms(b)]
    fa.forEach((x, i) => {
      forms.add(`${x}-${fb[i] ?? b}`)
    })
    return forms
  }
  if (/(ов|ев|ин|ын)$/.test(s)) add(s, ['а', 'у', 'ым', 'е'])
  else if (/(ова|ева|ина|ына)$/.test(s)) add(base(1), ['ой', 'у'])
  // -ский, -цкий, -гий, -кий, -хий: Достоевского, Троцкого, Горького
  else if (/[гкхц]ий$/.test(s)) add(base(2), ['ого', 'ому', 'им', 'ом'])
  else if (/(ый|ой)$/.test(s)) add(base(2), ['ого', 'ому', 'ым', 'ом'])
  else if (/ий$/.test(s)) add(base(2), ['его', 'ему', 'им', 'ем'])
  else if (/ая$/.test(s)) add(base(2), ['ой', 'ую'])
  else if (/яя$/.test(s)) add(base(2), ['ей', 'юю'])
  else if (/(ых|их|о|е|и|у|ю|э)$/.test(s)) {
    // indeclinable: Черных, Дурново, Гете
  } else if (/[жшчщц]а$/.test(s)) add(base(1), ['и', 'е', 'у', 'ей'])
  else if (/[гкх]а$/.test(s)) add(base(1), ['и', 'е', 'у', 'ой'])
  else if (/а$/.test(s)) add(base(1), ['ы', 'е', 'у', 'ой'])
  else if (/я$/.test(s)) add(base(1), ['и', 'е', 'ю', 'ей'])
  else if (/[ьй]$/.test(s)) add(base(1), ['я', 'ю', 'ем', 'е'])
  // a consonant: a man's surname declines (Шевчук → Шевчука), a woman's does not
  else if (/[жшчщц]$/.test(s)) add(s, ['а', 'у', 'ем', 'е'])
  else add(s, ['а', 'у', 'ом', 'е'])
  return forms
}

// ---------------------------------------------------------------------------------------------------------
// units

/** The main name and its alias: «Управление образования … (далее – УОиМП)» → [«Управление образования …», «УОиМП»] */
const unitNames = (written: string): string[] => {
  const s = written.replace(/\s+/g, ' ').trim()
  // the alias closes the cell, maybe with the sentence's full stop: «… (далее – ОО).»
  const alias = /\((?:далее\s*[-–—]?\s*)?[«"]?([^()«»"]+?)[»"]?\)[\s.;,]*$/.exec(s)
  if (!alias?.[1]) return [s]
  return [s.slice(0, alias.index).trim(), alias[1].trim()]
}

const ENDINGS = [
  'ями',
  'ами',
  'ого',
  'его',
  'ому',
  'ему',
  'ыми',
  'ими',
  'ией',
  'иям',
  'иях',
  'ии',
  'ие',
  'ия',
  'ию',
  'ой',
  'ей',
  'ом',
  'ем',
  'ым',
  'им',
  'ам',
  'ям',
  'ах',
  'ях',
  'ую',
  'юю',
  'ая',
  'яя',
  'ое',
  'ее',
  'ые',
  'ие',
  'ый',
  'ий',
  'ых',
  'их',
  'а',
  'я',
  'о',
  'е',
  'у',
  'ю',
  'ы',
  'и',
  'ь',
  'й',
]

/** A word without its case ending; abbreviations (several capitals) and short words stay as they are. */
const stem = (word: string): string => {
  if (/[А-ЯЁA-Z].*[А-ЯЁA-Z]/.test(word)) return word
  const w = lower(word)
  for (const e of ENDINGS) if (w.endsWith(e) && w.length - e.length >= 3) return w.slice(0, w.length - e.length)
  return w
}

const unitWords = (name: string): string[] =>
  name
    .replace(/[«»"“”„()]/g, ' ')
    .split(/[\s,.]+/)
    .filter((w) => w !== '')

/** The same unit in another case: word by word, the same stems (abbreviations exactly). */
const sameUnit = (written: string, entry: string): boolean => {
  const a = unitWords(written)
  const b = unitWords(entry)
  return a.length === b.length && a.every((w, i) => stem(w) === stem(b[i] as string))
}

const normalizedExact = (a: string, b: string): boolean =>
  lower(a).replace(/\s+/g, ' ').replace(/\.\s+/g, '.').trim() ===
  lower(b).replace(/\s+/g, ' ').replace(/\.\s+/g, '.').trim()

const BARE_NAME = /^\s*(?:[А-ЯЁ][а-яё-]+\s+[А-ЯЁ]\.\s*(?:[А-ЯЁ]\.)?|[А-ЯЁ]\.\s*(?:[А-ЯЁ]\.)?\s*[А-ЯЁ][а-яё-]+)\s*$/

/** The one directory entry a written executor names, or undefined when none or several could be meant. */
export const matchExecutor = (written: string, directory: readonly DirectoryEntry[]): DirectoryEntry | undefined => {
  const candidates = new Set<DirectoryEntry>()
  const exactForms = new Set<DirectoryEntry>()
  const person = personName(written)
  if (person) {
    for (const e of directory) {
      if (e.kind !== 'person') continue
      const p = personName(e.name)
      if (!p || p.initials !== person.initials) continue
      if (p.surname === person.surname) exactForms.add(e)
      if (surnameForms(p.surname).has(person.surname)) candidates.add(e)
    }
  }
  // not a person of the directory: a unit, whose name may hold a person's («школа им. А.С. Пушкина»);
  // a bare name («Петрову П.П.») stays a person
  if (candidates.size === 0 && !BARE_NAME.test(written)) {
    for (const name of unitNames(written)) {
      for (const e of directory) {
        if (e.kind !== 'unit') continue
        for (const entryName of unitNames(e.name)) {
          if (normalizedExact(entryName, name)) exactForms.add(e)
          if (sameUnit(name, entryName)) candidates.add(e)
        }
      }
    }
  }
  if (exactForms.size === 1) return [...exactForms][0]
  if (exactForms.size > 1) return undefined
  return candidates.size === 1 ? [...candidates][0] : undefined
}
