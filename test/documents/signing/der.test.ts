import * as asn1js from 'asn1js'
import { describe, expect, it } from 'vitest'
import {
  children,
  contentsOf,
  DerError,
  oid,
  readNode,
  smallInteger,
  tlv,
  unsignedInteger,
  x509Time,
} from '../../../src/documents/signing/der'

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')
/** asn1js, an independent reader: the element it reads and how many bytes it took. */
const parsed = (b: Uint8Array) => {
  const r = asn1js.fromBER(new Uint8Array(b).buffer)
  expect(r.offset).toBe(b.length)
  return r.result
}

describe('DER as the CMS and CRL writer emits it', () => {
  it('lengths at the short/long form bound (127, 128) and over a byte (255, 256, 65 536) read back whole', () => {
    for (const n of [0, 1, 127, 128, 255, 256, 65_536]) {
      const element = tlv(0x04, new Uint8Array(n).fill(0x5a))
      const back = parsed(element) as asn1js.OctetString
      expect(back.valueBlock.valueHexView.length, `${n} bytes`).toBe(n)
      const node = readNode(element, 0)
      expect(node.end - node.contentStart).toBe(n)
      expect(node.end).toBe(element.length)
    }
  })

  it('INTEGERs are the shortest positive form: 0, 127, 128 (a leading zero), 65 535', () => {
    expect(hex(smallInteger(0))).toBe('020100')
    expect(hex(smallInteger(127))).toBe('02017f')
    expect(hex(smallInteger(128))).toBe('02020080')
    expect(hex(smallInteger(65_535))).toBe('020300ffff')
  })

  it('a serial number’s bytes: leading zeros dropped, one kept before a high bit', () => {
    expect(hex(unsignedInteger(new Uint8Array([0x00, 0x00, 0x1f, 0x2e])))).toBe('02021f2e')
    expect(hex(unsignedInteger(new Uint8Array([0x00, 0x00, 0x80, 0x01])))).toBe('0203008001')
    expect(hex(unsignedInteger(new Uint8Array([0x9a, 0xbc])))).toBe('0203009abc')
    expect(hex(unsignedInteger(new Uint8Array([0x00])))).toBe('020100')
    // asn1js reads the same positive value
    const back = parsed(unsignedInteger(new Uint8Array([0x00, 0x80, 0x01]))) as asn1js.Integer
    expect(back.valueBlock.valueDec).toBe(0x8001)
  })

  it('an OID as asn1js encodes it', () => {
    for (const dotted of ['1.2.840.113549.1.1.11', '2.5.29.35', '1.2.840.113549.1.9.16.2.14']) {
      const expected = new asn1js.ObjectIdentifier({ value: dotted }).toBER()
      expect(hex(oid(dotted))).toBe(Buffer.from(expected).toString('hex'))
    }
  })

  it('a certificate’s time is UTCTime up to the end of 2049 and GeneralizedTime from 2050 (RFC 5280)', () => {
    expect(Buffer.from(x509Time(new Date('2049-12-31T23:59:59Z'))).toString('latin1')).toBe('\x17\x0d491231235959Z')
    expect(Buffer.from(x509Time(new Date('2050-01-01T00:00:00Z'))).toString('latin1')).toBe('\x18\x0f20500101000000Z')
  })
})

describe('reading DER in place', () => {
  it('an element that ends exactly where the data ends, and the children of a SEQUENCE', () => {
    const seq = new Uint8Array([0x30, 0x06, 0x05, 0x00, 0x02, 0x02, 0x01, 0x00])
    const kids = children(seq, readNode(seq, 0))
    expect(kids.map((k) => k.tag)).toEqual([0x05, 0x02])
    expect(hex(contentsOf(seq, kids[1]!))).toBe('0100')
    expect(readNode(new Uint8Array([0x05, 0x00]), 0)).toEqual({ tag: 5, start: 0, contentStart: 2, end: 2 })
  })

  it('refuses what it does not read: a truncated header or contents, an indefinite length, a multi-byte tag', () => {
    for (const bad of [
      [0x30],
      [0x04, 0x03, 0x01, 0x02],
      [0x30, 0x80, 0x05, 0x00, 0x00, 0x00],
      [0x1f, 0x81, 0x01, 0x00],
      [0x04, 0x85, 0x01, 0x00, 0x00, 0x00, 0x00],
      [0x04, 0x85, 0x00, 0x00, 0x00, 0x00, 0x01, 0xaa], // a length in five bytes, though it is 1
    ])
      expect(() => readNode(new Uint8Array(bad), 0), hex(new Uint8Array(bad))).toThrow(DerError)
  })
})
