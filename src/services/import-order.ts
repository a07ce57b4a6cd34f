import { listExecutors } from '../db/executors'
import { type ImportTask, runImport } from '../documents/import-task'
import { OrderError } from '../domain/errors'
import type { ImportResult } from '../domain/import'
import { LIMITS } from '../domain/limits'
import { authorize } from './access'
import type { ServiceContext } from './context'
import { controlToday } from './control-view'

/**
 * An order's text or Word file read into its content, with the importer's doubts and the text it did not
 * place; nothing is stored until the clerk saves the draft. Executors are matched against the clerk's
 * organization's directory; year-less deadlines are read against the registration date the text carries,
 * else today. A body over `inlineBytes` is read on a worker thread, so that the service answers meanwhile.
 */
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

const formatOf = (contentType: string, bytes: Uint8Array): ImportTask['format'] => {
  const [type = '', ...params] = contentType.split(';').map((p) => p.trim().toLowerCase())
  if (type === DOCX_TYPE) return 'docx'
  // a file input sends a .docx as octet-stream when the browser does not know the type: its ZIP signature says it
  if (type === 'application/octet-stream' && bytes[0] === 0x50 && bytes[1] === 0x4b) return 'docx'
  if (type === 'text/plain') {
    const charset = params
      .find((p) => p.startsWith('charset='))
      ?.slice(8)
      .replace(/"/g, '')
    if (charset === undefined || /^utf-?8$/.test(charset)) return 'text'
    throw new OrderError('invalid_input', 'Текст должен быть в кодировке UTF-8', [
      { path: '(body)', message: `кодировка ${charset} не принимается: пришлите UTF-8`, code: 'invalid_charset' },
    ])
  }
  throw new OrderError('invalid_input', 'Пришлите текст приказа (text/plain) или файл Word (.docx)', [
    { path: '(body)', message: `тип «${type || 'не указан'}» не принимается`, code: 'unsupported_type' },
  ])
}

export const importOrderBody = async (
  ctx: ServiceContext,
  { contentType, bytes }: { contentType: string; bytes: Uint8Array },
): Promise<ImportResult> => {
  const user = authorize(ctx, 'orders.draft')
  if (bytes.byteLength === 0)
    throw new OrderError('invalid_input', 'Тело запроса пусто', [
      { path: '(body)', message: 'пришлите текст приказа или файл .docx', code: 'empty' },
    ])
  if (bytes.byteLength > LIMITS.import.bytes)
    throw new OrderError('too_large', `Больше ${LIMITS.import.bytes} байт: пришлите приказы по одному`)
  const format = formatOf(contentType, bytes)
  const directory = user.organizationId
    ? (await listExecutors(ctx.db, user.organizationId)).map((e) => ({
        id: e.id,
        name: e.name,
        kind: e.kind,
      }))
    : []
  const task: ImportTask = { format, bytes, directory, today: controlToday(ctx).today }
  if (bytes.byteLength <= LIMITS.import.inlineBytes) return runImport(task)
  const { bytes: answer } = await ctx.renderer.render({ format: 'import', task })
  return JSON.parse(new TextDecoder().decode(answer)) as ImportResult
}
