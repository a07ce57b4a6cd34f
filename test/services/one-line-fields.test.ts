import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { OrderError } from '../../src/domain/errors'
import { parseInput } from '../../src/domain/validation'
import { SignInInput } from '../../src/services/auth'
import { CalendarChange } from '../../src/services/control-settings'
import { ReportInput } from '../../src/services/control-item-actions'
import { ExecutorInput } from '../../src/services/executors'
import { CreateJournalInput } from '../../src/services/journals'
import { ListOrdersQuery } from '../../src/services/list-orders'
import { ParseDeadlineInput } from '../../src/services/parse-deadline'
import { RegisterOrderInput } from '../../src/services/register-order'
import { UploadTemplateInput } from '../../src/services/templates'
import { CreateOrganizationInput, CreateUserInput } from '../../src/services/users'

const ONE_LINE = 'перевод строки (и U+2028, U+2029) недопустим: поле в одну строку'
const user = { email: 'a@test.local', name: 'Иванова', role: 'clerk', password: 'пароль-длинный' }
const journal = { name: 'Приказы', kind: 'prikaz', pattern: '{n}', reset: 'yearly' }
const calendar = { days: [{ day: '2026-03-10', working: false, note: 'Праздник' }] }
const report = { text: 'Сделано', file: { name: 'отчёт.pdf', type: 'application/pdf', content: 'JVBE' } }

// every one-line field of the requests, each with a line separator and a paragraph separator in it
const cases: [string, z.ZodType, (v: string) => Record<string, unknown>, string][] = [
  ['user’s name', CreateUserInput, (v) => ({ ...user, name: v }), 'name'],
  ['user’s position', CreateUserInput, (v) => ({ ...user, position: v }), 'position'],
  ['organization’s name', CreateOrganizationInput, (v) => ({ name: [v] }), 'name.0'],
  ['organization’s short name', CreateOrganizationInput, (v) => ({ name: ['Школа'], shortName: v }), 'shortName'],
  ['executor’s name', ExecutorInput, (v) => ({ name: v, kind: 'person' }), 'name'],
  ['journal’s name', CreateJournalInput, (v) => ({ ...journal, name: v }), 'name'],
  ['journal’s pattern', CreateJournalInput, (v) => ({ ...journal, pattern: v }), 'pattern'],
  ['template’s name', UploadTemplateInput, (v) => ({ name: v }), 'name'],
  ['number’s litera', RegisterOrderInput, (v) => ({ literaOf: v }), 'literaOf'],
  ['deadline to parse', ParseDeadlineInput, (v) => ({ text: v }), 'text'],
  ['calendar note', CalendarChange, (v) => ({ days: [{ ...calendar.days[0], note: v }] }), 'days.0.note'],
  ['report file’s name', ReportInput, (v) => ({ ...report, file: { ...report.file, name: v } }), 'file.name'],
  ['search words', ListOrdersQuery, (v) => ({ q: v }), 'q'],
  ['sign-in e-mail', SignInInput, (v) => ({ email: v, password: 'x' }), 'email'],
]

describe('one-line fields refuse U+2028 and U+2029 (safeLine); the rest take them as a newline', () => {
  it.each(cases)('%s', (_, schema, withValue, path) => {
    for (const sep of ['\u2028', '\u2029']) {
      const value = `Иванова${sep}Петрова`
      const error = (() => {
        try {
          parseInput(schema, withValue(value))
        } catch (e) {
          return e as OrderError
        }
      })()
      expect(error, `${path} took ${JSON.stringify(sep)}`).toBeInstanceOf(OrderError)
      expect(error!.details).toContainEqual({ path, message: ONE_LINE, code: 'forbidden_character' })
    }
  })

  it('a report’s text and a deadline’s context are of many lines: the separators become newlines', () => {
    expect(parseInput(ReportInput, { text: 'Сделано\u2028всё' }).text).toBe('Сделано\nвсё')
    expect(parseInput(ParseDeadlineInput, { text: 'до 1 мая', context: 'Об\u2029утверждении' }).context).toBe(
      'Об\nутверждении',
    )
  })
})
