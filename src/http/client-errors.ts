import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'

/**
 * What node's HTTP parser refuses before the app sees a request — a URL or header section over 16 KB, a
 * request line that is not HTTP — gets the body every other refusal has, in Russian, instead of node's bare
 * status line; then the connection closes, since the rest of such a request cannot be read.
 */
export const answerClientError = (err: Error & { code?: string }, socket: Duplex) => {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy()
    return
  }
  const [status, code, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'too_large', 'Адрес или заголовки запроса длиннее 16 КБ: сократите параметры запроса или cookie']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'bad_request', 'Запрос не пришёл целиком вовремя: повторите его']
        : [400, 'bad_request', 'Запрос не читается как HTTP/1.1']
  const body = JSON.stringify({ error: { code, message } })
  socket.end(
    [
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
      'Content-Type: application/json; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'X-Content-Type-Options: nosniff',
      'Cache-Control: no-store',
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  )
}
