/** How many signatures a file may carry: a route of visas, the signature, the seal and time-stamps are far fewer. */
export const MAX_SIGNATURES = 64

/** A file with more signature dictionaries than MAX_SIGNATURES: refused before any is checked. */
export class TooManySignatures extends Error {
  override readonly name = 'TooManySignatures'
  constructor(readonly found: number) {
    super(`В файле больше ${MAX_SIGNATURES} подписей: такой файл не проверяется`)
  }
}

export type FoundSignature = {
  byteRange: [number, number, number, number]
  /** Where the indirect object holding this /ByteRange starts and ends (its `obj` … `endobj`), in bytes. */
  objectStart: number
  objectEnd: number
  subFilter: string
  /** The signing time the dictionary claims (/M), as written. */
  claimedTime?: string
}

// what a signature dictionary says besides its /ByteRange is read within this distance of it, so that a
// dictionary without `endobj` (a hostile body) costs a bounded slice, not the rest of the file
const WINDOW = 256 * 1024

export const latin1 = (b: Uint8Array, from = 0, to = b.length) =>
  Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1', from, to)

/**
 * Every signature dictionary in the file, found by its /ByteRange whatever revision it is in, in one pass:
 * the `obj` before each and the `endobj` after it are found by cursors that only move forward (the search
 * from each /ByteRange to the end of the file made a body of repeated entries quadratic: 1 MB, 81 s).
 * More than MAX_SIGNATURES throws TooManySignatures as soon as the one too many is met.
 */
export const findSignatures = (pdf: Uint8Array): FoundSignature[] => {
  const text = latin1(pdf)
  const found: FoundSignature[] = []
  let lastObj = -1 // the last « obj» before the current /ByteRange
  let nextObj = text.indexOf(' obj') // the first « obj» after it (-1: none to the end of the file)
  let nextEnd = -2 // the first «endobj» after the previous /ByteRange (-1: none to the end of the file)
  for (const m of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    if (found.length === MAX_SIGNATURES) throw new TooManySignatures(found.length + 1)
    const at = m.index
    while (nextObj >= 0 && nextObj < at) {
      lastObj = nextObj
      nextObj = text.indexOf(' obj', nextObj + 4)
    }
    if (nextEnd !== -1 && nextEnd < at) nextEnd = text.indexOf('endobj', at)
    const objectStart = lastObj < 0 ? 0 : lastObj
    const objectEnd = nextEnd < 0 ? text.length : nextEnd
    const dict = text.slice(Math.max(objectStart, at - WINDOW), Math.min(objectEnd, at + WINDOW))
    found.push({
      byteRange: m.slice(1, 5).map(Number) as FoundSignature['byteRange'],
      objectStart,
      objectEnd,
      subFilter: dict.match(/\/SubFilter\s*\/([A-Za-z0-9.#]+)/)?.[1] ?? 'unknown',
      claimedTime: dict.match(/\/M\s*\(([^)]*)\)/)?.[1],
    })
  }
  return found
}
