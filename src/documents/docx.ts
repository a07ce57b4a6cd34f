import { createRequire } from 'node:module'
import type Docxtemplater from 'docxtemplater'
import type InspectModule from 'docxtemplater/js/inspect-module.js'
import type PizZip from 'pizzip'
import { OrderError, type ErrorDetail } from '../domain/errors'
import { appendixParts, bodySectionProps, landscape } from './docx-appendix'
import { tableXml } from './docx-table'
import { packageProblems } from './docx-package'
import { xmlSafe } from './ooxml'
import type { OrderView } from './order-view'
import { checkZipArchive } from './zip-archive'
import { breakableAddresses, signerLayout } from './typeset'

/** Every tag a template may use, with the tags allowed inside each loop. */
export const TEMPLATE_TAGS: Record<string, string[] | null> = {
  draft: [],
  copyNote: null,
  parentLines: ['.'],
  nameLines: ['.'],
  place: null,
  kindTitle: null,
  dateText: null,
  numberText: null,
  title: null,
  preamble: null,
  directive: null,
  points: ['number', 'text', 'lead', 'items', 'note', 'depth'],
  lead: null,
  items: ['marker', 'body'],
  marker: null,
  body: null,
  note: null,
  signerPosition: null,
  signerName: null,
  appendices: ['label', 'mark', 'markLines', 'markBlock', 'start', 'title', 'textLines', 'table', '.'],
  markLines: ['.'],
  markBlock: null,
  start: null,
}

/**
 * docxtemplater and pizzip are loaded by the first DOCX or template check, not at start: the
 * service listens sooner, and one that has just started has rendered nothing yet. `require` is
 * synchronous, so the functions below stay synchronous.
 */
const requireHere = createRequire(import.meta.url)
let lib: { Docxtemplater: typeof Docxtemplater; InspectModule: typeof InspectModule; PizZip: typeof PizZip } | undefined
const docxLib = () => {
  lib ??= {
    Docxtemplater: requireHere('docxtemplater'),
    InspectModule: requireHere('docxtemplater/js/inspect-module.js'),
    PizZip: requireHere('pizzip'),
  }
  return lib
}

const options = { paragraphLoop: true, linebreaks: true, nullGetter: () => '', errorLogging: false }

type DocxError = {
  properties?: { id?: string; explanation?: string; xtag?: string; errors?: DocxError[] }
  message: string
}

// docxtemplater explains in English; the admin reads Russian (its own words are kept after the dash)
const RUSSIAN: Record<string, (tag: string) => string> = {
  unclosed_loop: (tag) => `Цикл {#${tag}} не закрыт: нет {/${tag}}`,
  unopened_loop: (tag) => `Цикл {/${tag}} закрыт, но не открыт: нет {#${tag}}`,
  unclosed_tag: (tag) => `Тег «{${tag}» не закрыт: нет «}»`,
  unopened_tag: (tag) => `Тег «${tag}}» не открыт: нет «{»`,
  closing_tag_does_not_match_opening_tag: (tag) => `Закрывающий тег {/${tag}} не совпадает с открывающим`,
  duplicate_open_tag: (tag) => `Двойная открывающая скобка в теге «${tag}»`,
  duplicate_close_tag: (tag) => `Двойная закрывающая скобка в теге «${tag}»`,
  raw_xml_tag_should_be_only_text_in_paragraph: (tag) => `Тег {@${tag}} должен стоять в абзаце один`,
  file_has_invalid_xml: () => 'Документ содержит неверный XML: файл повреждён',
  malformed_xml: () => 'Документ содержит неверный XML: файл повреждён',
}

const problemsOf = (e: DocxError): ErrorDetail[] =>
  (e.properties?.errors ?? [e]).map((x) => {
    const code = x.properties?.id ?? 'template_error'
    const english = x.properties?.explanation ?? x.message
    const russian = RUSSIAN[code]?.(x.properties?.xtag ?? '') ?? 'Ошибка разметки шаблона'
    return {
      code,
      path: x.properties?.xtag ? `{${x.properties.xtag}}` : 'document',
      message: `${russian} (docxtemplater: ${english})`,
    }
  })

const openZip = (bytes: Uint8Array): { zip?: PizZip; problems: ErrorDetail[] } => {
  let zip: PizZip
  try {
    zip = new (docxLib().PizZip)(bytes)
  } catch (e) {
    return {
      problems: [
        { code: 'unreadable', path: 'file', message: `Файл не читается как ZIP (DOCX): ${(e as Error).message}` },
      ],
    }
  }
  if (!zip.file('word/document.xml')) {
    return {
      problems: [{ code: 'not_docx', path: 'file', message: 'Это не документ Word (.docx): нет word/document.xml' }],
    }
  }
  return { zip, problems: [] }
}

type TagPart = { value: string; module?: string; subparsed?: TagPart[] }

// {@tag} puts its value into the document as XML, unescaped: only the tags the service fills with
// OOXML may be written so; {@title} would put the clerk's text, «&» and all, into the XML as is
const RAW_TAGS = new Set(['start', 'markBlock', 'table'])

const unknownTags = (parts: TagPart[], allowed: Record<string, string[] | null>, where = ''): ErrorDetail[] =>
  parts.flatMap((part) => {
    const name = part.value
    if (!Object.hasOwn(allowed, name))
      return [
        {
          code: 'unknown_tag',
          path: `{${where}${name}}`,
          message: `Неизвестный тег {${name}}${where ? ` внутри {#${where.slice(0, -1)}}` : ''}`,
        },
      ]
    if (part.module === 'rawxml' && !RAW_TAGS.has(name))
      return [
        {
          code: 'raw_tag',
          path: `{${where}@${name}}`,
          message: `Тег {@${name}} вставляет текст как XML: пишите {${name}}`,
        },
      ]
    const children = allowed[name]
    if (!children || !part.subparsed) return []
    return unknownTags(
      part.subparsed,
      Object.fromEntries(children.map((c) => [c, TEMPLATE_TAGS[c] ?? null])),
      `${where}${name}.`,
    )
  })

/**
 * Every problem of an uploaded template, listed: an unreadable file, not a DOCX, docxtemplater's
 * syntax errors (unclosed loops, oddly split tags) and tags the service does not fill. The archive
 * is judged before anything unpacks it (zip-archive.ts): problems coded `too_large` are sizes.
 * The default parser only reads properties: a template can never run code or read files.
 */
export const checkTemplate = (bytes: Uint8Array): ErrorDetail[] => {
  const archiveProblems = checkZipArchive(bytes)
  if (archiveProblems.length) return archiveProblems
  const { zip, problems } = openZip(bytes)
  if (!zip) return problems
  const forbidden = packageProblems(zip)
  if (forbidden.length) return forbidden
  const inspect = new (docxLib().InspectModule)()
  try {
    ;new (docxLib().Docxtemplater)(zip, { ...options, modules: [inspect] })
  } catch (e) {
    return problemsOf(e as DocxError)
  }
  return unknownTags(inspect.getAllStructuredTags() as TagPart[], TEMPLATE_TAGS)
}

/**
 * The DOCX of an order: the template filled with the view; appendix tables are inserted as OOXML.
 * Every part of the ZIP is dated `modifiedAt`, so one version gives the same bytes whenever it is rendered.
 */
export const renderDocx = (
  template: Uint8Array,
  unsafeView: OrderView,
  { modifiedAt = new Date() }: { modifiedAt?: Date } = {},
): Buffer => {
  const { zip, problems } = openZip(template)
  if (!zip) throw new OrderError('invalid_input', 'Шаблон повреждён', problems)
  let doc: Docxtemplater
  try {
    doc = new (docxLib().Docxtemplater)(zip, options)
  } catch (e) {
    throw new OrderError('invalid_input', 'Шаблон содержит ошибки', problemsOf(e as DocxError))
  }
  // input is refused with such characters (domain/text.ts); this keeps older stored text from breaking the XML
  const view = xmlSafe(unsafeView)
  // a template that opens each appendix with {@start} gets landscape sections for wide tables
  const documentXml = zip.file('word/document.xml')!.asText()
  const sectionProps = documentXml.includes('@start') ? bodySectionProps(documentXml) : null
  const { parts, sectionsAdded, lastWide } = sectionProps
    ? appendixParts(view.appendices, sectionProps)
    : {
        parts: view.appendices.map((a) => ({ start: '', markBlock: '', table: a.table ? tableXml(a.table) : '' })),
        sectionsAdded: false,
        lastWide: false,
      }
  doc.render({
    ...view,
    preamble: breakableAddresses(view.preamble),
    points: view.points.map((p) => ({
      ...p,
      lead: breakableAddresses(p.lead),
      items: p.items.map((line) => ({ ...line, body: breakableAddresses(line.body) })),
    })),
    // the position broken as in the PDF, so that the name after the tab stands on its last line
    signerPosition: signerLayout(view.signer.position, view.signer.name, 14).positionLines.join('\n'),
    signerName: view.signer.name,
    appendices: view.appendices.map((a, i) => ({ ...a, textLines: a.textLines.map(breakableAddresses), ...parts[i] })),
  })
  const out = doc.getZip()
  if (sectionsAdded || lastWide) {
    // the last section is no longer the first: its first page carries its number; turned when its appendix is wide
    const xml = out.file('word/document.xml')!.asText()
    const at = xml.lastIndexOf('<w:sectPr')
    const last = xml.slice(at).replace('<w:titlePg/>', '')
    out.file('word/document.xml', xml.slice(0, at) + (lastWide ? landscape(last) : last))
  }
  for (const name of Object.keys(out.files)) out.files[name]!.date = modifiedAt
  return out.generate({ type: 'nodebuffer', compression: 'DEFLATE' })
}
