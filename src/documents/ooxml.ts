/** Small OOXML builders shared by the template source and the table renderer. */

// characters XML 1.0 cannot carry at all
const INVALID = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** Every string of a value with the characters XML cannot carry dropped; objects and arrays copied. */
export const xmlSafe = <T>(value: T): T => {
  if (typeof value === 'string') return value.replace(INVALID, '') as T
  if (Array.isArray(value)) return value.map(xmlSafe) as T
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlSafe(v)])) as T
  return value
}

export const escapeXml = (s: string) =>
  s.replace(INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** A run of text; line breaks become <w:br/>. */
export const run = (text: string, { bold = false, letterSpacing = 0, size = 0 } = {}) => {
  const props = `${bold ? '<w:b/>' : ''}${letterSpacing ? `<w:spacing w:val="${letterSpacing}"/>` : ''}${size ? `<w:sz w:val="${size}"/>` : ''}`
  const rPr = props ? `<w:rPr>${props}</w:rPr>` : ''
  return text
    .split('\n')
    .map(
      (line, i) =>
        `${i ? `<w:r>${rPr}<w:br/></w:r>` : ''}<w:r>${rPr}<w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r>`,
    )
    .join('')
}

export const para = (
  inner: string,
  {
    align,
    indentLeft,
    firstLine,
    spacingAfter = 0,
  }: {
    align?: 'left' | 'center' | 'right' | 'both'
    indentLeft?: number
    firstLine?: number
    spacingAfter?: number
  } = {},
) => {
  const pPr = [
    `<w:spacing w:after="${spacingAfter}"/>`,
    indentLeft || firstLine
      ? `<w:ind${indentLeft ? ` w:left="${indentLeft}"` : ''}${firstLine ? ` w:firstLine="${firstLine}"` : ''}/>`
      : '',
    align ? `<w:jc w:val="${align}"/>` : '',
  ].join('')
  return `<w:p><w:pPr>${pPr}</w:pPr>${inner}</w:p>`
}

/** twips: 1 mm = 56.7 twips */
export const twips = (mm: number) => Math.round(mm * 56.6929)
