import { para, run } from './ooxml'
import type { ViewAppendix } from './order-view'
import { tableXml } from './docx-table'
import { isWide, TEXT_WIDTH, textWidth } from './typeset'

const BODY_SIZE = 14
const PAGE_BREAK = '<w:p><w:pPr><w:spacing w:after="0"/></w:pPr><w:r><w:br w:type="page"/></w:r></w:p>'

/** A paragraph that ends a section of the given properties (OOXML: a section is closed by its last paragraph). */
const sectionEnd = (props: string) => `<w:p><w:pPr><w:spacing w:after="0"/><w:sectPr>${props}</w:sectPr></w:pPr></w:p>`

/** The properties of a landscape section: the page turned, no title page of its own (its number shows). */
export const landscape = (portrait: string) =>
  portrait.replace(/<w:pgSz\b[^>]*\/>/, '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>')

/** The appendix mark as a block at the right margin: each line whole, a paragraph of its own. */
export const markBlockXml = (lines: string[], wide: boolean): string => {
  const block = Math.max(...lines.map((l) => textWidth(l, BODY_SIZE))) + 2
  const left = Math.floor(((wide ? TEXT_WIDTH.landscape : TEXT_WIDTH.portrait) - block) * 20)
  return lines
    .map((line, i) =>
      para(run(line), { indentLeft: left, spacingAfter: i === lines.length - 1 ? 240 : 0 }).replace(
        '<w:pPr>',
        '<w:pPr><w:keepNext/>',
      ),
    )
    .join('')
}

/**
 * The raw OOXML of each appendix around the template's text: `start` opens it on a new page (a
 * page break, or the end of the section before it when it is set landscape), `markBlock` is its
 * mark, `table` its table, whose following paragraph closes a landscape section. `sectionProps` are
 * the template's own page properties (its body's last <w:sectPr>); `titlePage` whether the section
 * they close is the first (its first page carries no number).
 */
export const appendixParts = (appendices: ViewAppendix[], sectionProps: string) => {
  const later = sectionProps.replace(/<w:titlePg\/>/g, '')
  let sections = 0
  let previousWide = false
  const parts = appendices.map((a, i) => {
    const wide = isWide(a.table)
    let start = PAGE_BREAK
    if (previousWide) start = ''
    else if (wide) start = sectionEnd(sections++ === 0 ? sectionProps : later)
    // the last appendix, wide, is set in the body's own last section, turned (no empty page after it)
    const closes = wide && i < appendices.length - 1
    const table = a.table ? tableXml(a.table, closes ? sectionEnd(landscape(later)) : undefined) : ''
    if (closes) sections++
    previousWide = wide
    return { start, markBlock: markBlockXml(a.markLines, wide), table }
  })
  return { parts, sectionsAdded: sections > 0, lastWide: previousWide }
}

/** The template's page properties: the inside of its body's last <w:sectPr>. */
export const bodySectionProps = (documentXml: string): string | null => {
  const all = [...documentXml.matchAll(/<w:sectPr\b[^>]*>([\s\S]*?)<\/w:sectPr>/g)]
  return all.at(-1)?.[1] ?? null
}
