/**
 * The files an executor attaches to a report (issue 27): what they are is read from their bytes, never taken
 * from the name or the type the client claims; a name is a file's own name, safe to show, to save and to open
 * in a spreadsheet. Pure: hashing and storage are the services'.
 */
import { OrderError } from './errors'
import { LIMITS } from './limits'

export const REPORT_FILE_TYPES = {
  'application/pdf': { label: 'PDF', extensions: ['pdf'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { label: 'DOCX', extensions: ['docx'] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { label: 'XLSX', extensions: ['xlsx'] },
  'image/png': { label: 'PNG', extensions: ['png'] },
  'image/jpeg': { label: 'JPEG', extensions: ['jpg', 'jpeg'] },
} as const

export type ReportFileType = keyof typeof REPORT_FILE_TYPES

/** A file as stored: checked, typed by its bytes, hashed. */
export type ReportFile = { name: string; type: ReportFileType; size: number; sha256: string; bytes: Buffer }

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b)

const ascii = (bytes: Uint8Array) => {
  let s = ''
  for (const b of bytes) s += String.fromCharCode(b)
  return s
}

/**
 * An OOXML package is a ZIP whose parts name what it is: `word/document.xml` a DOCX, `xl/workbook.xml` an XLSX.
 * The names are in the local headers and again in the central directory at the end: the head and the tail are read.
 */
const zipKind = (bytes: Uint8Array): ReportFileType | null => {
  const window = 64 * 1024
  const text = ascii(bytes.subarray(0, window)) + ascii(bytes.subarray(Math.max(window, bytes.length - window)))
  if (!text.includes('[Content_Types].xml')) return null
  if (text.includes('word/document.xml'))
    return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
  if (text.includes('xl/workbook.xml')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  return null
}

/** The type the bytes are, or null when they are none of the accepted ones. */
export const sniffReportFileType = (bytes: Uint8Array): ReportFileType | null => {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return zipKind(bytes)
  return null
}

const accepted = Object.values(REPORT_FILE_TYPES)
  .map((t) => t.label)
  .join(', ')

// control and format characters, and the ones a file system or a shell treats specially
const FORBIDDEN_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff/\\:*?"<>|]/

/**
 * A file's own name, or the problem with it: no path («../../etc/passwd»), no control or direction characters,
 * no leading formula character («=HYPERLINK(…)» would run when a list of files is opened in a spreadsheet),
 * and an extension that is the type's own.
 */
export const reportFileNameProblem = (name: string, type: ReportFileType | null): string | null => {
  if (name.trim() === '') return 'имя файла пусто'
  if (name.length > LIMITS.control.fileName) return `имя файла длиннее ${LIMITS.control.fileName} знаков`
  if (/^[=+\-@\s]/.test(name))
    return `имя файла не может начинаться со знака «${name[0]}»: так начинаются формулы таблиц`
  if (FORBIDDEN_IN_NAME.test(name) || name.includes('..'))
    return `имя файла «${name.replace(/[^\p{L}\p{N} ._()-]/gu, '?')}» недопустимо: только имя, без пути и знаков / \\ : * ? " < > | ..`
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase()
  if (type && !(REPORT_FILE_TYPES[type].extensions as readonly string[]).includes(extension ?? ''))
    return `расширение файла «${name}» не соответствует его содержимому (${REPORT_FILE_TYPES[type].label})`
  return null
}

/**
 * Checks one file of a report: its name, its size, its bytes' type against the accepted ones and against the
 * type the client claimed. Throws `invalid_input` (or `too_large`) naming the file and the problem.
 */
export const checkReportFile = (
  file: { name: string; claimedType?: string; size: number; head: Uint8Array },
  index: number,
  maxBytes: number,
): ReportFileType => {
  const path = `files.${index}`
  const fail = (message: string): never => {
    throw new OrderError('invalid_input', `Файл отчёта: ${message}`, [{ path, message }])
  }
  if (file.size === 0) fail(`«${file.name}» пуст`)
  if (file.size > maxBytes)
    throw new OrderError('too_large', `Файл «${file.name}» больше ${Math.round(maxBytes / 1024 / 1024)} МБ`, [
      { path, message: `больше ${maxBytes} байт` },
    ])
  const type = sniffReportFileType(file.head)
  const nameProblem = reportFileNameProblem(file.name, type)
  if (nameProblem) fail(nameProblem)
  if (!type) fail(`«${file.name}» не является ни одним из принимаемых типов (${accepted}) по своему содержимому`)
  const claimed = file.claimedType?.split(';')[0]?.trim().toLowerCase()
  if (claimed && claimed !== 'application/octet-stream' && claimed !== type)
    fail(`«${file.name}» заявлен как ${claimed}, а по содержимому это ${REPORT_FILE_TYPES[type!].label}`)
  return type!
}
