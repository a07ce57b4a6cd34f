import { deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { checkLogo, LOGO_MAX_BYTES } from '../../src/documents/logo'
import { pngOf } from '../support/images'

/** The smallest JPEG walk: SOI, a baseline frame header (SOF0) of the given size, a scan, EOI. */
const jpegOf = (width: number, height: number, { end = true } = {}) =>
  Buffer.from([
    0xff,
    0xd8,
    0xff,
    0xc0,
    0x00,
    0x0b,
    0x08,
    height >> 8,
    height & 255,
    width >> 8,
    width & 255,
    0x01,
    0x01,
    0x11,
    0x00,
    0xff,
    0xda,
    0x00,
    0x08,
    0x01,
    0x01,
    0x00,
    0x00,
    0x3f,
    0x00,
    0x12,
    0x34,
    ...(end ? [0xff, 0xd9] : []),
  ])

describe('an emblem judged by its bytes', () => {
  it('takes a PNG and a JPEG, with their sizes', () => {
    expect(checkLogo(pngOf(40, 48))).toEqual({ mediaType: 'image/png', width: 40, height: 48 })
    expect(checkLogo(jpegOf(120, 90))).toEqual({ mediaType: 'image/jpeg', width: 120, height: 90 })
  })

  it.each([
    ['another format (GIF)', Buffer.from('GIF89a\x01\x00\x01\x00'), 'PNG или JPEG'],
    ['a PNG cut short', pngOf(40, 48).subarray(0, 60), 'PNG'],
    [
      'a PNG whose data holds fewer rows than its header',
      (() => {
        const png = pngOf(4, 4)
        // the header says 400 rows: the data of 4 is short
        png.writeUInt32BE(400, 8 + 8 + 4)
        return png
      })(),
      'PNG повреждён',
    ],
    [
      'a PNG whose data does not inflate',
      (() => {
        const png = pngOf(4, 4)
        const idat = png.indexOf('IDAT')
        png.fill(0x55, idat + 4, idat + 10)
        return png
      })(),
      'не распаковываются',
    ],
    ['a JPEG with no end', jpegOf(10, 10, { end: false }), 'JPEG повреждён'],
    ['a JPEG of zero width', jpegOf(0, 10), 'размер'],
    ['a file over the limit', Buffer.concat([pngOf(1, 1), Buffer.alloc(LOGO_MAX_BYTES)]), 'КБ'],
  ])('refuses %s', (_, bytes, words) => {
    const result = checkLogo(new Uint8Array(bytes))
    expect('problem' in result && result.problem).toContain(words)
  })

  it('refuses a bomb: image data inflating past what the header promises', () => {
    const png = pngOf(2, 2)
    const idat = png.indexOf('IDAT') - 4
    const bomb = deflateSync(Buffer.alloc(50_000_000))
    const chunk = Buffer.alloc(12 + bomb.length)
    chunk.writeUInt32BE(bomb.length, 0)
    chunk.write('IDAT', 4, 'latin1')
    bomb.copy(chunk, 8)
    const forged = Buffer.concat([png.subarray(0, idat), chunk, png.subarray(png.indexOf('IEND') - 4)])
    const result = checkLogo(new Uint8Array(forged))
    expect('problem' in result && result.problem).toMatch(/PNG повреждён/)
  })
})
