import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importOrder } from '../../src/domain/import'
import { LIMITS } from '../../src/domain/limits'
import { DOCX_TYPE } from '../../src/services/import-order'
import { testDatabases } from '../support/databases'
import { useHarness } from '../support/harness'
import { asFixture, expectEveryWordKept, fixtureJson, fixturesDir, SAMPLES, sampleText } from '../support/import'
import { bomb, deflated, writeZip as zipOf } from '../support/zip'

/**
 * POST /api/orders/import: a clerk's text or Word file in, the order's content out, nothing stored. The
 * samples come to their fixtures from text and from LibreOffice's DOCX alike; bad bodies get a 4xx that names
 * what is wrong; a large body is read on a worker thread with the same answer.
 */
const docx = (name: string) => new Uint8Array(readFileSync(join(fixturesDir, 'import', 'docx', `${name}.docx`)))

describe.each(testDatabases().slice(0, 1))('importing an order ($name)', ({ open }) => {
  const h = useHarness(open)
  const post = (body: Uint8Array | string, type: string, token = h.orgs[0]!.clerk) =>
    h.app.request('/api/orders/import', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    })
  const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any })

  it('the samples from their text and from their DOCX come to the fixtures, every word kept, nothing stored', async () => {
    const before = (await h.call('GET', '/api/orders', { token: h.orgs[0]!.clerk })).body.items.length
    for (const { file, fixture } of SAMPLES) {
      const text = sampleText(file)
      const fromText = await json(await post(text, 'text/plain; charset=utf-8'))
      expect(fromText.status).toBe(200)
      expect(asFixture(fromText.body.content)).toStrictEqual(fixtureJson(fixture))
      expectEveryWordKept(text, fromText.body)
      const fromDocx = await json(await post(docx(file), DOCX_TYPE))
      expect(fromDocx.status).toBe(200)
      expect(fromDocx.body).toStrictEqual(fromText.body)
    }
    expect((await h.call('GET', '/api/orders', { token: h.orgs[0]!.clerk })).body.items.length).toBe(before)
  })

  it('a Word table with a merged section row and a cell of two paragraphs; a .docx sent as octet-stream', async () => {
    const { status, body } = await json(await post(docx('11-word-table'), 'application/octet-stream'))
    expect(status).toBe(200)
    expect(body.content.registration).toStrictEqual({ number: '301', date: '2024-09-02' })
    expect(body.content.appendices[0].table).toStrictEqual({
      columns: [
        { title: '№ п/п', role: 'number' },
        { title: 'Мероприятие', role: 'activity' },
        { title: 'Срок', role: 'deadline' },
        { title: 'Ответственный', role: 'executor' },
      ],
      rows: [
        { section: 'Раздел 1. Олимпиады' },
        { cells: ['1', 'Школьный этап олимпиады по всем предметам', 'сентябрь–октябрь 2024', 'Осипова Л.Л.'] },
        { cells: ['2', 'Муниципальный этап', 'ноябрь 2024', 'методисты'] },
      ],
    })
  })

  it("executors matched to the clerk's organization's directory, not another's", async () => {
    const admin = h.orgs[0]!.admin
    for (const name of ['Лаврушкина Е.А.', 'Романова И.Е.'])
      expect((await h.call('POST', '/api/executors', { token: admin, body: { name, kind: 'person' } })).status).toBe(
        201,
      )
    const text = sampleText('001_b5a9738c17053c3d')
    const mine = await json(await post(text, 'text/plain'))
    expect(mine.body.content.points[1].executors).toStrictEqual(['Лаврушкиной Е.А.', 'Романовой И.Е.'])
    expect(mine.body.doubts).toContainEqual({
      path: 'points.1.executors',
      message: '«Балабановой Н.В.» нет в справочнике исполнителей: добавьте его или укажите исполнителя',
    })
    const theirs = await json(await post(text, 'text/plain', h.orgs[1]!.clerk))
    expect(theirs.body.content.points[1].executors).toBeUndefined()
  })

  it('a body over the inline bound is read on a worker thread, with the same answer as in the process', async () => {
    const sample = sampleText('001_b5a9738c17053c3d')
    const rows = sample.slice(sample.indexOf('1.2\t'), sample.indexOf('1.3\t'))
    let text = sample
    while (Buffer.byteLength(text) <= LIMITS.import.inlineBytes * 2) text += rows
    // watched, not replaced: the pool's own render runs, and the test sees that it was asked
    const renderer = h.deps.renderer
    const render = renderer.render
    const asked: string[] = []
    renderer.render = (task) => {
      asked.push(task.format)
      return render(task)
    }
    // the second organization's clerk: its directory is empty, as the one given to the importer here
    const { status, body } = await json(await post(text, 'text/plain', h.orgs[1]!.clerk)).finally(() => {
      renderer.render = render
    })
    expect(asked).toStrictEqual(['import'])
    expect(status).toBe(200)
    expect(body).toStrictEqual(JSON.parse(JSON.stringify(importOrder(text, { directory: [], today: '2026-03-10' }))))
  })

  it('text that is no order: one point holding it, and why', async () => {
    const renderer = h.deps.renderer
    const render = renderer.render
    let asked = 0
    renderer.render = (task) => {
      asked++
      return render(task)
    }
    const { status, body } = await json(await post('Уважаемые коллеги!\nНапоминаем о сроках.', 'text/plain')).finally(
      () => {
        renderer.render = render
      },
    )
    // a small body is read in the process: no thread is woken for it
    expect(asked).toBe(0)
    expect(status).toBe(200)
    expect(body.content.points).toStrictEqual([{ text: 'Уважаемые коллеги!\nНапоминаем о сроках.' }])
    expect(body.doubts[0].path).toBe('points.0')
  })

  const code = async (res: Response) => {
    const { status, body } = await json(res)
    return [status, body.error.details?.[0]?.code ?? body.error.code]
  }

  it('bad bodies: 422 or 413 naming what is wrong, never a 500', async () => {
    expect(await code(await post('', 'text/plain'))).toStrictEqual([422, 'empty'])
    expect(await code(await post('   \n\t\n', 'text/plain'))).toStrictEqual([422, 'empty'])
    const junk = new Uint8Array(4096).map((_, i) => (i * 7919) % 256)
    expect(await code(await post(junk, 'text/plain'))).toStrictEqual([422, 'not_text'])
    expect(await code(await post('a\u0000b\u0001c\u0002d', 'text/plain'))).toStrictEqual([422, 'not_text'])
    expect(await code(await post(junk, DOCX_TYPE))).toStrictEqual([422, 'unreadable'])
    expect(await code(await post('ПРИКАЗ', 'text/plain; charset=windows-1251'))).toStrictEqual([422, 'invalid_charset'])
    expect(await code(await post('{"a":1}', 'application/json'))).toStrictEqual([422, 'unsupported_type'])
    const big = new Uint8Array(LIMITS.import.bytes + 1).fill(0x41)
    expect((await post(big, 'text/plain')).status).toBe(413)
  })

  it('a DOCX bomb is refused by its declared sizes (413), XML nested without end by its depth (422)', async () => {
    const bombed = zipOf([await bomb('word/document.xml', 300)])
    const refused = await json(await post(bombed, DOCX_TYPE))
    expect(refused.status).toBe(413)
    expect(refused.body.error.details[0]).toMatchObject({ code: 'too_large' })
    const deep = `<w:document><w:body>${'<w:sdt>'.repeat(5000)}<w:p><w:r><w:t>x</w:t></w:r></w:p>${'</w:sdt>'.repeat(5000)}</w:body></w:document>`
    const nested = zipOf([deflated('word/document.xml', new TextEncoder().encode(deep))])
    const deepAnswer = await json(await post(nested, DOCX_TYPE))
    expect(deepAnswer.status).toBe(422)
    expect(deepAnswer.body.error.details[0].message).toMatch(/вложены глубже/)
    const tables = `<w:document><w:body>${'<w:tbl><w:tr><w:tc>'.repeat(20)}<w:p/>${'</w:tc></w:tr></w:tbl>'.repeat(20)}</w:body></w:document>`
    const nestedTables = zipOf([deflated('word/document.xml', new TextEncoder().encode(tables))])
    expect((await post(nestedTables, DOCX_TYPE)).status).toBe(422)
    const noDocument = zipOf([deflated('word/styles.xml', new TextEncoder().encode('<w:styles/>'))])
    expect(await code(await post(noDocument, DOCX_TYPE))).toStrictEqual([422, 'unreadable'])
  })

  it('for clerks only', async () => {
    expect((await post('ПРИКАЗ', 'text/plain', h.orgs[0]!.controller)).status).toBe(403)
    expect(
      (
        await h.app.request('/api/orders/import', {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: 'x',
        })
      ).status,
    ).toBe(401)
  })

  it('is in the OpenAPI description with every status it answers', async () => {
    const spec = (await h.call('GET', '/openapi.json')).body
    const op = spec.paths['/api/orders/import'].post
    expect(Object.keys(op.requestBody.content).sort()).toStrictEqual([DOCX_TYPE, 'text/plain'].sort())
    expect(Object.keys(op.responses).sort()).toStrictEqual(['200', '400', '401', '403', '413', '422', '503'])
  })
})
