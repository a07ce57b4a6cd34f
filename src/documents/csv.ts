/**
 * CSV as the service writes it, for a spreadsheet: UTF-8 with a BOM (so Excel reads Cyrillic), semicolons, CRLF.
 *
 * Every cell is neutralised against formula injection as OWASP describes («CSV Injection»): a cell a spreadsheet
 * would read as a formula (its first character `=`, `+`, `-`, `@`, tab or CR) gets a leading apostrophe, so it
 * shows as the text it is. Spreadsheets skip the spaces before a formula's sign (a space, a tab, a no-break
 * space), and some read the full-width signs (＝＋－＠) as the ASCII ones: those cells get it too. A name like
 * `=HYPERLINK("http://…")` is then a name, not a link that leaks the sheet.
 */
const FORMULA = /^[\s\u00a0\u2000-\u200a\u202f\u205f\u3000\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/u

/** A cell's text a spreadsheet shows as text, never runs as a formula: the rule above (the XLSX files use it too). */
export const formulaSafe = (value: string): string => (FORMULA.test(value) ? `'${value}` : value)

/** One cell: neutralised, then quoted when it holds the separator, a quote, a line break or edge spaces. */
export const csvCell = (value: string): string => {
  const text = formulaSafe(value)
  return /[";\n\r]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** The file: every cell of every row through `csvCell`. */
export const csvFile = (rows: readonly (readonly string[])[]): Uint8Array =>
  new TextEncoder().encode(`\uFEFF${rows.map((r) => r.map(csvCell).join(';')).join('\r\n')}\r\n`)
