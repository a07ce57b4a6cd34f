import { inflateSync } from 'node:zlib'
import type { LogoMediaType } from '../domain/letterhead'

/** An emblem prints 15 mm wide at most: 256 KiB is room for a detailed one, and a bound on what each rendering carries. */
export const LOGO_MAX_BYTES = 256 * 1024
const MAX_SIDE = 4000

export type LogoCheck = { mediaType: LogoMediaType; width: number; height: number } | { problem: string }

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
// channels by PNG colour type: grey, RGB, palette, grey+alpha, RGBA
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }

/**
 * A PNG read as the PDF renderer will read it: the chunks in order, IHDR first and sane, the image data inflating
 * to exactly the rows the header promises (non-interlaced). A file that passes prints; one that does not is refused
 * before it is stored, rather than failing every later rendering.
 */
const checkPng = (b: Buffer): LogoCheck => {
  let at = 8
  let header: { width: number; height: number; depth: number; type: number; interlace: number } | undefined
  const data: Buffer[] = []
  let ended = false
  while (at + 12 <= b.length && !ended) {
    const length = b.readUInt32BE(at)
    const type = b.toString('latin1', at + 4, at + 8)
    if (at + 12 + length > b.length) return { problem: 'PNG обрезан' }
    const body = b.subarray(at + 8, at + 8 + length)
    if (!header && type !== 'IHDR') return { problem: 'PNG без заголовка IHDR' }
    if (type === 'IHDR') {
      if (length !== 13) return { problem: 'PNG: неверный заголовок' }
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        depth: body[8]!,
        type: body[9]!,
        interlace: body[12]!,
      }
    } else if (type === 'IDAT') data.push(body)
    else if (type === 'IEND') ended = true
    at += 12 + length
  }
  if (!header || !ended || !data.length) return { problem: 'PNG повреждён: нет данных изображения' }
  const { width, height, depth, type, interlace } = header
  const channels = CHANNELS[type]
  if (!channels || ![1, 2, 4, 8, 16].includes(depth)) return { problem: 'PNG: неизвестный формат пикселей' }
  if (interlace !== 0) return { problem: 'PNG с чересстрочной развёрткой не поддерживается: сохраните без неё' }
  if (!width || !height || width > MAX_SIDE || height > MAX_SIDE)
    return { problem: `размер изображения от 1 до ${MAX_SIDE} точек по каждой стороне` }
  const rowBytes = 1 + Math.ceil((width * channels * depth) / 8)
  let pixels: Buffer
  try {
    pixels = inflateSync(Buffer.concat(data), { maxOutputLength: rowBytes * height + 1 })
  } catch {
    return { problem: 'PNG повреждён: данные изображения не распаковываются' }
  }
  if (pixels.length !== rowBytes * height) return { problem: 'PNG повреждён: данных меньше, чем строк в заголовке' }
  return { mediaType: 'image/png', width, height }
}

/** A JPEG walked marker by marker to its frame header (baseline or progressive) and its end. */
const checkJpeg = (b: Buffer): LogoCheck => {
  let at = 2
  let frame: { width: number; height: number } | undefined
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return { problem: 'JPEG повреждён' }
    const marker = b[at + 1]!
    if (marker === 0xd9) break
    const length = b.readUInt16BE(at + 2)
    if (length < 2 || at + 2 + length > b.length) return { problem: 'JPEG обрезан' }
    if (marker >= 0xc0 && marker <= 0xc2) frame = { height: b.readUInt16BE(at + 5), width: b.readUInt16BE(at + 7) }
    if (marker === 0xda) {
      // the scan runs to the end-of-image marker
      return frame && b.subarray(b.length - 2).equals(Buffer.from([0xff, 0xd9]))
        ? frame.width && frame.height && frame.width <= MAX_SIDE && frame.height <= MAX_SIDE
          ? { mediaType: 'image/jpeg', ...frame }
          : { problem: `размер изображения от 1 до ${MAX_SIDE} точек по каждой стороне` }
        : { problem: 'JPEG повреждён: нет кадра или конца файла' }
    }
    at += 2 + length
  }
  return { problem: 'JPEG повреждён: нет данных изображения' }
}

/** What an uploaded emblem is, judged by its bytes, never by the name or type it came with. */
export const checkLogo = (bytes: Uint8Array): LogoCheck => {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (b.length > LOGO_MAX_BYTES) return { problem: `не больше ${LOGO_MAX_BYTES / 1024} КБ` }
  if (b.subarray(0, 8).equals(PNG_SIGNATURE)) return checkPng(b)
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return checkJpeg(b)
  return { problem: 'нужен файл PNG или JPEG' }
}
