import { Readable } from 'node:stream'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import busboy from 'busboy'
import { OrderError } from '../domain/errors'
import { LIMITS } from '../domain/limits'
import type { ReceivedFile } from '../services/executor/report-by-executor'

/**
 * A report sent as `multipart/form-data` (a `text` field, one or more `file` parts), read as it streams in:
 * busboy splits the parts chunk by chunk, a file's bytes are gathered as they come and cut off at the limit, so
 * a 10 MB scan never waits in one piece to be parsed and never blocks the event loop while it is (issue 27).
 */
export const readMultipartReport = (
  body: globalThis.ReadableStream<Uint8Array> | null,
  contentType: string,
): Promise<{ text: string; files: ReceivedFile[] }> =>
  new Promise((resolve, reject) => {
    if (!body) return reject(new OrderError('bad_request', 'Тело запроса пусто: ожидались поля text и file'))
    let parser: busboy.Busboy
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        defParamCharset: 'utf8',
        limits: {
          fileSize: LIMITS.report.fileBytes,
          files: LIMITS.report.files,
          fields: 4,
          fieldSize: LIMITS.control.report * 4,
          parts: LIMITS.report.files + 4,
        },
      })
    } catch {
      return reject(new OrderError('bad_request', 'Тело multipart/form-data без границы (boundary)'))
    }
    let text = ''
    const files: ReceivedFile[] = []
    let failed: OrderError | undefined
    const fail = (e: OrderError) => {
      failed ??= e
    }
    parser.on('field', (name, value, info) => {
      if (name === 'text') text = value
      if (info.valueTruncated)
        fail(
          new OrderError('invalid_input', 'Текст отчёта слишком длинный', [
            { path: 'text', message: 'слишком длинный' },
          ]),
        )
    })
    parser.on('file', (name, stream, info) => {
      if (name !== 'file') {
        stream.resume()
        return fail(new OrderError('invalid_input', `Неизвестная часть формы «${name}»: ожидались text и file`))
      }
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('limit', () =>
        fail(
          new OrderError('too_large', `Файл «${info.filename}» больше ${LIMITS.report.fileBytes / 1024 / 1024} МБ`, [
            { path: `files.${files.length}`, message: `больше ${LIMITS.report.fileBytes} байт` },
          ]),
        ),
      )
      stream.on('end', () =>
        files.push({ name: info.filename ?? '', claimedType: info.mimeType, bytes: Buffer.concat(chunks) }),
      )
    })
    parser.on('filesLimit', () =>
      fail(new OrderError('invalid_input', `Не больше ${LIMITS.report.files} файлов в одном отчёте`)),
    )
    parser.on('partsLimit', () => fail(new OrderError('invalid_input', 'Слишком много частей формы')))
    parser.on('error', () => reject(failed ?? new OrderError('bad_request', 'Тело multipart/form-data повреждено')))
    parser.on('close', () => (failed ? reject(failed) : resolve({ text, files })))
    Readable.fromWeb(body as WebReadableStream<Uint8Array>)
      .on('error', (e) => reject(e instanceof OrderError ? e : new OrderError('bad_request', 'Тело запроса оборвано')))
      .pipe(parser)
  })
