/**
 * The part of a file a `Range` header asks for (RFC 9110 §14): one range of bytes, as PDF viewers ask for the
 * pages they show first. `undefined`: serve the whole file (no header, a unit other than bytes, several ranges,
 * or a header that does not parse, which the RFC says to ignore). `'unsatisfiable'`: 416.
 */
export type ByteRange = { start: number; end: number } // inclusive, as Content-Range writes it

export const parseByteRange = (header: string | undefined, length: number): ByteRange | 'unsatisfiable' | undefined => {
  if (!header) return undefined
  const match = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header.trim())
  if (!match) return undefined
  const [, from, to] = match
  if (from === '' && to === '') return undefined
  if (from === '') {
    // the last N bytes
    const suffix = Number(to)
    if (suffix === 0) return 'unsatisfiable'
    return { start: Math.max(0, length - suffix), end: length - 1 }
  }
  const start = Number(from)
  if (start >= length) return 'unsatisfiable'
  const end = to === '' ? length - 1 : Math.min(Number(to), length - 1)
  if (end < start) return undefined
  return { start, end }
}
