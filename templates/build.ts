/** Builds templates/<kind>.docx from templates/source.ts: `npm run templates`. The output is committed. */
import { writeFileSync } from 'node:fs'
import PizZip from 'pizzip'
import {
  builtInTemplates,
  contentTypesXml,
  documentRelsXml,
  documentXml,
  headerXml,
  rootRelsXml,
  stylesXml,
} from './source'

// a fixed date keeps the built files byte-for-byte reproducible
const date = new Date('2026-01-01T00:00:00Z')

for (const [kind, heading] of Object.entries(builtInTemplates)) {
  const zip = new PizZip()
  const add = (path: string, xml: string) => zip.file(path, xml, { date, createFolders: false })
  add('[Content_Types].xml', contentTypesXml)
  add('_rels/.rels', rootRelsXml)
  add('word/_rels/document.xml.rels', documentRelsXml)
  add('word/document.xml', documentXml(heading))
  add('word/styles.xml', stylesXml)
  add('word/header1.xml', headerXml)
  const out = new URL(`./${kind}.docx`, import.meta.url)
  writeFileSync(out, zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' }))
  console.log(`built ${out.pathname}`)
}
