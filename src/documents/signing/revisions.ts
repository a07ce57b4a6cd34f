import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFName,
  type PDFObject,
  PDFParser,
  PDFRawStream,
  PDFRef,
  PDFStream,
} from '@cantoo/pdf-lib'

/**
 * What each revision appended after a signature changed, judged by the rules of PAdES and of pyHanko's
 * difference analysis (`sign/diff_analysis`): a later revision may add signature fields with their widgets
 * and appearances, sign them, fill form fields that existed (values and appearances), add or extend the DSS,
 * add document time-stamps, grow the form's /Fields and set /SigFlags, and add /DSS, /AcroForm and
 * /Extensions to the catalog. Anything else a reader would see — a page's /Contents or /Resources, an object
 * of its content, a new annotation that is not a form field, a removed field, a signed field — is a forbidden
 * change, each named. Objects nothing reachable from the catalog refers to are not the document: ignored.
 * A pure function of the bytes.
 */

export type RevisionReport = { from: number; to: number; forbidden: string[] }
/** Certificates and CRLs the file's DSS carries (the final revision's), for the chain checks. */
export type FileValidationData = { certificates: Uint8Array[]; crls: Uint8Array[] }
export type RevisionAnalysis = { revisions: RevisionReport[]; validationData: FileValidationData }

type State = { objects: Map<PDFRef, PDFObject>; root?: PDFRef }

type FieldInfo = { name: string; type?: string; signed: boolean }
type Role =
  | { kind: 'catalog' | 'acroform' | 'fields' | 'pages-node' | 'form-resources' | 'dss' }
  | { kind: 'page' | 'contents' | 'resources' | 'annots' | 'annotation'; page: number }
  | { kind: 'field' | 'widget' | 'appearance'; field: FieldInfo }

/**
 * What filling an unsigned field may change: pyHanko's VALUE_UPDATE_KEYS (`sign/diff_analysis/constants.py`):
 * value, appearance and its state, annotation flags, default appearance and quadding, the field's type and flags.
 */
const VALUE_UPDATE_KEYS = new Set(['V', 'AP', 'AS', 'F', 'DA', 'Q', 'Ff', 'Type'])

const HEADER = Buffer.from('%PDF-1.7\n', 'latin1')
const MAX_DEPTH = 64

/** One section of the file parsed on its own: the objects it defines (the last definition wins) and its /Root. */
/**
 * A section as the parser reads it, the signature values inside it (`values`: [start, end) of each `<…>` hex
 * string, as offsets of the whole file) blanked to `<>` and spaces: the revisions are judged by their objects,
 * never by a value's bytes (the signatures are checked over the file as it is), and pdf-lib reads a hex string a
 * character at a time into a string of its own, the garbage of 20–30 KB a signature.
 */
const parseSection = async (pdf: Uint8Array, from: number, to: number, values: [number, number][] = []) => {
  const bytes = Buffer.concat([HEADER, pdf.subarray(from, to)])
  for (const [start, end] of values) {
    if (start < from || end > to || end - start < 2) continue
    const at = HEADER.length + start - from
    bytes[at + 1] = 0x3e // '>'
    bytes.fill(0x20, at + 2, at + end - start)
  }
  const parser = PDFParser.forBytesWithOptions(bytes, Number.POSITIVE_INFINITY)
  const ctx = await parser.parseDocument()
  const root = ctx.trailerInfo.Root
  return { objects: new Map(ctx.enumerateIndirectObjects()), root: root instanceof PDFRef ? root : undefined }
}

const look = (s: State, o: PDFObject | undefined): PDFObject | undefined => (o instanceof PDFRef ? s.objects.get(o) : o)
const dictOf = (s: State, o: PDFObject | undefined) => {
  const v = look(s, o)
  return v instanceof PDFDict ? v : v instanceof PDFStream ? v.dict : undefined
}
const arrayOf = (s: State, o: PDFObject | undefined) => {
  const v = look(s, o)
  return v instanceof PDFArray ? v.asArray() : []
}
const get = (d: PDFDict | undefined, key: string) => d?.get(PDFName.of(key))
const nameOf = (o: PDFObject | undefined) => (o instanceof PDFName ? o.asString().slice(1) : undefined)
const text = (o: PDFObject | undefined) =>
  o && 'decodeText' in o ? (o as unknown as { decodeText: () => string }).decodeText() : undefined
const same = (a: PDFObject | undefined, b: PDFObject | undefined) => (a?.toString() ?? '') === (b?.toString() ?? '')

/** Every reference reachable from `start` (itself included when a reference), without following /Parent or /P. */
const reachable = (s: State, start: PDFObject | undefined, into = new Set<PDFRef>()) => {
  const stack: PDFObject[] = start ? [start] : []
  while (stack.length) {
    let o = stack.pop()!
    if (o instanceof PDFRef) {
      if (into.has(o)) continue
      into.add(o)
      const v = s.objects.get(o)
      if (!v) continue
      o = v
    }
    if (o instanceof PDFStream) o = o.dict
    if (o instanceof PDFDict)
      for (const [k, v] of o.entries()) {
        if (k !== PDFName.of('Parent') && k !== PDFName.of('P')) stack.push(v)
      }
    else if (o instanceof PDFArray) stack.push(...o.asArray())
  }
  return into
}

/** What each object of a revision is for: its catalog, form, pages, their content, annotations, fields. */
const rolesOf = (s: State) => {
  const roles = new Map<PDFRef, Role>()
  const claim = (o: PDFObject | undefined, role: Role) => {
    if (o instanceof PDFRef && !roles.has(o)) roles.set(o, role)
  }
  const catalog = dictOf(s, s.root)
  claim(s.root, { kind: 'catalog' })
  let page = 0
  const walk = (node: PDFObject | undefined, depth: number) => {
    const d = dictOf(s, node)
    if (!d || depth > MAX_DEPTH) return
    if (nameOf(get(d, 'Type')) === 'Pages' || get(d, 'Kids')) {
      claim(node, { kind: 'pages-node' })
      for (const r of reachable(s, get(d, 'Resources'))) claim(r, { kind: 'resources', page: 0 })
      for (const kid of arrayOf(s, get(d, 'Kids'))) walk(kid, depth + 1)
      return
    }
    page += 1
    claim(node, { kind: 'page', page })
    const contents = get(d, 'Contents')
    claim(contents, { kind: 'contents', page })
    for (const c of arrayOf(s, contents)) claim(c, { kind: 'contents', page })
    for (const r of reachable(s, get(d, 'Resources'))) claim(r, { kind: 'resources', page })
    claim(get(d, 'Annots'), { kind: 'annots', page })
    for (const a of arrayOf(s, get(d, 'Annots')))
      if (nameOf(get(dictOf(s, a), 'Subtype')) !== 'Widget')
        for (const r of reachable(s, a)) claim(r, { kind: 'annotation', page })
  }
  const form = dictOf(s, get(catalog, 'AcroForm'))
  claim(get(catalog, 'AcroForm'), { kind: 'acroform' })
  claim(get(form, 'Fields'), { kind: 'fields' })
  walk(get(catalog, 'Pages'), 0)
  const fields = (list: PDFObject[], parent: FieldInfo | undefined, depth: number) => {
    for (const f of list) {
      const d = dictOf(s, f)
      if (!d || depth > MAX_DEPTH) continue
      const partial = text(get(d, 'T'))
      const widgetOnly = partial === undefined && parent && nameOf(get(d, 'Subtype')) === 'Widget'
      const type = nameOf(get(d, 'FT')) ?? parent?.type
      const info: FieldInfo = widgetOnly
        ? parent
        : {
            name: [parent?.name, partial].filter(Boolean).join('.'),
            type,
            signed: type === 'Sig' && get(d, 'V') !== undefined,
          }
      claim(f, widgetOnly ? { kind: 'widget', field: info } : { kind: 'field', field: info })
      for (const r of reachable(s, get(d, 'AP'))) claim(r, { kind: 'appearance', field: info })
      fields(arrayOf(s, get(d, 'Kids')), info, depth + 1)
    }
  }
  fields(arrayOf(s, get(form, 'Fields')), undefined, 0)
  for (const r of reachable(s, get(form, 'DR'))) claim(r, { kind: 'form-resources' })
  for (const r of reachable(s, get(catalog, 'DSS'))) claim(r, { kind: 'dss' })
  return roles
}

/** The keys whose values differ between two dictionaries. */
const changedKeys = (a: PDFDict | undefined, b: PDFDict | undefined) => {
  const keys = new Set([...(a?.keys() ?? []), ...(b?.keys() ?? [])].map((k) => k.asString().slice(1)))
  return [...keys].filter((k) => !same(get(a, k), get(b, k)))
}

const refsIn = (items: PDFObject[]) => items.filter((o): o is PDFRef => o instanceof PDFRef)

/** The rules, for one revision: `old` before it, `next` after it, `changed` what it (re)defined. */
const judge = (old: State, next: State, changed: PDFRef[]) => {
  const forbidden: string[] = []
  const roles = rolesOf(old)
  const oldCatalog = dictOf(old, old.root)
  const nextCatalog = dictOf(next, next.root)
  const nextForm = dictOf(next, get(nextCatalog, 'AcroForm'))
  const nextFields = new Set<PDFRef>()
  const collect = (list: PDFObject[], depth: number) => {
    for (const f of refsIn(list)) {
      if (nextFields.has(f) || depth > MAX_DEPTH) continue
      nextFields.add(f)
      collect(arrayOf(next, get(dictOf(next, f), 'Kids')), depth + 1)
    }
  }
  collect(arrayOf(next, get(nextForm, 'Fields')), 0)
  const fieldName = (s: State, r: PDFRef) => text(get(dictOf(s, r), 'T')) ?? `${r.objectNumber} ${r.generationNumber} R`

  const fieldsChange = (before: PDFObject[], after: PDFObject[]) => {
    const kept = new Set(refsIn(after))
    for (const r of refsIn(before)) if (!kept.has(r)) forbidden.push(`удалено поле формы «${fieldName(old, r)}»`)
    const had = new Set(refsIn(before))
    for (const r of refsIn(after)) {
      if (had.has(r)) continue
      const d = dictOf(next, r)
      if (nameOf(get(d, 'FT')) !== 'Sig')
        forbidden.push(`добавлено поле формы «${fieldName(next, r)}», не поле подписи`)
    }
  }
  const formChange = (before: PDFDict | undefined, after: PDFDict | undefined) => {
    for (const k of changedKeys(before, after)) {
      if (k === 'SigFlags') continue
      if (k === 'Fields') fieldsChange(arrayOf(old, get(before, 'Fields')), arrayOf(next, get(after, 'Fields')))
      else if (k === 'DR') {
        // fonts for the appearances of later fields may be added; what earlier ones use stays
        const [b, a] = [dictOf(old, get(before, 'DR')), dictOf(next, get(after, 'DR'))]
        for (const key of b?.keys() ?? []) {
          const [bd, ad] = [dictOf(old, b!.get(key)), dictOf(next, a?.get(key))]
          const kept = bd ? bd.keys().every((n) => same(bd.get(n), ad?.get(n))) : same(b!.get(key), a?.get(key))
          if (!kept) forbidden.push(`форма документа: изменены ресурсы ${key.asString()}`)
        }
      } else forbidden.push(`форма документа: изменён ключ /${k}`)
    }
  }
  const annotsChange = (page: number, before: PDFObject[], after: PDFObject[]) => {
    const kept = new Set(after.map((o) => o.toString()))
    for (const o of before) if (!kept.has(o.toString())) forbidden.push(`страница ${page}: удалена аннотация ${o}`)
    const had = new Set(before.map((o) => o.toString()))
    for (const o of after) {
      if (had.has(o.toString())) continue
      const subtype = nameOf(get(dictOf(next, o), 'Subtype'))
      if (subtype !== 'Widget')
        forbidden.push(`страница ${page}: добавлена аннотация /${subtype ?? '?'}, не поле формы`)
      else if (!(o instanceof PDFRef) || !nextFields.has(o))
        forbidden.push(`страница ${page}: добавлен виджет, которого нет в форме документа`)
    }
  }

  if (old.root && next.root !== old.root) forbidden.push('заменён каталог документа')
  let nextReach: Set<PDFRef> | undefined
  let nextDss: Set<PDFRef> | undefined
  for (const ref of changed) {
    const before = old.objects.get(ref)
    const after = next.objects.get(ref)
    if (!before || same(before, after)) continue // new objects are judged where they are referred to
    const at = `${ref.objectNumber} ${ref.generationNumber} R`
    const role = roles.get(ref)
    const [bd, ad] = [dictOf(old, ref), dictOf(next, ref)]
    switch (role?.kind) {
      case 'catalog':
        for (const k of changedKeys(bd, ad)) {
          if (k === 'DSS' || k === 'Extensions') continue
          if (k === 'AcroForm' && !get(bd, 'AcroForm')) formChange(undefined, dictOf(next, get(ad, 'AcroForm')))
          else if (k === 'AcroForm' && !(get(bd, 'AcroForm') instanceof PDFRef))
            formChange(dictOf(old, get(bd, 'AcroForm')), dictOf(next, get(ad, 'AcroForm')))
          else forbidden.push(`каталог документа: изменён ключ /${k}`)
        }
        break
      case 'acroform':
        formChange(bd, ad)
        break
      case 'fields':
        fieldsChange(arrayOf(old, ref), arrayOf(next, ref))
        break
      case 'page':
        for (const k of changedKeys(bd, ad)) {
          if (k === 'Annots') annotsChange(role.page, arrayOf(old, get(bd, k)), arrayOf(next, get(ad, k)))
          else if (k === 'Contents') {
            // one stream or an array of that one stream is the same content (pdf-lib writes the one as the other)
            const streams = (s: State, d: PDFDict | undefined) => {
              const c = get(d, 'Contents')
              return (look(s, c) instanceof PDFArray ? arrayOf(s, c) : c ? [c] : []).map(String).join(' ')
            }
            if (streams(old, bd) !== streams(next, ad))
              forbidden.push(`страница ${role.page}: изменено содержимое (/Contents)`)
          } else if (k === 'Resources') forbidden.push(`страница ${role.page}: изменены ресурсы (/Resources)`)
          else forbidden.push(`страница ${role.page}: изменён ключ /${k}`)
        }
        break
      case 'annots':
        annotsChange(role.page, arrayOf(old, ref), arrayOf(next, ref))
        break
      case 'contents':
        forbidden.push(`страница ${role.page}: изменён поток её содержимого (${at})`)
        break
      case 'resources':
        forbidden.push(`${role.page ? `страница ${role.page}` : 'дерево страниц'}: изменён объект её ресурсов (${at})`)
        break
      case 'pages-node':
        forbidden.push(`изменено дерево страниц (${at})`)
        break
      case 'annotation':
        forbidden.push(`страница ${role.page}: изменена аннотация (${at})`)
        break
      case 'field':
      case 'widget': {
        const f = role.field
        if (f.signed) forbidden.push(`изменено подписанное поле «${f.name}»`)
        else
          for (const k of changedKeys(bd, ad))
            if (!VALUE_UPDATE_KEYS.has(k)) forbidden.push(`поле «${f.name}»: изменён ключ /${k}`)
        break
      }
      case 'appearance':
        if (role.field.signed) forbidden.push(`изменён вид подписанного поля «${role.field.name}»`)
        break
      case 'form-resources':
        forbidden.push(`изменены ресурсы формы документа (${at})`)
        break
      case 'dss':
        break
      default: {
        nextDss ??= reachable(next, get(nextCatalog, 'DSS'))
        if (nextDss.has(ref)) break
        nextReach ??= reachable(next, next.root)
        if (nextReach.has(ref)) forbidden.push(`изменён объект ${at}`)
      }
    }
  }
  if (!oldCatalog && nextCatalog) forbidden.push('каталог документа не найден в подписанной редакции')
  return forbidden
}

const streamBytes = (s: State, o: PDFObject) => {
  const v = look(s, o)
  if (!(v instanceof PDFRawStream)) return []
  try {
    return [new Uint8Array(decodePDFRawStream(v).decode())]
  } catch {
    return []
  }
}

/**
 * The revisions after each signature's coverage (`ends`: the distinct ends of what signatures cover), each
 * with its forbidden changes, and the validation data of the file's final DSS. Each byte is parsed once:
 * the signed part, then each later section on its own, laid over what came before.
 */
export const analyzeRevisions = async (
  pdf: Uint8Array,
  ends: number[],
  values: [number, number][] = [],
): Promise<RevisionAnalysis> => {
  const bounds = [...ends].sort((a, b) => a - b)
  if (!bounds.length) return { revisions: [], validationData: { certificates: [], crls: [] } }
  if (bounds.at(-1)! < pdf.length) bounds.push(pdf.length)
  let state: State
  try {
    state = await parseSection(pdf, 0, bounds[0]!, values)
  } catch {
    return {
      revisions: [{ from: 0, to: bounds[0]!, forbidden: ['подписанная редакция не читается как PDF'] }],
      validationData: { certificates: [], crls: [] },
    }
  }
  const revisions: RevisionReport[] = []
  for (let i = 1; i < bounds.length; i++) {
    const [from, to] = [bounds[i - 1]!, bounds[i]!]
    let section: State
    try {
      section = await parseSection(pdf, from, to, values)
    } catch {
      revisions.push({ from, to, forbidden: ['редакция не читается как PDF'] })
      continue
    }
    const next: State = { objects: new Map([...state.objects, ...section.objects]), root: section.root ?? state.root }
    revisions.push({ from, to, forbidden: judge(state, next, [...section.objects.keys()]) })
    state = next
  }
  const dss = dictOf(state, get(dictOf(state, state.root), 'DSS'))
  return {
    revisions,
    validationData: {
      certificates: arrayOf(state, get(dss, 'Certs')).flatMap((o) => streamBytes(state, o)),
      crls: arrayOf(state, get(dss, 'CRLs')).flatMap((o) => streamBytes(state, o)),
    },
  }
}
