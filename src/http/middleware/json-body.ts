import { createMiddleware } from 'hono/factory'
import { HonoRequest } from 'hono/request'
import { PatchFenceError } from '../../patch-fence'
import { OrderError } from '../../domain/errors'
import { depthError, tooDeep } from '../../domain/validation'
import type { AppEnv } from './context'

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i
const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Where JSON.parse stopped, in words: V8 names the position in its (English) message. */
const malformedJson = (text: string, e: unknown): string => {
  if (text.trim() === '') return 'тело пусто: ожидался объект JSON'
  const said = (e as Error).message
  if (/end of JSON input/.test(said)) return 'текст JSON оборван: не хватает закрывающей скобки или кавычки'
  const at = /position (\d+)/.exec(said)?.[1]
  return at === undefined
    ? 'текст не разбирается как JSON'
    : `текст не разбирается как JSON: ошибка у знака ${Number(at) + 1}`
}

/**
 * The fence around the one Hono internal written below (`bodyCache`): its `json()` must read the text the
 * cache holds. Hono is bundled into dist/ (src/build.mjs), so its source is not the text a fingerprint of
 * node_modules would see; what is asserted is the behaviour the middleware relies on, once per process,
 * before the service listens (main.ts) and before the first body is read.
 */
let bodyCacheChecked: Promise<void> | undefined
export const assertBodyCacheHonoured = () => {
  bodyCacheChecked ??= (async () => {
    const req = new HonoRequest(
      new Request('http://fence.invalid/', {
        method: 'POST',
        body: '{"sent":true}',
        headers: { 'content-type': 'application/json' },
      }),
    )
    await req.arrayBuffer()
    ;(req.bodyCache as Record<string, unknown>).text = Promise.resolve('{"cached":true}')
    const read = (await req.json().catch(() => undefined)) as { cached?: boolean } | undefined
    if (read?.cached !== true)
      throw new PatchFenceError(
        'hono: HonoRequest.json() не читает текст из bodyCache, как рассчитано в src/http/middleware/json-body.ts: ' +
          'установлена другая версия hono, чем закреплена в package.json',
      )
  })()
  return bodyCacheChecked
}

/**
 * Every JSON body read once, strictly: bytes that are not UTF-8 are a 400 (never text with U+FFFD in
 * place of what was sent), and nesting deeper than the bound a 422 before any schema recurses into it.
 * The decoded text is left in Hono's body cache, where the route's validator reads it.
 */
export const strictJsonBody = () =>
  createMiddleware<AppEnv>(async function strictJsonBody(c, next) {
    const [type = '', ...params] = (c.req.header('content-type') ?? '').split(';').map((p) => p.trim())
    if (!c.req.raw.body || !JSON_TYPE.test(type)) return next()
    // JSON travels as UTF-8 (RFC 8259): a body said to be in another encoding would be read as other text
    const charset = params
      .find((p) => /^charset=/i.test(p))
      ?.slice('charset='.length)
      .replace(/"/g, '')
    if (charset !== undefined && !/^utf-?8$/i.test(charset))
      throw new OrderError('bad_request', 'Тело запроса JSON должно быть в кодировке UTF-8', [
        { path: '(body)', message: `кодировка ${charset} не принимается: пришлите UTF-8`, code: 'invalid_utf8' },
      ])
    await assertBodyCacheHonoured()
    const bytes = await c.req.arrayBuffer() // outside the try: a failed read is no encoding error
    let text: string
    try {
      text = utf8.decode(bytes)
    } catch {
      throw new OrderError('bad_request', 'Тело запроса не в кодировке UTF-8', [
        { path: '(body)', message: 'байты не составляют текст UTF-8', code: 'invalid_utf8' },
      ])
    }
    // Hono keeps promises in its cache although its type says the values
    ;(c.req.bodyCache as Record<string, unknown>).text = Promise.resolve(text)
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (e) {
      // said here, in Russian and with the place, rather than by the validator's English «Malformed JSON»
      throw new OrderError('bad_request', 'Тело запроса не является JSON', [
        { path: '(body)', message: malformedJson(text, e), code: 'malformed_json' },
      ])
    }
    const deep = tooDeep(value)
    if (deep !== undefined) throw depthError(deep)
    await next()
  })
