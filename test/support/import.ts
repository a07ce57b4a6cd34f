import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import type { ImportResult } from '../../src/domain/import'
import { wordBalance } from '../../src/domain/import'

export const fixturesDir = join(import.meta.dirname, '..', 'fixtures')

/** The two samples of real orders and the content each should come to (test/fixtures). */
export const SAMPLES = [
  { file: '000_1039cd3ac12a3b5b', fixture: 'order-558.json' },
  { file: '001_b5a9738c17053c3d', fixture: 'order-226-1.json' },
] as const

export const sampleText = (file: string): string => readFileSync(join(fixturesDir, 'samples', `${file}.txt`), 'utf8')
export const fixtureJson = (name: string): unknown => JSON.parse(readFileSync(join(fixturesDir, name), 'utf8'))

/** The content as the fixtures hold it: without what the importer adds beside the text (executors, deadline, registration). */
export const asFixture = (content: ImportResult['content']): unknown =>
  JSON.parse(
    JSON.stringify(content, (key, value) =>
      key === 'executors' || key === 'deadline' || key === 'registration' ? undefined : value,
    ),
  )

/** Every word of the input is in the content's text or in leftOut, and no word is invented. */
export const expectEveryWordKept = (input: string, result: ImportResult): void => {
  expect(wordBalance(input, result)).toStrictEqual({ lost: [], invented: [] })
}

/**
 * An order of `bytes` UTF-8 bytes built from the samples: the 558 order's points repeated, then the 226/1
 * appendix with its table rows repeated — the shape of a year's roadmap pasted at once.
 */
export const largeOrder = (bytes: number): string => {
  const points = sampleText('000_1039cd3ac12a3b5b')
  const appendix = sampleText('001_b5a9738c17053c3d')
  const head = points.slice(0, points.indexOf('4. Контроль'))
  const body = points.slice(points.indexOf('1. Утвердить:'), points.indexOf('4. Контроль'))
  const rows = appendix.slice(appendix.indexOf('1.1\t'), appendix.indexOf('2\t\tИнформ'))
  let text = head
  while (Buffer.byteLength(text) < bytes / 2) text += body
  text += `4. Контроль за исполнением настоящего приказа оставляю за собой.\n\nНачальник Управления\n\nА.А. Рубцов\n\n${appendix.slice(appendix.indexOf('Приложение № 1'))}`
  while (Buffer.byteLength(text) < bytes - Buffer.byteLength(rows)) text += rows
  return text
}
