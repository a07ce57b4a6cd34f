import { count } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditEvents, orders } from '../../src/db/schema'
import { sampleContent, useHarness } from '../support/harness'
import { director } from '../support/people'
import { operationsOf, type Spec } from '../support/contract'
import { testDatabases } from '../support/databases'

describe.each(testDatabases())('bad input gets a clear 4xx and changes nothing ($name)', ({ open }) => {
  const h = useHarness(open)

  const stored = async () => ({
    orders: (await h.database.db.select({ n: count() }).from(orders))[0]!.n,
    events: (await h.database.db.select({ n: count() }).from(auditEvents))[0]!.n,
  })

  it('400 for malformed JSON', async () => {
    const before = await stored()
    const res = await h.call('POST', '/api/orders', { token: h.orgs[0]!.clerk, body: '{"kind": "prikaz",' })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('bad_request')
    expect(await stored()).toEqual(before)
  })

  it('400 in Russian, saying where, for malformed and empty JSON bodies (never the validator’s English)', async () => {
    const before = await stored()
    const t = h.orgs[0]!.clerk
    for (const [body, said] of [
      ['{"kind":', /оборван/],
      ['{"kind": "prikaz",}', /у знака 19/],
      ['', /пусто/],
    ] as const) {
      const res = await h.call('POST', '/api/orders', {
        token: t,
        body,
        headers: { 'content-type': 'application/json' },
      })
      expect(res.status, body).toBe(400)
      expect(res.body.error.message).toBe('Тело запроса не является JSON')
      expect(res.body.error.details[0].message).toMatch(said)
    }
    const put = await h.call('PUT', '/api/orders/7d1f9a3e-0000-4000-8000-000000000000', { token: t, body: '{x' })
    expect(put.body.error.message).toBe('Тело запроса не является JSON')
    expect(await stored()).toEqual(before)
  })

  it('422 listing every problem: missing fields, wrong types, nested paths', async () => {
    const before = await stored()
    const res = await h.call('POST', '/api/orders', {
      token: h.orgs[0]!.clerk,
      body: {
        kind: 'ukaz',
        title: 42,
        points: [{ text: '' }, { text: 'ok', points: [{ executors: 'Иванов' }] }],
        appendices: [{ title: 'П', table: { columns: [{ title: 'a' }, { title: 'b' }], rows: [{ cells: ['1'] }] } }],
      },
    })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('invalid_input')
    // a draft may lack its preamble, its signer and the text of a point (they are asked at submit): what no draft
    // may hold is listed, each by its place
    const paths = res.body.error.details.map((d: { path: string }) => d.path)
    expect(paths).toEqual(['kind', 'title', 'points.1.points.0.executors', 'appendices.0.table.rows.0.cells'])
    expect(res.body.error.details.map((d: { message: string }) => d.message.split(':')[0])).toEqual([
      'Вид документа',
      'Заголовок',
      'Пункт 2.1, исполнители',
      'Приложение 1, таблица, строка 1',
    ])
    expect(await stored()).toEqual(before)
  })

  it('422 naming what is wrong in a submission that fits neither form (approvers or steps), not «Неверные входные данные»', async () => {
    const t = h.orgs[0]!.clerk
    const id = (await h.call('POST', '/api/orders', { token: t, body: sampleContent() })).body.id as string
    const before = await stored()
    const signer = director()
    const submit = (body: unknown) => h.call('POST', `/api/orders/${id}/submit`, { token: t, body })
    const paths = (res: { body: any }) => res.body.error.details.map((d: { path: string }) => d.path).sort()
    const none = await submit({})
    expect(none.status).toBe(422)
    expect(paths(none)).toEqual(['approvers', 'signer', 'steps'])
    const many = await submit({ steps: Array.from({ length: 21 }, () => [signer]), signer })
    expect(many.status).toBe(422)
    expect(paths(many)).toEqual(['steps'])
    expect(many.body.error.details[0].message).toContain('20')
    const both = await submit({ approvers: [signer], steps: [[signer]], signer })
    expect(paths(both)).toEqual(['(body)', '(body)'])
    expect(both.body.error.details.map((d: { message: string }) => d.message).join(' ')).toMatch(
      /approvers.*steps|steps.*approvers/s,
    )
    for (const res of [none, many, both])
      expect(res.body.error.details.map((d: { message: string }) => d.message)).not.toContain('Неверные входные данные')
    expect((await h.call('GET', `/api/orders/${id}`, { token: t })).body.status).toBe('draft')
    expect(await stored()).toEqual(before)
  })

  it('415 for a body that is not JSON at all', async () => {
    const before = await stored()
    const res = await h.call('POST', '/api/orders', {
      token: h.orgs[0]!.clerk,
      body: 'kind=prikaz',
      headers: { 'content-type': 'text/plain' },
    })
    expect(res.status).toBe(415)
    expect(res.body.error).toMatchObject({ code: 'unsupported_media_type', message: expect.stringContaining('JSON') })
    expect(await stored()).toEqual(before)
  })

  it('404 for unknown and malformed ids and routes', async () => {
    const t = h.orgs[0]!.clerk
    expect((await h.call('GET', '/api/orders/7d1f9a3e-0000-4000-8000-000000000000', { token: t })).status).toBe(404)
    expect((await h.call('GET', '/api/orders/not-an-id', { token: t })).status).toBe(404)
    expect((await h.call('POST', '/api/orders/not-an-id/register', { token: t, body: {} })).status).toBe(404)
    const route = await h.call('GET', '/api/nothing-here', { token: t })
    expect(route.status).toBe(404)
    expect(route.body.error.code).toBe('not_found')
  })

  it('405 naming the allowed methods at an address that exists under other methods, 204 to OPTIONS; 404 stays for none', async () => {
    const t = h.orgs[0]!.clerk
    const before = await stored()
    const id = '7d1f9a3e-0000-4000-8000-000000000000'
    for (const [method, path, allow] of [
      ['DELETE', '/api/orders', 'GET, POST, HEAD, OPTIONS'],
      ['GET', '/api/links/some-token/approve', 'POST, OPTIONS'],
      ['PATCH', `/api/orders/${id}`, 'GET, PUT, HEAD, OPTIONS'],
      ['GET', `/api/orders/${id}/register`, 'POST, OPTIONS'],
      ['POST', '/api/health', 'GET, HEAD, OPTIONS'],
      ['DELETE', '/openapi.json', 'GET, HEAD, OPTIONS'],
    ] as const) {
      const res = await h.call(method, path, { token: t })
      expect(res.status, `${method} ${path}`).toBe(405)
      expect(res.headers.get('allow'), `${method} ${path}`).toBe(allow)
      expect(res.body.error.code).toBe('method_not_allowed')
      expect(res.body.error.message).toBe(`Метод ${method} по этому адресу не поддерживается; можно: ${allow}`)
    }
    const options = await h.call('OPTIONS', '/api/orders', { token: t })
    expect(options.status).toBe(204)
    expect(options.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS')
    const head = await h.call('HEAD', `/api/orders/${id}/cancel`, { token: t })
    expect(head.status).toBe(405)
    for (const [method, path] of [
      ['DELETE', '/api/nothing-here'],
      ['OPTIONS', '/nowhere'],
    ] as const) {
      const res = await h.call(method, path, { token: t })
      expect(res.status, `${method} ${path}`).toBe(404)
      expect(res.body.error.message).toBe('Нет такого адреса')
    }
    expect(await stored()).toEqual(before)
  })

  it('401 without a token or with a bad one; 403 for the wrong role', async () => {
    expect((await h.call('GET', '/api/orders')).status).toBe(401)
    expect((await h.call('POST', '/api/orders', { body: { kind: 'nonsense' } })).status).toBe(401)
    const bad = await h.call('GET', '/api/orders', { token: 'forged' })
    expect(bad.status).toBe(401)
    expect(bad.body.error.code).toBe('unauthenticated')
    const wrongPassword = await h.call('POST', '/api/auth/token', {
      body: { email: 'clerk0@test.local', password: 'nope' },
    })
    expect(wrongPassword.status).toBe(401)
    const controller = await h.call('POST', '/api/orders', { token: h.orgs[0]!.controller, body: sampleContent() })
    expect(controller.status).toBe(403)
    expect(
      (
        await h.call('POST', '/api/users', {
          token: h.orgs[0]!.clerk,
          body: { email: 'x@y.z', name: 'X', role: 'admin', password: '12345678' },
        })
      ).status,
    ).toBe(403)
  })

  it("403 for another organization's order, with nothing of its content", async () => {
    const id = (
      await h.call('POST', '/api/orders', {
        token: h.orgs[0]!.clerk,
        body: sampleContent({ title: 'Секретный приказ' }),
      })
    ).body.id
    for (const [method, path, body] of [
      ['GET', `/api/orders/${id}`],
      ['GET', `/api/orders/${id}/history`],
      ['PUT', `/api/orders/${id}`, sampleContent()],
      ['POST', `/api/orders/${id}/cancel`, { reason: 'x' }],
    ] as const) {
      const res = await h.call(method, path, { token: h.orgs[1]!.clerk, body })
      expect(res.status, `${method} ${path}`).toBe(403)
      expect(res.text).not.toContain('Секретный')
    }
    expect((await h.call('GET', `/api/orders/${id}`, { token: h.orgs[0]!.clerk })).body.version).toBe(1)
  })

  it('413 for a body over the limit', async () => {
    const before = await stored()
    const huge = sampleContent({ preamble: 'а'.repeat(6 * 1024 * 1024) })
    const res = await h.call('POST', '/api/orders', { token: h.orgs[0]!.clerk, body: huge })
    expect(res.status).toBe(413)
    expect(res.body.error.code).toBe('too_large')
    expect(await stored()).toEqual(before)
  })

  it('no 404 repeats the id sent: every route of the spec with an id, unknown ids, under each role', async () => {
    const spec = (await (await h.app.request('/openapi.json')).json()) as Spec
    const org = h.orgs[0]!
    const callers = [org.clerk, org.admin, org.controller, await h.installationAdmin()]
    let notFound = 0
    for (const { method, path } of operationsOf(spec).filter((o) => o.path.includes('{id}')))
      for (const token of callers) {
        const id = crypto.randomUUID()
        const res = await h.call(method, path.replace('{id}', id), { token, body: method === 'GET' ? undefined : {} })
        if (res.status !== 404) continue
        notFound++
        expect(res.text, `${method} ${path}`).not.toContain(id)
        expect(res.body.error.code).toBe('not_found')
      }
    expect(notFound).toBeGreaterThan(20)
    const user = await h.call('PATCH', `/api/users/${'0'.repeat(8)}-0000-4000-8000-000000000000`, {
      token: org.admin,
      body: { disabled: true },
    })
    expect(user.status).toBe(404)
    expect(user.body.error.message).toBe('Пользователь не найден')
  })

  it('a query’s number left out is «обязательно», not «ожидалось: число, получено: не число»', async () => {
    const res = await h.call('GET', '/api/calendar', { token: h.orgs[0]!.admin })
    expect(res.status).toBe(422)
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'year', message: 'обязательно' })])
    const huge = await h.call('GET', '/api/calendar?year=1e400', { token: h.orgs[0]!.admin })
    expect(huge.body.error.details[0].message).toBe('ожидалось: число, получено: бесконечность (число вне пределов)')
  })

  it('422 for bad journals, users and list parameters', async () => {
    const admin = h.orgs[0]!.admin
    const j = await h.call('POST', '/api/journals', {
      token: admin,
      body: { name: 'Ж', kind: 'prikaz', pattern: '{x}-ОД', reset: 'monthly' },
    })
    expect(j.status).toBe(422)
    expect(j.body.error.details.map((d: { path: string }) => d.path)).toContain('reset')
    const p = await h.call('POST', '/api/journals', {
      token: admin,
      body: { name: 'Ж', kind: 'prikaz', pattern: '{x}-ОД', reset: 'yearly' },
    })
    expect(p.status).toBe(422)
    expect(p.body.error.details.map((d: { message: string }) => d.message).join(' ')).toContain('{x}')
    const dup = await h.call('POST', '/api/users', {
      token: admin,
      body: { email: 'CLERK0@test.local', name: 'Дубль', role: 'clerk', password: '12345678' },
    })
    expect(dup.status).toBe(409)
    const list = await h.call('GET', '/api/orders?status=lost&limit=0&from=2024-13-01', { token: h.orgs[0]!.clerk })
    expect(list.status).toBe(422)
    expect(list.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['from', 'limit', 'status.0'])
    // a period that ends before it begins, and a day the calendar has not, are said as such
    const backwards = await h.call('GET', '/api/orders?from=2027-01-01&to=2026-01-01', { token: h.orgs[0]!.clerk })
    expect(backwards.status).toBe(422)
    expect(backwards.body.error.details).toEqual([
      expect.objectContaining({ path: 'to', message: 'конец периода раньше начала' }),
    ])
    const noSuchDay = await h.call('GET', '/api/orders?from=2026-02-30&to=1.3.2026', { token: h.orgs[0]!.clerk })
    expect(noSuchDay.body.error.details).toEqual([
      expect.objectContaining({ path: 'from', message: 'такого дня нет в календаре: 2026-02-30' }),
      expect.objectContaining({ path: 'to', message: 'дата в виде ГГГГ-ММ-ДД' }),
    ])
    expect((await h.call('GET', '/api/orders?from=2026-01-01&to=2026-01-01', { token: h.orgs[0]!.clerk })).status).toBe(
      200,
    )
  })

  it('describes the API in OpenAPI from the same schemas, browsable at /docs', async () => {
    const doc = (await h.call('GET', '/openapi.json')).body
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/orders',
        '/api/orders/{id}',
        '/api/orders/{id}/submit',
        '/api/links/{token}/approve',
        '/api/orders/{id}/register',
        '/api/journals',
        '/api/auth/token',
        '/api/orders/{id}/document.pdf',
        '/api/orders/{id}/check',
        '/api/templates',
      ]),
    )
    expect(doc.paths['/api/templates'].post.requestBody.content['multipart/form-data']).toBeDefined()
    expect(doc.components.schemas.OrderContent.required).toEqual(
      expect.arrayContaining(['kind', 'title', 'preamble', 'points', 'signer']),
    )
    expect(doc.components.schemas.Point).toBeDefined()
    const docs = await h.call('GET', '/docs')
    expect(docs.text).toContain('/docs/swagger-ui-bundle.js')
    expect((await h.call('GET', '/docs/swagger-ui-bundle.js')).status).toBe(200)
    expect((await h.call('GET', '/api/health')).body).toMatchObject({ status: 'ok', database: { reachable: true } })
  })
})
