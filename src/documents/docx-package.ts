import type PizZip from 'pizzip'
import type { ErrorDetail } from '../domain/errors'

/**
 * What an uploaded template may not carry, because every order rendered from it would carry it too:
 * macros (a .docm content type makes the .docx the service serves one Word refuses to open, and the
 * VBA project would travel with every order), relationships to outside resources that Word fetches
 * on opening (an image or a frame at an attacker's address learns who reads which order; a hyperlink
 * is fetched only when clicked, so it stays allowed), and a DOCTYPE in any XML part (entities: XXE and
 * entity bombs for whatever opens the file later).
 */
const MACRO_CONTENT = /macroEnabled|vbaProject|vbaData|ms-office\.activeX/i
const MACRO_PART = /(^|\/)(vbaProject|vbaData)\.(bin|xml)$|(^|\/)activeX\//i
const RELATIONSHIP = /<Relationship\b[^>]*>/g
const EXTERNAL = /\bTargetMode\s*=\s*["']External["']/
const HYPERLINK = /\bType\s*=\s*["'][^"']*\/relationships\/hyperlink["']/
const TARGET = /\bTarget\s*=\s*["']([^"']*)["']/

export const packageProblems = (zip: PizZip): ErrorDetail[] => {
  const problems: ErrorDetail[] = []
  const names = Object.keys(zip.files).filter((name) => !zip.files[name]!.dir)
  const types = zip.file('[Content_Types].xml')?.asText() ?? ''
  if (MACRO_CONTENT.test(types) || names.some((name) => MACRO_PART.test(name)))
    problems.push({
      code: 'macros',
      path: 'file',
      message: 'Шаблон содержит макросы (.docm, vbaProject.bin или ActiveX): сохраните его как «Документ Word (.docx)»',
    })
  for (const name of names.filter((n) => n.endsWith('.xml') || n.endsWith('.rels'))) {
    const text = zip.file(name)!.asText()
    if (/<!DOCTYPE/i.test(text))
      problems.push({
        code: 'doctype',
        path: `file:${name}`,
        message: `Часть ${name} содержит объявление <!DOCTYPE>: в документе Word его не бывает`,
      })
    if (!name.endsWith('.rels')) continue
    for (const relationship of text.match(RELATIONSHIP) ?? []) {
      if (!EXTERNAL.test(relationship) || HYPERLINK.test(relationship)) continue
      problems.push({
        code: 'external_resource',
        path: `file:${name}`,
        message: `Шаблон ссылается на внешний ресурс ${JSON.stringify((TARGET.exec(relationship)?.[1] ?? '').slice(0, 100))}, который Word загрузит при открытии: вставьте его в документ`,
      })
    }
  }
  return problems
}
