/**
 * The readable source of the built-in order templates (`npm run templates` writes the .docx files
 * beside it). Tags are docxtemplater's: `{#loop}…{/loop}`, `{#flag}…{/flag}`, `{@table}` raw OOXML.
 * A4, margins 20/10/20/20 mm, page number at the top centre from page 2 (ГОСТ Р 7.0.97-2016).
 */
import { para, run, twips } from '../src/documents/ooxml'

const TEXT_RIGHT = twips(180)
const INDENT = twips(12.5)
const HANG = twips(5) // a list line's marker hangs in front of its text

const tagPara = (tag: string) => para(run(tag))

export const documentXml = (kindHeading: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<w:body>
${tagPara('{#draft}')}
${para(run('ПРОЕКТ', { bold: true }), { align: 'right' })}
${tagPara('{/draft}')}
${tagPara('{#copyNote}')}
${para(run('{copyNote}', { size: 20 }), { align: 'right' })}
${tagPara('{/copyNote}')}
${tagPara('{#parentLines}')}
${para(run('{.}', { bold: true }), { align: 'center' })}
${tagPara('{/parentLines}')}
${tagPara('{#nameLines}')}
${para(run('{.}', { bold: true }), { align: 'center' })}
${tagPara('{/nameLines}')}
${para(run(kindHeading, { bold: true, letterSpacing: 60, size: 32 }), { align: 'center', spacingAfter: 240 })}
<w:p><w:pPr><w:tabs><w:tab w:val="right" w:pos="${TEXT_RIGHT}"/></w:tabs><w:spacing w:after="120"/></w:pPr>${run('от {dateText}')}<w:r><w:tab/></w:r>${run('№ {numberText}')}</w:p>
${tagPara('{#place}')}
${para(run('{place}'), { align: 'center', spacingAfter: 240 })}
${tagPara('{/place}')}
${para(run('{title}', { bold: true }), { spacingAfter: 240 })}
${para(run('{preamble}'), { align: 'both', firstLine: INDENT, spacingAfter: 120 })}
${tagPara('{#directive}')}
${para(run('{directive}'), { spacingAfter: 120 })}
${tagPara('{/directive}')}
${tagPara('{#points}')}
${para(run('{number} {lead}'), { align: 'both', firstLine: INDENT, spacingAfter: 60 })}
${tagPara('{#items}')}
${tagPara('{#marker}')}
<w:p><w:pPr><w:spacing w:after="60"/><w:ind w:left="${INDENT + HANG}" w:hanging="${HANG}"/><w:jc w:val="both"/></w:pPr>${run('{marker}')}<w:r><w:tab/></w:r>${run('{body}')}</w:p>
${tagPara('{/marker}')}
${tagPara('{^marker}')}
${para(run('{body}'), { align: 'both', firstLine: INDENT, spacingAfter: 60 })}
${tagPara('{/marker}')}
${tagPara('{/items}')}
${tagPara('{#note}')}
${para(run('{note}'), { align: 'both', firstLine: INDENT, spacingAfter: 60 })}
${tagPara('{/note}')}
${tagPara('{/points}')}
<w:p><w:pPr><w:tabs><w:tab w:val="right" w:pos="${TEXT_RIGHT}"/></w:tabs><w:spacing w:before="720" w:after="0"/></w:pPr>${run('{signerPosition}')}<w:r><w:tab/></w:r>${run('{signerName}')}</w:p>
${tagPara('{#appendices}')}
${tagPara('{@start}')}
${tagPara('{@markBlock}')}
${para(run('{title}', { bold: true }), { align: 'center', spacingAfter: 240 })}
${tagPara('{#textLines}')}
${para(run('{.}'), { align: 'both', firstLine: INDENT, spacingAfter: 60 })}
${tagPara('{/textLines}')}
${tagPara('{@table}')}
${tagPara('{/appendices}')}
<w:sectPr>
<w:headerReference w:type="default" r:id="rIdHeader"/>
<w:pgSz w:w="11906" w:h="16838"/>
<w:pgMar w:top="${twips(20)}" w:right="${twips(10)}" w:bottom="${twips(20)}" w:left="${twips(20)}" w:header="${twips(10)}" w:footer="${twips(10)}" w:gutter="0"/>
<w:titlePg/>
</w:sectPr>
</w:body>
</w:document>`

export const headerXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>`

export const stylesXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="ru-RU"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
</w:styles>`

export const contentTypesXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
</Types>`

export const rootRelsXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`

export const documentRelsXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>`

export const builtInTemplates = { prikaz: 'ПРИКАЗ', rasporyazhenie: 'РАСПОРЯЖЕНИЕ' } as const
