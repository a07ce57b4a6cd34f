import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../src/domain/limits'
import { buildOrderView } from '../../src/documents/order-view'
import { renderPdf } from '../../src/documents/pdf'
import { APPROVAL_LINE_HEIGHT } from '../../src/documents/pdf-layout'
import { reservedBoxes } from '../../src/documents/signing/reserved'
import { sampleContent } from '../support/harness'

const facts = { draft: false, organization: { name: ['СРЕДНЯЯ ШКОЛА № 5'], place: 'Смоленск' } }

// the approval sheet is one box kept whole under its heading: the route's bound must be what a page holds
describe('the approval sheet at the bound of approvers', () => {
  const shapes = {
    'a short order': sampleContent(),
    // the points end low on page 1, so the sheet and its heading start on a page of their own
    'an order filling its first page': sampleContent({
      points: Array.from({ length: 14 }, (_, i) => ({ text: `Пункт номер ${i + 1} приказа, в одну строку.` })),
    }),
  }
  for (const [shape, content] of Object.entries(shapes))
    it(`renders ${LIMITS.route.approvers} visa lines for ${shape}`, async () => {
      const lines = LIMITS.route.approvers
      const pdf = await renderPdf(buildOrderView(content, { ...facts, approvalLines: lines }))
      const boxes = await reservedBoxes(pdf)
      const sheet = boxes.approvalSheet!
      expect(sheet.height).toBeCloseTo(lines * APPROVAL_LINE_HEIGHT, 3)
      // whole on the last page, above its bottom margin
      expect(sheet.page).toBe(boxes.pages - 1)
      expect(sheet.y).toBeGreaterThan(0)
    })
})
