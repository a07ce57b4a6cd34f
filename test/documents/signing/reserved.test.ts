import { describe, expect, it } from 'vitest'
import { buildOrderView } from '../../../src/documents/order-view'
import { renderPdf } from '../../../src/documents/pdf'
import { FIELD } from '../../../src/documents/pdf-layout'
import { fieldPage, findField } from '../../../src/documents/signing/fields'
import { loadPdf } from '../../../src/documents/signing/pades'
import { sampleContent } from '../../support/harness'

/** Where the number and date of registration go on each appendix: the seal fills its mark's two fields. */
describe('the appendices’ marks, read back from the rendered file', () => {
  it('come in the appendices’ order, each on its own appendix’s first page', async () => {
    const appendices = Array.from({ length: 3 }, (_, i) => ({
      title: `Приложение ${i + 1}: план мероприятий`,
      text: 'Мероприятия по плану.',
    }))
    const view = buildOrderView(sampleContent({ appendices }), {
      draft: false,
      organization: { name: ['МБОУ «Школа № 1»'], place: 'Смоленск' },
      approvalLines: 2,
    })
    const { doc } = await loadPdf(await renderPdf(view, { createdAt: new Date('2025-09-10T09:00:00Z') }))
    const pages = [1, 2, 3].map((k) => {
      const [date, number] = [findField(doc, FIELD.appendixDate(k)), findField(doc, FIELD.appendixNumber(k))]
      expect(fieldPage(doc, number!)).toBe(fieldPage(doc, date!))
      return fieldPage(doc, date!)
    })
    expect(pages).toHaveLength(3)
    // each appendix starts a page of its own, after the order's text
    expect(pages[0]).toBeGreaterThan(0)
    expect(pages).toEqual([...pages].sort((a, b) => a - b))
    expect(new Set(pages).size).toBe(3)
  })
})
