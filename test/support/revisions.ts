import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  type PDFObject,
  PDFRef,
  PDFStream,
  PDFString,
} from '@cantoo/pdf-lib'

/**
 * What each incremental update of a signed PDF wrote, judged against the file as it was pinned (the first
 * revision): a small stand-in for the difference analysis of a strict validator (pyHanko), for the tests.
 * Revisions end at each `%%EOF`; an update's objects are the `n g obj` it writes (ours use no object streams).
 */
export type RevisionChanges = {
  /** Objects of the pinned file's pages written again: the page, its contents, its resources and theirs. */
  pageObjects: string[]
  /** Fields whose dictionary changed, each with the keys that changed. */
  fields: { name: string; keys: string[] }[]
  fieldsAdded: string[]
  fieldsRemoved: string[]
  /** Keys of the catalog whose values changed (pdf-lib writes the catalog again in every update, unchanged). */
  catalogKeys: string[]
  /** Annotations that are on a page now and were not on it before. */
  annotationsAdded: number
  /** Every object the update writes, by kind: signature, field, appearance, font, dss, form, catalog, … */
  kinds: string[]
}

const EOF = Buffer.from('%%EOF')

/** The byte length of each revision: the file up to each `%%EOF` and its line end. */
export const revisionEnds = (pdf: Uint8Array) => {
  const bytes = Buffer.from(pdf)
  const ends: number[] = []
  for (let at = bytes.indexOf(EOF); at >= 0; at = bytes.indexOf(EOF, at + 1)) {
    let end = at + EOF.length
    while (bytes[end] === 0x0d || bytes[end] === 0x0a) end++
    ends.push(end)
  }
  return ends
}

const textOf = (o: PDFObject | undefined) =>
  o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined

/** Every object reachable from a page, but its annotations and its parent: what is drawn on it. */
const pageReach = (doc: PDFDocument) => {
  const seen = new Set<string>()
  const walk = (o: PDFObject | undefined) => {
    if (o instanceof PDFRef) {
      if (seen.has(o.tag)) return
      seen.add(o.tag)
      return walk(doc.context.lookup(o))
    }
    if (o instanceof PDFStream) return walk(o.dict)
    if (o instanceof PDFArray) return o.asArray().forEach(walk)
    if (o instanceof PDFDict)
      for (const [k, v] of o.entries()) if (!['/Parent', '/Annots', '/P'].includes(k.asString())) walk(v)
  }
  for (const page of doc.getPages()) walk(page.ref)
  return seen
}

const fieldsOf = (doc: PDFDocument) => {
  const form = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict)
  const fields = form?.lookupMaybe(PDFName.of('Fields'), PDFArray)
  const named = new Map<string, PDFDict>()
  for (const ref of fields?.asArray() ?? []) {
    const field = doc.context.lookup(ref)
    if (field instanceof PDFDict) named.set(textOf(field.get(PDFName.of('T'))) ?? String(ref), field)
  }
  return named
}

const annotationCount = (doc: PDFDocument) =>
  doc.getPages().reduce((n, p) => n + (p.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.size() ?? 0), 0)

const kindOf = (o: PDFObject | undefined, dss: Set<string>, tag: string): string => {
  const dict = o instanceof PDFStream ? o.dict : o instanceof PDFDict ? o : undefined
  if (dss.has(tag)) return 'dss'
  if (!dict) return o instanceof PDFArray ? 'array' : 'other'
  const type = dict.get(PDFName.of('Type'))?.toString()
  const subtype = dict.get(PDFName.of('Subtype'))?.toString()
  if (type === '/Sig' || type === '/DocTimeStamp') return 'signature'
  if (dict.has(PDFName.of('FT'))) return 'field'
  if (type === '/Catalog') return 'catalog'
  if (dict.has(PDFName.of('Fields'))) return 'form'
  if (subtype === '/Form') return 'appearance'
  if (type === '/Font' || type === '/FontDescriptor' || dict.has(PDFName.of('Length1'))) return 'font'
  if (o instanceof PDFStream) return 'stream'
  return `other ${type ?? ''} ${subtype ?? ''}`.trim()
}

/** The DSS and everything under it. */
const dssObjects = (doc: PDFDocument) => {
  const seen = new Set<string>()
  const walk = (o: PDFObject | undefined) => {
    if (o instanceof PDFRef) {
      if (seen.has(o.tag)) return
      seen.add(o.tag)
      return walk(doc.context.lookup(o))
    }
    if (o instanceof PDFArray) o.asArray().forEach(walk)
    if (o instanceof PDFDict) for (const v of o.values()) walk(v)
  }
  walk(doc.catalog.get(PDFName.of('DSS')))
  return seen
}

/** The keys whose values differ between two dictionaries (references compared as references). */
const changedKeys = (was: PDFDict, now: PDFDict) =>
  [...new Set([...was.keys(), ...now.keys()].map((k) => k.asString()))]
    .filter((k) => String(was.get(PDFName.of(k.slice(1)))) !== String(now.get(PDFName.of(k.slice(1)))))
    .sort()

/** The changes of every revision after the first (the pinned file), in order. */
export const revisionChanges = async (pdf: Uint8Array): Promise<RevisionChanges[]> => {
  const ends = revisionEnds(pdf)
  const load = (end: number) => PDFDocument.load(pdf.subarray(0, end), { updateMetadata: false })
  const pinned = await load(ends[0]!)
  const drawn = pageReach(pinned)
  const changes: RevisionChanges[] = []
  let before = pinned
  for (let r = 1; r < ends.length; r++) {
    const after = await load(ends[r]!)
    const text = Buffer.from(pdf.subarray(ends[r - 1], ends[r])).toString('latin1')
    const written = [...text.matchAll(/(?:^|[\r\n\s])(\d+) (\d+) obj\b/g)].map((m) => `${m[1]} ${m[2]} R`)
    const [old, now] = [fieldsOf(before), fieldsOf(after)]
    const fields = [...now].flatMap(([name, field]) => {
      const was = old.get(name)
      if (!was) return []
      const keys = new Set([...was.keys(), ...field.keys()].map((k) => k.asString()))
      const changed = [...keys].filter(
        (k) => String(was.get(PDFName.of(k.slice(1)))) !== String(field.get(PDFName.of(k.slice(1)))),
      )
      return changed.length ? [{ name, keys: changed.sort() }] : []
    })
    const dss = dssObjects(after)
    changes.push({
      pageObjects: written.filter((tag) => drawn.has(tag)),
      fields,
      fieldsAdded: [...now.keys()].filter((n) => !old.has(n)),
      fieldsRemoved: [...old.keys()].filter((n) => !now.has(n)),
      catalogKeys: changedKeys(before.catalog, after.catalog),
      annotationsAdded: annotationCount(after) - annotationCount(before),
      kinds: written.map((tag) => {
        const [n, g] = tag.split(' ').map(Number) as [number, number]
        return kindOf(after.context.lookup(PDFRef.of(n, g)), dss, tag)
      }),
    })
    before = after
  }
  return changes
}
