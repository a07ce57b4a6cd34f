import { inflateRawSync } from 'node:zlib'
import type { ErrorDetail } from '../domain/errors'
import { LIMITS } from '../domain/limits'

/**
 * The checks a ZIP (a DOCX) passes before anything unpacks it: the central directory is read as
 * bytes, every entry's name and declared size judged, and each entry then inflated with its declared
 * size as a hard ceiling, so an archive that lies about its sizes stops at the lie. A ZIP bomb costs
 * a few milliseconds, not gigabytes; a name like `../../x` or `C:\x` never reaches a document.
 *
 * Problems with code `too_large` are sizes (413); every other code is a malformed archive (422).
 */
const T = LIMITS.template

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

// an OOXML part name: letters, digits and - _ . [ ] in segments separated by '/', none of them '.' or '..'
const PART_NAME = /^[A-Za-z0-9_\-.[\]]+(\/[A-Za-z0-9_\-.[\]]+)*$/
// a folder entry («word/», empty), as pizzip writes them into the DOCX the service renders, is a part name and a «/»
const badName = (name: string, unpacked: number) => {
  const part = name.endsWith('/') && unpacked === 0 ? name.slice(0, -1) : name
  return !PART_NAME.test(part) || part.split('/').some((segment) => segment === '.' || segment === '..')
}

const printable = (name: string) => JSON.stringify(name.slice(0, 100))

type Entry = { name: string; method: number; packed: number; unpacked: number; localOffset: number }

const findEndOfDirectory = (view: DataView): number | undefined => {
  // the record is 22 bytes, followed by a comment of at most 65,535
  for (let at = view.byteLength - 22; at >= Math.max(0, view.byteLength - 22 - 65_535); at--)
    if (view.getUint32(at, true) === EOCD) return at
  return undefined
}

const readDirectory = (bytes: Uint8Array): { entries?: Entry[]; problem?: ErrorDetail } => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const eocd = bytes.byteLength >= 22 ? findEndOfDirectory(view) : undefined
  if (eocd === undefined) return { problem: { code: 'unreadable', path: 'file', message: 'Файл не ZIP (DOCX)' } }
  const count = view.getUint16(eocd + 10, true)
  const offset = view.getUint32(eocd + 16, true)
  if (count === 0xffff || offset === 0xffffffff)
    return {
      problem: { code: 'zip64', path: 'file', message: 'ZIP64 не принимается: шаблон DOCX так велик не бывает' },
    }
  if (count > T.entries)
    return {
      problem: { code: 'too_large', path: 'file', message: `в архиве ${count} частей, больше ${T.entries}` },
    }
  const entries: Entry[] = []
  let at = offset
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== CENTRAL)
      return { problem: { code: 'unreadable', path: 'file', message: 'Оглавление ZIP повреждено' } }
    const nameLength = view.getUint16(at + 28, true)
    const utf8 = (view.getUint16(at + 8, true) & 0x800) !== 0
    const raw = bytes.subarray(at + 46, at + 46 + nameLength)
    entries.push({
      name: new TextDecoder(utf8 ? 'utf-8' : 'latin1').decode(raw),
      method: view.getUint16(at + 10, true),
      packed: view.getUint32(at + 20, true),
      unpacked: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    })
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
  }
  return { entries }
}

/** What the directory says, judged without unpacking anything. */
const judgeDirectory = (entries: Entry[]): ErrorDetail[] => {
  const problems: ErrorDetail[] = []
  let total = 0
  for (const e of entries) {
    const path = `file:${e.name.slice(0, 100)}`
    total += e.unpacked
    if (badName(e.name, e.unpacked))
      problems.push({
        code: 'bad_entry_name',
        path,
        message: `недопустимое имя части ${printable(e.name)}: только латиница, цифры, - _ . [ ] и «/», без «..»`,
      })
    if (e.unpacked > T.entryBytes)
      problems.push({
        code: 'too_large',
        path,
        message: `часть распаковывается в ${e.unpacked} байт, больше ${T.entryBytes}`,
      })
    else if (e.unpacked > 1024 * 1024 && e.unpacked > e.packed * T.compressionRatio)
      problems.push({
        code: 'too_large',
        path,
        message: `часть сжата в ${Math.round(e.unpacked / Math.max(1, e.packed))} раз, больше ${T.compressionRatio}`,
      })
    if (e.method !== 0 && e.method !== 8)
      problems.push({ code: 'unreadable', path, message: `сжатие ${e.method} не поддерживается` })
  }
  if (total > T.unpackedBytes)
    problems.push({
      code: 'too_large',
      path: 'file',
      message: `архив распаковывается в ${total} байт, больше ${T.unpackedBytes}`,
    })
  return problems
}

/** Each entry unpacked with its declared size as the ceiling: an archive that lies is stopped at the lie. */
const checkDeclaredSizes = (bytes: Uint8Array, entries: Entry[]): ErrorDetail[] => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const problems: ErrorDetail[] = []
  for (const e of entries) {
    const path = `file:${e.name.slice(0, 100)}`
    const at = e.localOffset
    if (at + 30 > bytes.byteLength || view.getUint32(at, true) !== LOCAL) {
      problems.push({ code: 'unreadable', path, message: 'часть не найдена по смещению из оглавления' })
      continue
    }
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true)
    const data = bytes.subarray(start, start + e.packed)
    let size = data.byteLength
    if (e.method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: Math.max(1, e.unpacked) }).byteLength
      } catch {
        size = -1
      }
    }
    if (size !== e.unpacked)
      problems.push({ code: 'size_mismatch', path, message: 'размер части не тот, что указан в оглавлении ZIP' })
  }
  return problems
}

/** Every problem of a ZIP archive found before it is unpacked; empty when it may be opened. */
export const checkZipArchive = (bytes: Uint8Array): ErrorDetail[] => {
  const { entries, problem } = readDirectory(bytes)
  if (!entries) return [problem!]
  const problems = judgeDirectory(entries)
  return problems.length ? problems : checkDeclaredSizes(bytes, entries)
}

/**
 * One entry of an archive that `checkZipArchive` passed, unpacked with its declared size as the ceiling;
 * undefined when the archive has no such entry.
 */
export const readZipEntry = (bytes: Uint8Array, name: string): Uint8Array | undefined => {
  const { entries } = readDirectory(bytes)
  const e = entries?.find((x) => x.name === name)
  if (!e) return undefined
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const start = e.localOffset + 30 + view.getUint16(e.localOffset + 26, true) + view.getUint16(e.localOffset + 28, true)
  const data = bytes.subarray(start, start + e.packed)
  return e.method === 8 ? inflateRawSync(data, { maxOutputLength: Math.max(1, e.unpacked) }) : data
}
