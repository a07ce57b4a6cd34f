import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFContext,
  type PDFRef,
  StandardFonts,
} from '@cantoo/pdf-lib'
import { beforeAll, describe, expect, it } from 'vitest'
import { analyzeRevisions } from '../../../src/documents/signing/revisions'

/**
 * The difference analysis on small PDFs made here: a signed base (a page of text, a text field for the number,
 * a signed and an unsigned signature field), then one incremental update of each kind a later revision may
 * or may not make. The base's end is the «signature's» coverage.
 */
let base: Uint8Array
/** An object of the base nothing refers to. */
let orphan: PDFRef

const sigWidget = (ctx: PDFContext, page: PDFRef, name: string, value?: PDFRef) =>
  ctx.register(
    ctx.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      T: PDFHexString.fromText(name),
      F: 4,
      P: page,
      Rect: [10, 200, 110, 240],
      ...(value ? { V: value } : {}),
    }),
  )

beforeAll(async () => {
  const doc = await PDFDocument.create({ updateMetadata: false })
  const page = doc.addPage([300, 300])
  page.drawText('Order 1', { x: 20, y: 260, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) })
  const form = doc.getForm()
  form.createTextField('number').addToPage(page, { x: 10, y: 10, width: 100, height: 20 })
  const signed = doc.context.register(doc.context.obj({ Type: 'Sig', Contents: PDFHexString.of('00') }))
  for (const ref of [sigWidget(doc.context, page.ref, 'director', signed), sigWidget(doc.context, page.ref, 'seal')]) {
    page.node.addAnnot(ref)
    form.acroForm.addField(ref)
  }
  orphan = doc.context.register(doc.context.obj({ Note: 'unused' }))
  base = await doc.save({ useObjectStreams: false, updateFieldAppearances: false })
})

/** The base with one incremental update made by `change`, and the analysis of that update. */
const appended = async (change: (doc: PDFDocument) => void | Promise<void>) => {
  const doc = await PDFDocument.load(base, { forIncrementalUpdate: true, updateMetadata: false })
  await change(doc)
  const bytes = await doc.commit({ useObjectStreams: false })
  expect(Buffer.from(bytes.subarray(0, base.length)).equals(Buffer.from(base))).toBe(true)
  const { revisions } = await analyzeRevisions(bytes, [base.length])
  expect(revisions).toHaveLength(1)
  return revisions[0]!.forbidden
}

const field = (doc: PDFDocument, name: string) => {
  const fields = doc.getForm().acroForm.dict.lookup(PDFName.of('Fields'), PDFArray)
  for (const ref of fields.asArray()) {
    const d = doc.context.lookup(ref, PDFDict)
    const t = d.get(PDFName.of('T'))
    if (t && 'decodeText' in t && (t as PDFHexString).decodeText() === name) return { ref: ref as PDFRef, dict: d }
  }
  throw new Error(`no field ${name}`)
}

/** An annotation added to the page's /Annots as a signature adds it: pdf-lib's addAnnot would also wrap the
 * page's /Contents in q … Q streams (its normalize), a change of content of its own. */
const addAnnot = (doc: PDFDocument, ref: PDFRef) => doc.getPage(0).node.lookup(PDFName.of('Annots'), PDFArray).push(ref)

const markChanged = (doc: PDFDocument, ref: PDFRef) =>
  (doc.context as unknown as { snapshot: { markRefForSave: (r: PDFRef) => void } }).snapshot.markRefForSave(ref)

describe('permitted after a signature', () => {
  it('nothing appended: nothing to judge', async () => {
    const { revisions } = await analyzeRevisions(base, [base.length])
    expect(revisions).toEqual([])
  })

  it('a new signature field with its widget on the page, /Fields grown and /SigFlags set', async () => {
    const forbidden = await appended((doc) => {
      const page = doc.getPage(0)
      const sig = doc.context.register(doc.context.obj({ Type: 'Sig', Contents: PDFHexString.of('00') }))
      const ap = doc.context.register(
        doc.context.stream('q Q', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 1, 1] }),
      )
      const widget = sigWidget(doc.context, page.ref, 'visa 2', sig)
      doc.context.lookup(widget, PDFDict).set(PDFName.of('AP'), doc.context.obj({ N: ap }))
      addAnnot(doc, widget)
      doc.getForm().acroForm.addField(widget)
      doc.getForm().acroForm.dict.set(PDFName.of('SigFlags'), PDFNumber.of(3))
    })
    expect(forbidden).toEqual([])
  })

  it('the reserved signature field signed: its /V and appearance', async () => {
    const forbidden = await appended((doc) => {
      const { ref, dict } = field(doc, 'seal')
      dict.set(PDFName.of('V'), doc.context.register(doc.context.obj({ Type: 'Sig' })))
      dict.set(PDFName.of('AP'), doc.context.obj({ N: doc.context.register(doc.context.stream('q Q')) }))
      markChanged(doc, ref)
    })
    expect(forbidden).toEqual([])
  })

  it('a form field that existed filled: its value and appearance', async () => {
    const forbidden = await appended((doc) => {
      const { ref, dict } = field(doc, 'number')
      dict.set(PDFName.of('V'), PDFHexString.fromText('12-ОД'))
      markChanged(doc, ref)
      const kid = dict.lookup(PDFName.of('Kids'), PDFArray).get(0) as PDFRef
      doc.context
        .lookup(kid, PDFDict)
        .set(PDFName.of('AP'), doc.context.obj({ N: doc.context.register(doc.context.stream('BT ET')) }))
      markChanged(doc, kid)
    })
    expect(forbidden).toEqual([])
  })

  it('a DSS added to the catalog, with its streams', async () => {
    const forbidden = await appended((doc) => {
      const cert = doc.context.register(doc.context.flateStream(new Uint8Array([1, 2, 3])))
      doc.catalog.set(PDFName.of('DSS'), doc.context.register(doc.context.obj({ Certs: [cert] })))
    })
    expect(forbidden).toEqual([])
  })

  it('an object nothing in the document refers to changed: not the document, ignored', async () => {
    const forbidden = await appended((doc) => {
      doc.context.lookup(orphan, PDFDict).set(PDFName.of('Note'), PDFHexString.fromText('x'))
      markChanged(doc, orphan)
    })
    expect(forbidden).toEqual([])
  })
})

describe('forbidden after a signature, each named', () => {
  it('text drawn on the page: its /Contents changed', async () => {
    const forbidden = await appended(async (doc) => {
      doc.getPage(0).drawText('Added', { x: 20, y: 100, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) })
    })
    expect(forbidden).toContain('страница 1: изменено содержимое (/Contents)')
  })

  it('the page’s content stream rewritten in place', async () => {
    const forbidden = await appended((doc) => {
      const contents = doc.getPage(0).node.get(PDFName.of('Contents'))
      const ref = (contents instanceof PDFArray ? contents.get(0) : contents) as PDFRef
      doc.context.assign(ref, doc.context.stream('BT /F1 12 Tf (Forged) Tj ET'))
      markChanged(doc, ref)
    })
    expect(forbidden).toEqual([expect.stringMatching(/^страница 1: изменён поток её содержимого \(\d+ 0 R\)$/)])
  })

  it('a new annotation that is not a form field (a stamp)', async () => {
    const forbidden = await appended((doc) => {
      const page = doc.getPage(0)
      addAnnot(
        doc,
        doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'Stamp', Rect: [0, 0, 50, 50], P: page.ref })),
      )
    })
    expect(forbidden).toEqual(['страница 1: добавлена аннотация /Stamp, не поле формы'])
  })

  it('a field removed from the form', async () => {
    const forbidden = await appended((doc) => {
      const fields = doc.getForm().acroForm.dict.lookup(PDFName.of('Fields'), PDFArray)
      fields.remove(fields.asArray().indexOf(field(doc, 'number').ref))
    })
    expect(forbidden).toEqual(['удалено поле формы «number»'])
  })

  it('a new form field that is not a signature field', async () => {
    const forbidden = await appended((doc) => {
      doc.getForm().createTextField('extra').addToPage(doc.getPage(0), { x: 150, y: 10, width: 50, height: 20 })
    })
    expect(forbidden).toContain('добавлено поле формы «extra», не поле подписи')
  })

  it('the signed field changed: another signature put in its place', async () => {
    const forbidden = await appended((doc) => {
      const { ref, dict } = field(doc, 'director')
      dict.set(PDFName.of('V'), doc.context.register(doc.context.obj({ Type: 'Sig' })))
      markChanged(doc, ref)
    })
    expect(forbidden).toEqual(['изменено подписанное поле «director»'])
  })

  it('a field that may be filled moved: only its value and appearance may change', async () => {
    const forbidden = await appended((doc) => {
      const { ref, dict } = field(doc, 'seal')
      dict.set(PDFName.of('Rect'), doc.context.obj([0, 0, 300, 300]))
      markChanged(doc, ref)
    })
    expect(forbidden).toEqual(['поле «seal»: изменён ключ /Rect'])
  })

  it('the catalog given anything but /DSS, /AcroForm, /Extensions (an action on opening)', async () => {
    const forbidden = await appended((doc) => {
      doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj({ S: 'JavaScript', JS: PDFHexString.fromText('x') }))
    })
    expect(forbidden).toEqual(['каталог документа: изменён ключ /OpenAction'])
  })

  it('a font of the page’s resources replaced', async () => {
    const forbidden = await appended((doc) => {
      const fonts = doc.getPage(0).node.Resources()!.lookup(PDFName.of('Font'), PDFDict)
      const ref = fonts.values()[0] as PDFRef
      doc.context.assign(ref, doc.context.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Courier' }))
      markChanged(doc, ref)
    })
    expect(forbidden).toEqual([expect.stringMatching(/^страница 1: изменён объект её ресурсов \(\d+ 0 R\)$/)])
  })
})
