import PizZip from 'pizzip'
import { describe, expect, it } from 'vitest'
import { builtInTemplate } from '../../src/documents/builtin-templates'
import { renderDocx } from '../../src/documents/docx'
import { buildOrderView } from '../../src/documents/order-view'
import { sampleContent } from '../support/harness'

const facts = { draft: true, number: null, date: null, organization: { name: ['ШКОЛА'], place: 'Смоленск' } }
const XML_ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/

describe('a DOCX is well-formed XML whatever text it was given', () => {
  it('drops what XML cannot carry from text stored before input was checked', () => {
    const content = sampleContent({
      title: 'Об\u000bутверждении\ufffe',
      points: [{ text: 'Пункт\u0001 первый\uffff', executors: ['Иванов\u000c'] }],
      appendices: [
        {
          title: 'План\u0007',
          text: 'строка\u000bстрока',
          table: {
            columns: [{ title: 'Кол\u0002' }],
            rows: [{ cells: ['ячейка\u001f'] }, { section: 'Раздел\u0008' }],
          },
        },
      ],
    })
    const zip = new PizZip(renderDocx(builtInTemplate('prikaz'), buildOrderView(content, facts)))
    const xml = zip.file('word/document.xml')!.asText()
    expect(xml).not.toMatch(XML_ILLEGAL)
    for (const word of ['Обутверждении', 'Пункт первый', 'План', 'строкастрока', 'ячейка', 'Раздел', 'Кол'])
      expect(xml).toContain(word)
  })
})
