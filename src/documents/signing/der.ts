/**
 * Just enough DER to write a CMS SignedData and to find one's parts: signing builds a handful of fixed
 * structures around a digest, and pkijs, which builds and re-parses a whole object tree (certificates
 * included) for each of them, took most of a signature's time. Reading stays with pkijs in verify.ts.
 */

export type Der = Uint8Array

const lengthBytes = (n: number) => {
  if (n < 0x80) return [n]
  const bytes: number[] = []
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff)
  return [0x80 | bytes.length, ...bytes]
}

/** One element: tag, length, and the parts as its contents. */
export const tlv = (tag: number, ...parts: Der[]): Der => {
  const size = parts.reduce((n, p) => n + p.length, 0)
  const head = [tag, ...lengthBytes(size)]
  const out = new Uint8Array(head.length + size)
  out.set(head)
  let at = head.length
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

export const TAG = {
  boolean: 0x01,
  integer: 0x02,
  octetString: 0x04,
  null: 0x05,
  bitString: 0x03,
  oid: 0x06,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
  /** [n] constructed, context-specific: EXPLICIT wrappers and IMPLICIT SETs/SEQUENCEs. */
  context: (n: number) => 0xa0 | n,
} as const

export const sequence = (...parts: Der[]) => tlv(TAG.sequence, ...parts)
export const set = (...parts: Der[]) => tlv(TAG.set, ...parts)
/**
 * The elements of a SET OF in DER's order (X.690 11.6): ascending by their encodings compared as octet
 * strings, the shorter one padded with zeros. CMS signs its signed attributes in this encoding (RFC 5652
 * 5.4), so a verifier that re-encodes them must meet the same bytes; what sorts the parts sorts them once,
 * and the same order goes into the [0] IMPLICIT copy of the SignerInfo.
 */
export const derOrder = (parts: Der[]): Der[] =>
  [...parts].sort((a, b) => {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = (a[i] ?? 0) - (b[i] ?? 0)
      if (d !== 0) return d
    }
    return 0
  })
export const octetString = (b: Uint8Array) => tlv(TAG.octetString, b)
export const nullValue = (): Der => new Uint8Array([TAG.null, 0])

/** A non-negative INTEGER from a small number. */
export const smallInteger = (n: number): Der => {
  const bytes: number[] = []
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff)
  if (!bytes.length || bytes[0]! & 0x80) bytes.unshift(0)
  return tlv(TAG.integer, new Uint8Array(bytes))
}

/** An INTEGER from unsigned big-endian bytes (a serial number). */
export const unsignedInteger = (b: Uint8Array): Der => {
  let start = 0
  while (start < b.length - 1 && b[start] === 0 && !(b[start + 1]! & 0x80)) start++
  const body = b.subarray(start)
  return tlv(TAG.integer, ...(body[0]! & 0x80 ? [new Uint8Array([0]), body] : [body]))
}

export const oid = (dotted: string): Der => {
  const arcs = dotted.split('.').map(BigInt)
  const bytes: number[] = []
  const base128 = (v: bigint) => {
    const group = [Number(v & 0x7fn)]
    for (let r = v >> 7n; r > 0n; r >>= 7n) group.unshift(Number(r & 0x7fn) | 0x80)
    bytes.push(...group)
  }
  base128(arcs[0]! * 40n + arcs[1]!)
  for (const arc of arcs.slice(2)) base128(arc)
  return tlv(TAG.oid, new Uint8Array(bytes))
}

/** GeneralizedTime in whole seconds, UTC, as DER wants it (YYYYMMDDHHMMSSZ). */
export const generalizedTime = (d: Date): Der =>
  tlv(TAG.generalizedTime, Buffer.from(`${d.toISOString().slice(0, 19).replace(/[-:T]/g, '')}Z`, 'latin1'))

/** A certificate's or a CRL's time (RFC 5280 4.1.2.5): UTCTime (YYMMDDHHMMSSZ) before 2050, GeneralizedTime from. */
export const x509Time = (d: Date): Der =>
  d.getUTCFullYear() >= 2050
    ? generalizedTime(d)
    : tlv(TAG.utcTime, Buffer.from(`${d.toISOString().slice(2, 19).replace(/[-:T]/g, '')}Z`, 'latin1'))

/** An element read in place: its tag and where its header and contents lie in the buffer. */
export type Node = { tag: number; start: number; contentStart: number; end: number }

export class DerError extends Error {}

/** The element at `at` (single-byte tags, definite lengths: DER as CMS and X.509 use it). */
export const readNode = (b: Uint8Array, at: number): Node => {
  if (at + 2 > b.length) throw new DerError('DER: truncated')
  const tag = b[at]!
  if ((tag & 0x1f) === 0x1f) throw new DerError('DER: multi-byte tags are not read')
  let length = b[at + 1]!
  let contentStart = at + 2
  if (length & 0x80) {
    const count = length & 0x7f
    if (count === 0 || count > 4) throw new DerError('DER: indefinite or oversized length')
    length = 0
    for (let i = 0; i < count; i++) length = length * 256 + b[contentStart + i]!
    contentStart += count
  }
  const end = contentStart + length
  if (end > b.length) throw new DerError('DER: length beyond the data')
  return { tag, start: at, contentStart, end }
}

/** The elements inside a constructed element. */
export const children = (b: Uint8Array, node: Node): Node[] => {
  const out: Node[] = []
  for (let at = node.contentStart; at < node.end; ) {
    const child = readNode(b, at)
    out.push(child)
    at = child.end
  }
  return out
}

export const bytesOf = (b: Uint8Array, node: Node) => b.subarray(node.start, node.end)
export const contentsOf = (b: Uint8Array, node: Node) => b.subarray(node.contentStart, node.end)
