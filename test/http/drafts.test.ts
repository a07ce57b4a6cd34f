import { describe, expect, it } from 'vitest'
import { sampleContent, useHarness } from '../support/harness'
import { approver, director } from '../support/people'
import { testDatabases } from '../support/databases'

describe.each(testDatabases())('unfinished drafts over HTTP ($name)', ({ open }) => {
  const h = useHarness(open)
  const clerk = () => h.orgs[0]!.clerk

  it('saves a draft of its kind alone, a new version of it unfinished, and refuses to send it, every problem by its place', async () => {
    const created = await h.call('POST', '/api/orders', { token: clerk(), body: { kind: 'prikaz' } })
    expect(created.status).toBe(201)
    const id = created.body.id as string
    const unfinished = {
      kind: 'prikaz',
      title: 'Об утверждении плана',
      points: [
        { text: 'Утвердить план.', points: Array.from({ length: 10 }, (_, i) => ({ text: i === 9 ? '' : 'а' })) },
      ],
      appendices: [{ title: 'План', table: { columns: [], rows: [] } }],
    }
    const put = await h.call('PUT', `/api/orders/${id}`, { token: clerk(), body: unfinished })
    expect(put.status).toBe(200)
    expect(put.body.version).toBe(2)
    const stored = (await h.call('GET', `/api/orders/${id}`, { token: clerk() })).body.content
    expect(stored.points[0].points[9].text).toBe('')

    const route = { approvers: [approver(1)], signer: director() }
    const sent = await h.call('POST', `/api/orders/${id}/submit`, { token: clerk(), body: route })
    expect(sent.status).toBe(422)
    expect(sent.body.error.message).toBe('Приказ не готов к отправке: 5 замечаний')
    expect(sent.body.error.details.map((d: { message: string }) => d.message)).toEqual([
      'Преамбула: нет текста',
      'Пункт 1.10: нет текста',
      'Подписывает, должность: не указана',
      'Подписывает, И.О. Фамилия: не указаны',
      'Приложение 1, таблица: нет ни одного столбца',
    ])
    // nothing moved: still a draft, no link issued
    const after = (await h.call('GET', `/api/orders/${id}`, { token: clerk() })).body
    expect(after.status).toBe('draft')
    expect(after.approvals ?? []).toEqual([])

    // finished, it goes
    expect((await h.call('PUT', `/api/orders/${id}`, { token: clerk(), body: sampleContent() })).status).toBe(200)
    expect((await h.call('POST', `/api/orders/${id}/submit`, { token: clerk(), body: route })).status).toBe(200)
  })

  it('renders an unfinished draft: the PDF and the DOCX of a draft with an empty table and no point', async () => {
    const id = (
      await h.call('POST', '/api/orders', {
        token: clerk(),
        body: { kind: 'rasporyazhenie', appendices: [{ title: '', table: { columns: [], rows: [{ section: '' }] } }] },
      })
    ).body.id
    const pdf = await h.call('GET', `/api/orders/${id}/document.pdf`, { token: clerk() })
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toContain('application/pdf')
    const docx = await h.call('GET', `/api/orders/${id}/document.docx`, { token: clerk() })
    expect(docx.status).toBe(200)
  })

  it('refuses a body no draft may hold with each place named once, in Russian, storing nothing', async () => {
    const res = await h.call('POST', '/api/orders', {
      token: clerk(),
      body: { kind: 'prikaz', points: [{ text: 'x'.repeat(10_001) }, { text: 'ok', executors: ['\u0007'] }] },
    })
    expect(res.status).toBe(422)
    expect(res.body.error.message).toBe('Проект не сохранён: 2 ошибки')
    expect(
      res.body.error.details.map((d: { path: string; message: string }) => [d.path, d.message.split(' (')[0]]),
    ).toEqual([
      ['points.0.text', 'Пункт 1: не длиннее 10000 знаков'],
      ['points.1.executors.0', 'Пункт 2, исполнитель 1: недопустимый символ U+0007'],
    ])
    expect(
      (await h.call('POST', '/api/orders', { token: clerk(), body: { title: 'без вида' } })).body.error.details[0]
        .message,
    ).toMatch(/^Вид документа: /)
  })

  it('checks content not yet saved: saveable, not complete, each problem by its place once', async () => {
    const res = await h.call('POST', '/api/orders/check', {
      token: clerk(),
      body: {
        kind: 'prikaz',
        title: 'О плане',
        preamble: 'В соответствии с планом,',
        points: [{ text: '' }],
        signer: { position: 'Директор', name: 'Е.В. Смирнова' },
        appendices: [{ title: 'План', table: { columns: [], rows: [] } }],
      },
    })
    expect(res.status).toBe(200)
    expect(res.body.valid).toBe(true)
    expect(res.body.complete).toBe(false)
    const messages = res.body.problems.map((p: { message: string }) => p.message)
    expect(messages.slice(0, 2)).toEqual(['Пункт 1: нет текста', 'Приложение 1, таблица: нет ни одного столбца'])
    expect(new Set(messages).size).toBe(messages.length)
    const ready = await h.call('POST', '/api/orders/check', { token: clerk(), body: sampleContent() })
    expect(ready.body).toMatchObject({ valid: true, complete: true })
  })
})
