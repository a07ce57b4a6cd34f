import type { DirectoryEntry } from '../domain/executors'
import { OrderError } from '../domain/errors'
import { type ImportResult, importOrder } from '../domain/import'
import { docxText } from './docx-text'

/** One import, as the service runs it inline or hands it to a worker thread (render-worker.ts). */
export type ImportTask = {
  /** `text`: UTF-8 text; `docx`: a Word file */
  format: 'text' | 'docx'
  bytes: Uint8Array
  directory: DirectoryEntry[]
  today: string
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Text that is binary in disguise: a NUL, or more than one character in a hundred a control character. */
const looksBinary = (text: string): boolean => {
  if (text.includes('\u0000')) return true
  const controls = text.match(/[\u0001-\u0008\u000e-\u001f\u007f]/g)?.length ?? 0
  return controls > text.length / 100
}

const notText = (message: string) =>
  new OrderError('invalid_input', 'Тело запроса не текст приказа', [{ path: '(body)', message, code: 'not_text' }])

export const textOf = (task: Pick<ImportTask, 'format' | 'bytes'>): string => {
  if (task.format === 'docx') return docxText(task.bytes)
  let text: string
  try {
    text = utf8.decode(task.bytes)
  } catch {
    throw notText('байты не составляют текст UTF-8: сохраните текст в UTF-8 или пришлите файл .docx')
  }
  if (looksBinary(text)) throw notText('в теле двоичные данные, а не текст')
  return text
}

export const runImport = (task: ImportTask): ImportResult => {
  const text = textOf(task)
  if (text.trim() === '')
    throw new OrderError('invalid_input', 'В присланном нет текста', [
      { path: '(body)', message: 'текст пуст: вставьте текст приказа', code: 'empty' },
    ])
  return importOrder(text, { directory: task.directory, today: task.today })
}
