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
