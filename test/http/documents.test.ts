import PizZip from 'pizzip'
import { describe, expect, it } from 'vitest'
import { builtInTemplate } from '../../src/documents/builtin-templates'
import { sampleContent, tokenOf, useHarness } from '../support/harness'
import { director } from '../support/people'
import { testDatabases } from '../support/databases'

/** The built-in template with its document part replaced, or a part removed. */
const docxWith = (body: string | null) => {
  const zip = new PizZip(builtInTemplate('prikaz'))
  if (body === null) zip.remove('word/document.xml')
  else
    zip.file(
      'word/document.xml',
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
    )
  return zip.generate({ type: 'uint8array' })
}
/** The built-in template with one part rewritten (or added), as an admin's tool might leave it. */
const docxEdited = (name: string, edit: (text: string) => string) => {
  const zip = new PizZip(builtInTemplate('prikaz'))
  zip.file(name, edit(zip.file(name)?.asText() ?? ''))
  return zip.generate({ type: 'uint8array' })
}
const macroEnabled = () => {
  const zip = new PizZip(docxEdited('word/vbaProject.bin', () => 'VBA'))
  const types = zip.file('[Content_Types].xml')!.asText()
  zip.file('[Content_Types].xml', types.replace('document.main+xml', 'document.macroEnabled.main+xml'))
  return zip.generate({ type: 'uint8array' })
}
const externalImage = docxEdited('word/_rels/document.xml.rels', (rels) =>
  rels.replace(
    '</Relationships>',
    '<Relationship Id="rIdSpy" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="http://spy.example/p.png" TargetMode="External"/></Relationships>',
  ),
)
const withDoctype = docxEdited('word/styles.xml', (xml) =>
  xml.replace(/^<\?xml[^>]*\?>/, '$&<!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>'),
)
const p = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`

describe.each(testDatabases())('documents and templates over HTTP ($name)', ({ open }) => {
  const h = useHarness(open)

  const upload = (bytes: Uint8Array, { kind = 'prikaz', name = 'Шаблон школы', token = h.orgs[0]!.admin } = {}) => {
    const form = new FormData()
    form.set(
      'file',
      new File([new Uint8Array(bytes)], 'template.docx', {
        type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      }),
    )
    form.set('kind', kind)
    form.set('name', name)
    return h.app.request('/api/templates', {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${token}` },
    })
  }

  it('serves a draft as PDF and DOCX with the right types and file names', async () => {
    const clerk = h.orgs[0]!.clerk
    const id = (await h.call('POST', '/api/orders', { token: clerk, body: sampleContent() })).body.id
    const pdf = await h.app.request(`/api/orders/${id}/document.pdf`, { headers: { authorization: `Bearer ${clerk}` } })
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(decodeURIComponent(pdf.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe(
      'Проект приказа «Об утверждении плана мероприятий («дорожной карты») на 2024-2025 учебный год».pdf',
    )
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-')
    const docx = await h.app.request(`/api/orders/${id}/document.docx`, {
      headers: { authorization: `Bearer ${clerk}` },
    })
    expect(docx.headers.get('content-type')).toContain('wordprocessingml')
    const xml = new PizZip(new Uint8Array(await docx.arrayBuffer())).file('word/document.xml')!.asText()
    expect(xml).toContain('ПРОЕКТ')
    expect(xml).toContain('Об утверждении плана мероприятий')
    expect(
      (
        await h.app.request(`/api/orders/${id}/document.pdf`, {
          headers: { authorization: `Bearer ${h.orgs[1]!.clerk}` },
        })
      ).status,
    ).toBe(403)
  })

  it('names a registered order after its number and date', async () => {
    const clerk = h.orgs[0]!.clerk
    const id = (await h.call('POST', '/api/orders', { token: clerk, body: sampleContent() })).body.id
    const link = (
      await h.call('POST', `/api/orders/${id}/submit`, {
        token: clerk,
        body: { approvers: [], sequential: false, signer: director() },
      })
    ).body.links[0].url
    await h.call('POST', `/api/links/${tokenOf(link)}/sign`)
    const reg = (await h.call('POST', `/api/orders/${id}/register`, { token: clerk, body: {} })).body
    const res = await h.app.request(`/api/orders/${id}/document.docx`, {
      headers: { authorization: `Bearer ${clerk}` },
    })
    const name = decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1]!)
    expect(name).toBe(`Приказ № ${reg.number} от ${reg.date.split('-').reverse().join('.')}.docx`)
    const xml = new PizZip(new Uint8Array(await res.arrayBuffer())).file('word/document.xml')!.asText()
    // the appendix mark is a block of lines: «Приложение», «к приказу», «от DD.MM.YYYY № N»
    expect(xml).toContain(`>от ${reg.date.split('-').reverse().join('.')} № ${reg.number}<`)
    expect(xml).not.toContain('ПРОЕКТ')
  })

  it('checks an order: problems with code, Russian message and path; a clean order has none', async () => {
    const clerk = h.orgs[0]!.clerk
    const clean = (await h.call('POST', '/api/orders', { token: clerk, body: sampleContent() })).body.id
    expect((await h.call('GET', `/api/orders/${clean}/check`, { token: clerk })).body).toEqual({
      complete: true,
      problems: [],
    })
    const slips = (
      await h.call('POST', '/api/orders', {
        token: clerk,
        body: sampleContent({ title: 'План на 203/2024 учебный год', appendices: [] }),
      })
    ).body.id
    const { problems } = (await h.call('GET', `/api/orders/${slips}/check`, { token: clerk })).body
    expect(problems.map((x: { code: string }) => x.code).sort()).toEqual(['appendix_absent', 'year_range'])
    expect(problems[0]).toEqual({
      code: expect.any(String),
      message: expect.stringMatching(/[а-я]/),
      path: expect.any(String),
    })
  })

  it('checks name the letters the PDF font lacks, by field; Greek, Hebrew and accents pass', async () => {
    const clerk = h.orgs[0]!.clerk
    const content = sampleContent({
      title: 'Об участии в олимпиаде Ελληνικά и עברית, ударе́ние',
      points: [{ text: 'Утвердить план (Приложение).' }, { text: 'Провести конкурс 漢字 и Հայերեն 👍' }],
      appendices: [{ title: 'План', table: { columns: [{ title: 'А' }], rows: [{ cells: ['مرحبا'] }] } }],
    })
    const id = (await h.call('POST', '/api/orders', { token: clerk, body: content })).body.id
    const saved = (await h.call('GET', `/api/orders/${id}/check`, { token: clerk })).body.problems
    const unsaved = (await h.call('POST', '/api/orders/check', { token: clerk, body: content })).body.problems
    for (const problems of [saved, unsaved]) {
      const missing = problems.filter((p: { code: string }) => p.code === 'glyph_missing')
      expect(missing.map((p: { path: string }) => p.path)).toEqual([
        'points.1.text',
        'appendices.0.table.rows.0.cells.0',
      ])
      expect(missing[0].message).toMatch(
        /^Пункт 2: В шрифте документа \(Tinos\) нет знаков «漢» \(U\+6F22\), «字».*«Հ».*«👍» \(U\+1F44D\)/,
      )
    }
  })

  it.each([
    ['an unreadable file', new Uint8Array([1, 2, 3, 4, 5]), 'unreadable'],
    ['a zip that is not a DOCX', docxWith(null), 'not_docx'],
    ['an unknown tag', docxWith(p('{title}') + p('{salary}')), 'unknown_tag'],
    ['an unclosed loop', docxWith(p('{#points}') + p('{text}')), 'unclosed_loop'],
    ['a tag split oddly', docxWith(p('{tit{le}}')), 'unclosed_tag'],
    ['an unopened loop', docxWith(p('{title}') + p('{/points}')), 'unopened_loop'],
    ['macros (a .docm saved as .docx)', macroEnabled(), 'macros'],
    ['an image Word fetches from outside', externalImage, 'external_resource'],
    ['a DOCTYPE with an external entity', withDoctype, 'doctype'],
    // {@title} would put the clerk's «&» into the XML unescaped: every such order a broken DOCX
    ['the title as a raw XML tag', docxWith(p('{@title}')), 'raw_tag'],
  ])('refuses %s with 422 listing every problem', async (_, bytes, code) => {
    const before = (await h.call('GET', '/api/templates', { token: h.orgs[0]!.admin })).body.items.length
    const res = await upload(bytes)
    expect(res.status).toBe(422)
    const body = await res.json()
    expect(body.error.code).toBe('invalid_input')
    expect(body.error.details.map((d: { code: string }) => d.code)).toContain(code)
    // in Russian, docxtemplater's syntax errors too
    for (const d of body.error.details) expect(d.message).toMatch(/^[А-ЯЁ][^A-Za-z]*[а-яё]/)
    expect((await h.call('GET', '/api/templates', { token: h.orgs[0]!.admin })).body.items.length).toBe(before)
  })

  it('lists several problems of one template at once', async () => {
    const res = await upload(docxWith(p('{salary}') + p('{#points}{password}{/points}') + p('{constructor}')))
    const details = (await res.json()).error.details
    expect(details.map((d: { path: string }) => d.path)).toEqual(['{salary}', '{points.password}', '{constructor}'])
  })

  it('lists a missing file with the fields it refuses, all at once, and stores nothing', async () => {
    const token = h.orgs[0]!.admin
    const before = (await h.call('GET', '/api/templates', { token })).body.items.length
    const form = new FormData()
    form.set('kind', 'ukaz')
    const res = await h.app.request('/api/templates', {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${token}` },
    })
    expect(res.status).toBe(422)
    const { error } = await res.json()
    expect(error.message).toBe('Шаблон: ошибок 3')
    expect(error.details.map((d: { path: string; message: string }) => [d.path, d.message])).toEqual([
      ['kind', expect.stringMatching(/^Неверный вариант/)],
      ['name', 'обязательно'],
      ['file', 'файл не приложен'],
    ])
    expect((await h.call('GET', '/api/templates', { token })).body.items.length).toBe(before)
  })

  it('accepts a good template, which then renders orders of its kind', async () => {
    const good = docxWith(
      p('ШАБЛОН ШКОЛЫ № 5') +
        p('{kindTitle} от {dateText} № {numberText}') +
        p('{title}') +
        p('{#points}') +
        p('{number} {text}') +
        p('{/points}'),
    )
    const res = await upload(good)
    expect(res.status).toBe(201)
    const template = await res.json()
    expect(
      (await h.call('GET', '/api/templates', { token: h.orgs[0]!.clerk })).body.items.map((t: { id: string }) => t.id),
    ).toContain(template.id)
    const clerk = h.orgs[0]!.clerk
    const id = (await h.call('POST', '/api/orders', { token: clerk, body: sampleContent({ templateId: template.id }) }))
      .body.id
    const docx = await h.app.request(`/api/orders/${id}/document.docx`, {
      headers: { authorization: `Bearer ${clerk}` },
    })
    const xml = new PizZip(new Uint8Array(await docx.arrayBuffer())).file('word/document.xml')!.asText()
    expect(xml).toContain('ШАБЛОН ШКОЛЫ № 5')
    expect(xml).toContain('2. Заместителям директора')
    expect((await upload(good, { token: h.orgs[0]!.clerk })).status).toBe(403)
  })
})
