import { describe, expect, it } from 'vitest'
import { OrderContent } from '../../src/domain/content'
import { OrderError } from '../../src/domain/errors'
import { LIMITS } from '../../src/domain/limits'
import {
  codePointName,
  DEFAULT_IGNORABLE,
  emailAddress,
  forbiddenCharacter,
  normaliseText,
  safeLine,
  safeText,
} from '../../src/domain/text'

import { parseInput, tooDeep } from '../../src/domain/validation'
import { sampleContent } from '../support/harness'

const ONE_LINE = 'перевод строки (и U+2028, U+2029) недопустим: поле в одну строку'

const refused = (value: unknown, schema = OrderContent) => {
  try {
    parseInput(schema, value, 'Приказ')
  } catch (e) {
    if (e instanceof OrderError) return e
    throw e
  }
  throw new Error('accepted')
}

describe('what text may hold', () => {
  it('normalises line breaks: Windows, old Mac, and Word’s manual line break', () => {
    expect(normaliseText('a\r\nb\rc\u000bd\ne\tf')).toBe('a\nb\nc\nd\ne\tf')
    expect(safeText().parse('Строка 1\u000bСтрока 2')).toBe('Строка 1\nСтрока 2')
  })

  it.each([
    ['\u0000', 'U+0000'],
    ['\u0001', 'U+0001'],
    ['\u0008', 'U+0008'],
    ['\u000c', 'U+000C'],
    ['\u000e', 'U+000E'],
    ['\u001f', 'U+001F'],
    ['\u007f', 'U+007F'],
    ['\u0085', 'U+0085'],
    ['\u009f', 'U+009F'],
    ['\ud800', 'U+D800'],
    ['\udfff', 'U+DFFF'],
    ['\ufffe', 'U+FFFE'],
    ['\uffff', 'U+FFFF'],
  ])('refuses %j, naming it %s and its position', (ch, name) => {
    const r = safeText().safeParse(`ок${ch}`)
    expect(r.success).toBe(false)
    expect(r.error!.issues[0]!.message).toContain(`${name} (позиция 3)`)
    expect(forbiddenCharacter(`ок${ch}`)).toEqual({ char: ch, index: 2 })
  })

  it('keeps tab, newline, every script, emoji (a surrogate pair) and the last characters XML allows', () => {
    const ok = 'Табуляция\tи\nперевод; ½ € 😀 \u00a0\u00a0 \ufffd \u{10ffff} — Ё'
    expect(forbiddenCharacter(ok)).toBeUndefined()
    expect(safeText().parse(ok)).toBe(ok)
    expect(forbiddenCharacter('\ud83d\ude00')).toBeUndefined()
    expect(forbiddenCharacter('\ude00\ud83d')?.index).toBe(0)
  })

  it('drops the invisible characters of zero width that pasted text carries, and keeps what shows', () => {
    expect(normaliseText('дорожной\u200bкарты\u200c\u200d\u2060\ufeff')).toBe('дорожнойкарты')
    expect(safeText().trim().parse('\ufeff Иванова И.И.\u200b ')).toBe('Иванова И.И.')
    // the spaces that show stay: no-break, narrow no-break, thin; the soft hyphen shows nothing and goes
    expect(normaliseText('5\u00a0000\u202f₽ 1\u2009000 пере\u00adнос')).toBe('5\u00a0000\u202f₽ 1\u2009000 перенос')
  })

  // Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt): every range dropped, at both its ends,
  // and the code points just outside it kept
  it.each(
    DEFAULT_IGNORABLE.map(([a, b]) => [
      codePointName(String.fromCodePoint(a)),
      codePointName(String.fromCodePoint(b)),
      a,
      b,
    ]),
  )('drops %s–%s, the ends of the range, and keeps its neighbours', (_first, _last, a, b) => {
    for (const cp of [a, b]) expect(normaliseText(`а${String.fromCodePoint(cp)}б`)).toBe('аб')
    for (const cp of [a - 1, b + 1]) {
      const ch = String.fromCodePoint(cp)
      if (/\p{Default_Ignorable_Code_Point}|\p{Cc}|[\u2028\u2029]/u.test(ch)) continue
      expect(normaliseText(`а${ch}б`)).toBe(`а${ch}б`)
    }
  })

  it('the ranges are Unicode’s whole list (the engine’s own \\p{Default_Ignorable_Code_Point}), no more, no less', () => {
    const listed = (cp: number) => DEFAULT_IGNORABLE.some(([a, b]) => cp >= a && cp <= b)
    const property = /^\p{Default_Ignorable_Code_Point}$/u
    const differ: string[] = []
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue
      if (listed(cp) !== property.test(String.fromCodePoint(cp))) differ.push(cp.toString(16))
    }
    expect(differ).toEqual([])
  })

  it('the issue’s cases: tag characters, Hangul fillers, U+180E, direction marks go; look-alike names are one', () => {
    const tagged = `Иванова${String.fromCodePoint(0xe0041, 0xe007f)} И.И.\u180e\u3164\u115f\u202e\u2066`
    expect(safeText().parse(tagged)).toBe('Иванова И.И.')
    expect(safeText().parse('Ива\u00adнова И.И.')).toBe(safeText().parse('Иванова И.И.'))
  })

  it('U+2028 and U+2029 are line breaks where a field takes one, refused in a field of one line', () => {
    expect(safeText().parse('Строка 1\u2028Строка 2\u2029Абзац')).toBe('Строка 1\nСтрока 2\nАбзац')
    for (const schema of [emailAddress(), safeLine()])
      for (const sep of ['\u2028', '\u2029', '\n', '\r\n', '\r', '\u000b']) {
        const r = schema.safeParse(`ivanova@test.local${sep}x`)
        expect(r.success, JSON.stringify(sep)).toBe(false)
        expect(r.error!.issues.map((i) => i.message)).toContain(ONE_LINE)
      }
    expect(safeLine().parse('Иванова\tИ.И.\u200b')).toBe('Иванова\tИ.И.')
  })

  it('every one-line field of an order refuses U+2028 and U+2029; the fields of many lines take them as a newline', () => {
    const e = refused(
      sampleContent({
        title: 'Об\u2028утверждении',
        points: [{ text: 'Первая\u2028вторая', executors: ['Иванов\u2029И.И.'], deadline: 'до\u20281 мая' }],
        signer: { position: 'Директор\u2028школы', name: 'Петров\u2029П.П.' },
        organization: { name: ['Управление\u2028образования'], place: 'г.\u2029Н' },
        appendices: [
          {
            title: 'При\u2028ложение',
            text: 'Строка\u2029строка',
            table: { columns: [{ title: 'a\u2028b' }], rows: [{ section: 'Раз\u2028дел' }, { cells: ['1\u20282'] }] },
          },
        ],
      }),
    )
    const found = (e.details as { path: string; message: string }[]).filter((d) => d.message === ONE_LINE)
    expect(found.map((d) => d.path).sort()).toEqual([
      'appendices.0.table.columns.0.title',
      'appendices.0.table.rows.0.section',
      'appendices.0.title',
      'organization.name.0',
      'organization.place',
      'points.0.deadline',
      'points.0.executors.0',
      'signer.name',
      'signer.position',
      'title',
    ])
    const many = OrderContent.parse(
      sampleContent({
        preamble: 'Первый\u2028второй',
        points: [{ text: 'Первая\u2029вторая' }],
        appendices: [{ title: 'П', text: 'Строка\u2028строка' }],
      }),
    )
    expect([many.preamble, many.points[0]!.text, many.appendices![0]!.text]).toEqual([
      'Первый\nвторой',
      'Первая\nвторая',
      'Строка\nстрока',
    ])
  })

  it('takes an e-mail whose mailbox a mail server takes: up to 64 characters before @', () => {
    expect(emailAddress().parse(` ${'a'.repeat(64)}@school.test `)).toBe(`${'a'.repeat(64)}@school.test`)
    const long = emailAddress().safeParse(`${'a'.repeat(65)}@school.test`)
    expect(long.error?.issues.map((i) => i.message)).toEqual(['имя ящика (до @) длиннее 64 символов'])
    expect(emailAddress().safeParse('not an address').success).toBe(false)
    expect(emailAddress().safeParse(`ivanova@${'d'.repeat(LIMITS.request.email)}.ru`).success).toBe(false)
  })

  it('names code points as U+XXXX', () => {
    expect(codePointName('\u000b')).toBe('U+000B')
    expect(codePointName('😀')).toBe('U+1F600')
  })

  it('lists every field of an order holding a forbidden character, by its path', () => {
    const e = refused(
      sampleContent({
        title: 'Об\u0000утверждении',
        points: [{ text: 'ok', executors: ['Иванов\ufffe'], points: [{ text: '\ud800' }] }],
        signer: { position: 'Директор\u0007', name: 'ok' },
        appendices: [{ title: 'П', table: { columns: [{ title: 'a\u0001' }], rows: [{ cells: ['\u001b'] }] } }],
      }),
    )
    expect(e.code).toBe('invalid_input')
    const found = (e.details as { path: string; code: string }[]).filter((d) => d.code === 'forbidden_character')
    expect(found.map((d) => d.path).sort()).toEqual([
      'appendices.0.table.columns.0.title',
      'appendices.0.table.rows.0.cells.0',
      'points.0.executors.0',
      'points.0.points.0.text',
      'signer.position',
      'title',
    ])
  })
})

describe('what one order may hold', () => {
  const nest = (depth: number): { text: string; points?: unknown[] }[] => {
    let points: { text: string; points?: unknown[] }[] = [{ text: 'самый глубокий' }]
    for (let i = 1; i < depth; i++) points = [{ text: `уровень ${depth - i}`, points }]
    return points
  }

  it('takes points four levels deep and refuses a fifth, naming where', () => {
    expect(parseInput(OrderContent, sampleContent({ points: nest(LIMITS.order.pointDepth) as never }))).toBeTruthy()
    const e = refused(sampleContent({ points: nest(LIMITS.order.pointDepth + 1) as never }))
    expect(e.details).toContainEqual(
      expect.objectContaining({
        path: 'points.0.points.0.points.0.points.0.points',
        message: expect.stringContaining('4'),
      }),
    )
  })

  it('refuses points nested 100,000 deep before any schema recurses into them', () => {
    const e = refused(sampleContent({ points: nest(100_000) as never }))
    expect(e.code).toBe('invalid_input')
    expect(e.details).toEqual([expect.objectContaining({ code: 'too_deep' })])
    expect(tooDeep({ a: [[{}]] }, 4)).toBeUndefined()
    expect(tooDeep({ a: [[{ b: [] }]] }, 4)).toBe('a.0.0.b')
    // by default 32 levels of arrays and objects are taken, a 33rd is refused
    const arrays = (levels: number) => {
      let v: unknown = []
      for (let i = 1; i < levels; i++) v = [v]
      return v
    }
    expect(tooDeep(arrays(32))).toBeUndefined()
    expect(tooDeep(arrays(33))).toBe('0.'.repeat(31).concat('0'))
    // only arrays and objects nest: a text, a number or null at the deepest level allowed is no deeper
    expect(tooDeep({ a: [[{ b: 'текст', c: 1, d: null }]] }, 4)).toBeUndefined()
  })

  it('counts points of every level together', () => {
    const flat = Array.from({ length: LIMITS.order.points - 1 }, (_, i) => ({ text: `п${i}` }))
    expect(parseInput(OrderContent, sampleContent({ points: [...flat, { text: 'x' }] }))).toBeTruthy()
    const e = refused(sampleContent({ points: [...flat, { text: 'x', points: [{ text: 'y' }] }] }))
    expect(e.code).toBe('invalid_input')
    expect(e.details).toContainEqual(
      expect.objectContaining({ path: 'points', message: expect.stringContaining('301') }),
    )
  })

  it('takes a roadmap of 600 rows; refuses 800 KB of text as too large (413), listing the other problems too', () => {
    const row = (i: number) => ({
      cells: [`${i}`, 'Провести мероприятия по подготовке к итоговой аттестации', 'до 01.09.2025', 'Иванова И.И.', ''],
    })
    const columns = ['№', 'Мероприятие', 'Срок', 'Ответственный', 'Результат'].map((title) => ({ title }))
    const roadmap = { title: 'План', table: { columns, rows: Array.from({ length: 600 }, (_, i) => row(i)) } }
    expect(parseInput(OrderContent, sampleContent({ appendices: [roadmap] }))).toBeTruthy()
    const text = 'Текст положения. '.repeat(5_000) // 85,000 characters each
    const big = Array.from({ length: 10 }, (_, i) => ({ title: `Положение ${i}`, text }))
    const e = refused(sampleContent({ appendices: big, title: '' }))
    expect(e.code).toBe('too_large')
    expect(e.details).toContainEqual(expect.objectContaining({ path: '(body)', code: 'too_large' }))
    expect(e.details).toContainEqual(expect.objectContaining({ path: 'title' }))
  })

  it('bounds every field and list, and says so in the schema OpenAPI is built from', () => {
    const e = refused(
      sampleContent({
        title: 'а'.repeat(LIMITS.order.title + 1),
        appendices: [
          {
            title: 'Т',
            table: {
              columns: Array.from({ length: LIMITS.appendix.columns + 1 }, () => ({ title: 'к' })),
              rows: [],
            },
          },
        ],
      }),
    )
    expect((e.details as { path: string }[]).map((d) => d.path).sort()).toEqual(['appendices.0.table.columns', 'title'])
  })
})
